"""The gateway's background loops (the Neo4j monitor and supervisor, the dispatcher, the live feed)
start in the app's lifespan and end with it; this is how each is stopped."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

# How long a cancelled loop gets to end before it is cancelled again.
RECANCEL_AFTER = 0.5


async def cancel_and_wait(*tasks: asyncio.Task[Any] | None) -> None:
    """Cancel each running task and wait until it has ended, so nothing runs on after shutdown.

    Cancelled again until it ends: on Python 3.11, asyncio.wait_for swallows a cancellation that
    arrives as the call it waits for completes (fixed in 3.12), and a loop around it (the monitor's
    probe) then runs on; once, that held a test's app shutdown forever."""
    for task in tasks:
        if task is None:
            continue
        while not task.done():
            task.cancel()
            await asyncio.wait((task,), timeout=RECANCEL_AFTER)
        with contextlib.suppress(asyncio.CancelledError):
            await task
