"""The gateway's background loops (the Neo4j monitor and supervisor, the dispatcher, the live feed)
start in the app's lifespan and end with it; this is how each is stopped."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any


async def cancel_and_wait(*tasks: asyncio.Task[Any] | None) -> None:
    """Cancel each running task and wait until it has ended, so nothing runs on after shutdown."""
    for task in tasks:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
