"""Keeps the gateway's own local Neo4j running: notices its death at once and restarts it.

Used when no NEO4J_URI is given (`make run`). Every POLL_INTERVAL the supervisor looks at the
child process; when it has exited (killed, crashed, out of memory) it logs the exit status,
marks the database down (requests get UNAVAILABLE at once, graph/availability.py) and starts
it again on the same ports and data directory, waiting FIRST_BACKOFF, then twice as long after
each failed attempt (at most MAX_BACKOFF), until it is up or the gateway stops. Once Bolt
answers, graph/monitor.py warms the gateway up and lets requests through again.
"""

from __future__ import annotations

import asyncio
import logging
import time

from graph.availability import Availability
from graph.background import cancel_and_wait
from graph.local_neo4j import LocalNeo4j, LocalNeo4jError

POLL_INTERVAL = 0.1
FIRST_BACKOFF = 1.0
MAX_BACKOFF = 30.0
# A restart is given up (the JVM stopped, another attempt made) only this late: recovering the store
# on a busy machine can take minutes, and Bolt serves before the Browser's web server is up.
RESTART_TIMEOUT = 600.0

log = logging.getLogger("gateway.supervisor")


class Supervisor:
    def __init__(self, neo4j: LocalNeo4j, availability: Availability, poll_interval: float = POLL_INTERVAL,
                 first_backoff: float = FIRST_BACKOFF, max_backoff: float = MAX_BACKOFF) -> None:
        self.neo4j = neo4j
        self.availability = availability
        self.poll_interval = poll_interval
        self.first_backoff = first_backoff
        self.max_backoff = max_backoff
        self.restarts = 0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="neo4j-supervisor")

    async def stop(self) -> None:
        await cancel_and_wait(self._task)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.poll_interval)
            code = self.neo4j.exit_code()
            if code is None:
                continue
            pid = self.neo4j.process.pid if self.neo4j.process is not None else 0
            log.error("the local Neo4j (pid %d) exited with status %d; restarting it", pid, code)
            self.availability.mark_down(f"the local Neo4j exited with status {code}; restarting it")
            await self._restart()

    async def _restart(self) -> None:
        backoff = self.first_backoff
        attempt = 0
        while True:
            attempt += 1
            began = time.monotonic()
            log.warning("starting the local Neo4j again (attempt %d) on bolt://127.0.0.1:%d with data in %s",
                        attempt, self.neo4j.bolt_port, self.neo4j.data_dir)
            try:
                await self._start_once()
            except LocalNeo4jError as error:
                log.error("attempt %d to start the local Neo4j failed: %s; next attempt in %.0fs",
                          attempt, error, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, self.max_backoff)
                continue
            self.restarts += 1
            self.availability.suspect()  # the monitor looks now, not at its next tick
            log.warning("the local Neo4j is up again (attempt %d, %.1fs to open Bolt)", attempt,
                        time.monotonic() - began)
            return

    async def _start_once(self) -> None:
        """One start of the JVM, waited for without blocking the gateway's event loop."""
        self.neo4j.launch()
        deadline = time.monotonic() + max(self.neo4j.start_timeout, RESTART_TIMEOUT)
        while not self.neo4j.poll_ready():
            if time.monotonic() >= deadline:
                raise await asyncio.to_thread(self.neo4j.startup_timed_out)  # stopping a JVM takes seconds
            await asyncio.sleep(0.25)
