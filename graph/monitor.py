"""Watches whether Neo4j answers, and lets requests through again only once it is warm.

Every PROBE_INTERVAL the monitor opens a TCP connection to the Bolt address of NEO4J_URI
(loopback answers or refuses in microseconds; a vanished remote host lets it time out after
PROBE_TIMEOUT). A request that lost its connection wakes it at once. A refused probe, or two
timed-out ones in a row, mark the database down (graph/availability.py): requests then get
UNAVAILABLE without waiting on the driver. Once the address answers again the monitor recovers
before marking it up: a fresh driver (every pooled connection died with the server), a ping of
the named database, then the statements run most recently are planned again
(`Database.replan_recent`), so the first requests after an outage find their plans made once,
not made by each of them at once on a cold JVM. Meanwhile the database is warming: requests wait
for the replanning instead of bouncing, WARM_WAIT seconds at most. Then `warm` (what start-up
warms, e.g. the routing statement's plan) runs in the background while requests come through.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from graph.background import cancel_and_wait
from graph.database import PING, Database

PROBE_INTERVAL = 0.2
PROBE_TIMEOUT = 1.0
# A freshly started JVM on a busy machine may take many seconds over its first connection and
# query; asking again sooner would only start over.
PING_TIMEOUT = 30.0
# Longest the first requests after an outage wait for the recent statements to be planned again
# (on two cores a cold JVM plans a capture's three statements in about 3 s); the rest goes on in
# the background while requests come through.
WARM_WAIT = 4.0
DEFAULT_BOLT_PORT = 7687

log = logging.getLogger("gateway.availability")


def bolt_address(uri: str) -> tuple[str, int]:
    """Host and port of a Bolt URI (the first router of a neo4j:// URI)."""
    parts = urlsplit(uri)
    return parts.hostname or "127.0.0.1", parts.port or DEFAULT_BOLT_PORT


async def answers(host: str, port: int, timeout: float = PROBE_TIMEOUT) -> bool | None:
    """Whether something accepts TCP connections at host:port: True, False (refused, unreachable),
    or None when nothing answered within `timeout` seconds (a vanished host, or a busy one)."""
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    except TimeoutError:
        return None
    except OSError:
        return False
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()
    return True


class Monitor:
    """Keeps `database.availability` true to whether Neo4j answers, in a background task."""

    def __init__(self, database: Database, warm: Callable[[Database], Awaitable[None]],
                 interval: float = PROBE_INTERVAL) -> None:
        self.database = database
        self.warm = warm
        self.interval = interval
        self.host, self.port = bolt_address(database.uri)
        self._task: asyncio.Task[None] | None = None
        self._warming: asyncio.Task[None] | None = None
        self._stopping = False

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="neo4j-monitor")

    async def stop(self) -> None:
        self._stopping = True
        await cancel_and_wait(self._task, self._warming)

    async def _run(self) -> None:
        availability = self.database.availability
        silent = 0  # probes in a row that timed out
        while True:
            try:
                reachable = await answers(self.host, self.port)
                silent = silent + 1 if reachable is None else 0
                # A refusal is certain; one timeout may be a busy host or event loop, two are not.
                if availability.up and (reachable is False or silent >= 2):
                    availability.mark_down(f"Neo4j at {self.host}:{self.port} does not accept connections")
                elif not availability.up and reachable and await self._recover() and availability.warming:
                    availability.mark_up()  # unless it went down again while warming
            except asyncio.CancelledError:
                raise
            except Exception:  # the monitor must outlive any one failed look
                log.exception("the Neo4j monitor failed a probe; probing again")
            await availability.suspicion(self.interval)

    async def _recover(self) -> bool:
        """A fresh driver, a ping and the warm-up; False (and retried at the next probe) while
        Neo4j answers TCP but cannot serve yet (still starting, recovering its store)."""
        began = time.monotonic()
        await self.database.reconnect()
        warming = self.database.unguarded()
        try:
            # Auto-commit, so not retried, and bounded: a Neo4j still starting may accept a connection
            # and answer it only once it is up; the next probe asks again on a fresh driver.
            await asyncio.wait_for(self._ping(warming), PING_TIMEOUT)
        except Exception as error:  # TimeoutError included
            log.info("Neo4j at %s:%d answers but is not ready yet (%r)", self.host, self.port, error)
            return False
        self.database.availability.mark_warming(WARM_WAIT + 1.0)  # requests' wait outlasts ours
        replanning = asyncio.create_task(warming.replan_recent(), name="neo4j-replan")
        try:
            await asyncio.wait((replanning,), timeout=WARM_WAIT)
        except asyncio.CancelledError:
            await cancel_and_wait(replanning)  # the gateway is stopping
            raise
        if not replanning.done():
            log.warning("Neo4j answers again; planning recent statements for %.1fs so far, letting requests "
                        "through meanwhile", time.monotonic() - began)
        self._warming = asyncio.create_task(self._warm(warming, replanning, began), name="neo4j-warm-up")
        return True

    @staticmethod
    async def _ping(warming: Database) -> None:
        async with warming.driver.session(database=warming.name) as session:
            await (await session.run(PING)).consume()

    async def _warm(self, warming: Database, replanning: asyncio.Task[int], began: float) -> None:
        try:
            planned = await replanning
            log.warning("Neo4j answers again; a fresh driver and %d recent statements planned again took %.1fs",
                        planned, time.monotonic() - began)
            await self.warm(warming)
        except Exception:  # a cold plan is slower, not wrong: requests plan it themselves
            if not self._stopping:
                log.exception("warming up the recovered Neo4j failed")
