"""Stopping the gateway's background loops."""

from __future__ import annotations

import asyncio

import pytest

from graph.background import cancel_and_wait


async def test_a_loop_that_swallows_a_cancellation_is_still_stopped() -> None:
    # What Python 3.11's asyncio.wait_for does when a cancellation lands as its call completes.
    cancellations = 0

    async def loop() -> None:
        nonlocal cancellations
        while True:
            try:
                await asyncio.sleep(0.01)
            except asyncio.CancelledError:
                cancellations += 1
                if cancellations > 1:
                    raise
                asyncio.current_task().uncancel()  # type: ignore[union-attr]  # lost, as wait_for loses it

    task = asyncio.create_task(loop())
    await asyncio.sleep(0.05)
    stopping = asyncio.create_task(cancel_and_wait(task))
    await asyncio.wait((stopping,), timeout=5)  # unlike wait_for, cancels nothing itself
    assert stopping.done(), "the loop ran on after its cancellation"
    assert task.cancelled() and cancellations == 2


async def test_a_loop_that_failed_reports_its_error() -> None:
    async def broken() -> None:
        raise RuntimeError("the loop failed")

    task = asyncio.create_task(broken())
    await asyncio.sleep(0)
    with pytest.raises(RuntimeError, match="the loop failed"):
        await cancel_and_wait(task)


async def test_nothing_to_stop() -> None:
    await cancel_and_wait(None)
