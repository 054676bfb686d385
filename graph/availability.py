"""Whether Neo4j can be reached right now, so that requests fail fast while it cannot.

One `Availability` is shared by every view of a `Database`. While it is down, every database
call raises UNAVAILABLE at once instead of waiting out the driver's connection timeouts and
retries, and the calls in flight when it goes down are abandoned (a transaction that never
committed rolls back with its lost connection). Only graph/monitor.py marks it down and up
again; without a monitor it stays up and the driver's own retries apply.
"""

from __future__ import annotations

import asyncio
import logging
import time

from graph.errors import Unavailable

UNAVAILABLE_MESSAGE = "the graph database is unavailable; retry shortly"

log = logging.getLogger("gateway.availability")


class Availability:
    def __init__(self) -> None:
        # Why Neo4j is known to be down (for logs and /readyz); None while it is thought up.
        self.reason: str | None = None
        self.down_since: float | None = None
        self._lost: asyncio.Future[None] | None = None
        self._suspected: asyncio.Event | None = None

    @property
    def up(self) -> bool:
        return self.reason is None

    def check(self) -> None:
        """Raise UNAVAILABLE while Neo4j is known to be down."""
        if self.reason is not None:
            raise Unavailable(UNAVAILABLE_MESSAGE)

    def lost(self) -> asyncio.Future[None]:
        """A future that completes when Neo4j next goes down: calls in flight race it."""
        loop = asyncio.get_running_loop()
        # Tests drive one Database from several event loops; a future belongs to one.
        if self._lost is None or self._lost.done() or self._lost.get_loop() is not loop:
            self._lost = loop.create_future()
        return self._lost

    def mark_down(self, reason: str) -> None:
        if self.reason is not None:
            return
        self.reason, self.down_since = reason, time.monotonic()
        log.error("Neo4j is unavailable: %s; requests get UNAVAILABLE until it answers again", reason)
        if self._lost is not None and not self._lost.done():
            self._lost.set_result(None)

    def mark_up(self) -> None:
        if self.reason is None:
            return
        down_for = time.monotonic() - (self.down_since or time.monotonic())
        self.reason, self.down_since = None, None
        log.warning("Neo4j is available again after %.1fs down", down_for)

    def suspect(self) -> None:
        """A request lost its connection: have the monitor look now rather than at its next tick."""
        if self._suspected is not None:
            self._suspected.set()

    async def suspicion(self, timeout: float) -> None:
        """Wait `timeout` seconds, or less if a request reports a lost connection meanwhile."""
        if self._suspected is None:
            self._suspected = asyncio.Event()
        try:
            await asyncio.wait_for(self._suspected.wait(), timeout)
        except TimeoutError:
            pass
        self._suspected.clear()
