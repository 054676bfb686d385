"""Whether Neo4j can be reached right now, so that requests fail fast while it cannot.

One `Availability` is shared by every view of a `Database`. While it is down, every database
call raises UNAVAILABLE at once instead of waiting out the driver's connection timeouts and
retries, and the calls in flight when it goes down are abandoned (a transaction that never
committed rolls back with its lost connection). Between down and up lies warming: Neo4j
answers again and the gateway is planning its statements; calls then wait (a few seconds at
most) instead of failing, so they neither bounce nor all plan the same statements at once on a
cold JVM. Only graph/monitor.py marks it down, warming and up again; without a monitor it stays
up and the driver's own retries apply.
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
        # While warming: the monotonic time by which calls stop waiting for the warm-up.
        self.warming_until: float | None = None
        self._recovered: asyncio.Future[None] | None = None

    @property
    def up(self) -> bool:
        return self.reason is None

    @property
    def warming(self) -> bool:
        return self.reason is not None and self.warming_until is not None

    async def admit(self) -> None:
        """Return once a call may go to Neo4j: at once while it is up; while it warms, when the
        warm-up ends (or its time is up); raise UNAVAILABLE while it is down, or goes down meanwhile."""
        if self.reason is None:
            return
        if self.warming_until is not None:
            waited = (self.recovered(), self.lost())
            await asyncio.wait(waited, timeout=max(0.0, self.warming_until - time.monotonic()),
                               return_when=asyncio.FIRST_COMPLETED)
            if self.reason is None:
                return
        raise Unavailable(UNAVAILABLE_MESSAGE)

    def lost(self) -> asyncio.Future[None]:
        """A future that completes when Neo4j next goes down: calls in flight race it."""
        self._lost = _pending(self._lost)
        return self._lost

    def recovered(self) -> asyncio.Future[None]:
        """A future that completes when Neo4j is next marked up: calls waiting on a warm-up await it."""
        self._recovered = _pending(self._recovered)
        return self._recovered

    def mark_down(self, reason: str) -> None:
        if self.reason is not None and self.warming_until is None:
            return
        self.reason, self.down_since = reason, self.down_since or time.monotonic()
        self.warming_until = None
        log.error("Neo4j is unavailable: %s; requests get UNAVAILABLE until it answers again", reason)
        _complete(self._lost)

    def mark_warming(self, seconds: float) -> None:
        """Neo4j answers again and is being warmed up: calls wait for it, `seconds` at most."""
        if self.reason is not None:
            self.warming_until = time.monotonic() + seconds
            self.reason = "Neo4j answers again; the gateway is warming up"
            log.warning("Neo4j answers again; requests wait for the warm-up (%.1fs at most)", seconds)

    def mark_up(self) -> None:
        if self.reason is None:
            return
        down_for = time.monotonic() - (self.down_since or time.monotonic())
        self.reason, self.down_since, self.warming_until = None, None, None
        log.warning("Neo4j is available again after %.1fs down", down_for)
        _complete(self._recovered)

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


def _pending(future: asyncio.Future[None] | None) -> asyncio.Future[None]:
    """`future` while it is pending on the running loop, else a new one (tests drive one Database
    from several event loops, and a future belongs to one)."""
    loop = asyncio.get_running_loop()
    if future is None or future.done() or future.get_loop() is not loop:
        return loop.create_future()
    return future


def _complete(future: asyncio.Future[None] | None) -> None:
    if future is not None and not future.done():
        future.set_result(None)
