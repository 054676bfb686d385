"""How fast the gateway fails and recovers when its own local Neo4j is killed under writers.

Each run starts a throwaway local Neo4j (a restart costs 20-80 s on two cores), seeds the small
test bank, serves the gateway (which supervises that Neo4j) under uvicorn, has WRITERS clients
capture events through it, sends SIGKILL to the JVM and records what every client saw. It prints,
per run and as medians: the first UNAVAILABLE after the kill (target 1 s), when Bolt answered
again, and the first successful capture after that (target 5 s).

    make bench-recovery RUNS=3

tests/test_supervision.py runs the same scenario once in `make test` and asserts its behaviour.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import logging
import os
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

import httpx2
from neo4j import AsyncGraphDatabase

from app import create_app
from gateway.security.auth import ALL_ROLES, issue_token
from gateway.settings import PROJECT_ROOT, Settings
from graph.constraints import apply_schema
from graph.database import connect
from graph.local_neo4j import LocalNeo4j, free_port
from tests.support import load_event_types, load_small_bank, served

WRITERS = 20
CAPTURE = """
mutation ($input: CaptureServicingEventInput!) { captureServicingEvent(input: $input) { eventId record } }"""


@dataclass(frozen=True)
class Outcome:
    record: str
    sent: float
    received: float
    status: int
    codes: tuple[str | None, ...]  # each error's extensions.code; () when it succeeded

    @property
    def succeeded(self) -> bool:
        return self.status == 200 and not self.codes


@dataclass
class Recovery:
    """What the clients and the gateway's log saw around one kill (monotonic seconds)."""

    serving: float = 0.0
    killed: float = 0.0
    killed_pid: int = 0
    ready: float = 0.0  # Neo4j answered a query on a fresh connection again
    outcomes: list[Outcome] = field(default_factory=list)
    readyz: list[tuple[float, int]] = field(default_factory=list)
    log: list[logging.LogRecord] = field(default_factory=list)

    @property
    def unavailable(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.succeeded and o.received > self.killed]

    @property
    def first_unavailable(self) -> float:
        return min(o.received for o in self.unavailable) - self.killed

    @property
    def bolt_ready(self) -> float:
        return self.ready - self.killed

    @property
    def first_success(self) -> float:
        """From Neo4j answering again to the first capture that succeeded after the kill."""
        return min(o.received for o in self.outcomes if o.succeeded and o.sent > self.killed) - self.ready

    @property
    def cold_start(self) -> float:
        """From the gateway serving to its first successful capture: the same planning, at start."""
        return min(o.received for o in self.outcomes if o.succeeded) - self.serving

    def logged_at(self, prefix: str) -> float:
        """When the gateway first logged a message starting with `prefix` (monotonic seconds)."""
        epoch = min(r.created for r in self.log if r.getMessage().startswith(prefix))
        return epoch - (time.time() - time.monotonic())

    def messages(self, logger: str) -> list[str]:
        return [r.getMessage() for r in self.log if r.name.startswith(logger)]

    def summary(self) -> str:
        waits = sorted(o.received - max(o.sent, self.killed) for o in self.unavailable)
        return (f"first UNAVAILABLE {self.first_unavailable:.3f}s after the kill (median answer "
                f"{waits[len(waits) // 2]:.3f}s, slowest {waits[-1]:.3f}s); Bolt ready {self.bolt_ready:.1f}s after "
                f"the kill; first success {self.first_success:.2f}s after ready; {len(self.outcomes)} requests, "
                f"{len(self.unavailable)} UNAVAILABLE; first success at start {self.cold_start:.1f}s")


def capture(record: str) -> dict[str, Any]:
    return {"query": CAPTURE, "variables": {"input": {
        "customerId": "C0000001", "type": "CARD_REPLACEMENT", "channel": "PHONE", "record": record,
        "result": "RESOLVED", "servicingEventType": "ASSISTED", "accessedProductIds": ["P-CURRENT"],
        "employeeUnitReference": "R000900"}}}


async def write_until(stop: asyncio.Event, client: httpx2.AsyncClient, writer: int, outcomes: list[Outcome]) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        record = f"writer {writer} capture {n}"
        sent = time.monotonic()
        try:
            response = await client.post("/graphql", json=capture(record))
        except httpx2.TimeoutException:
            outcomes.append(Outcome(record, sent, time.monotonic(), 0, ("NO ANSWER",)))
            continue
        body = response.json()
        codes = tuple(error.get("extensions", {}).get("code") for error in body.get("errors") or [])
        outcomes.append(Outcome(record, sent, time.monotonic(), response.status_code, codes))
        if codes:
            await asyncio.sleep(1.0)  # a client's pause before retrying; spares the restarting JVM the CPU


async def watch_readyz(stop: asyncio.Event, client: httpx2.AsyncClient, seen: list[tuple[float, int]]) -> None:
    while not stop.is_set():
        response = await client.get("/readyz")
        seen.append((time.monotonic(), response.status_code))
        await asyncio.sleep(0.2)


async def bolt_ready_after(uri: str, since: float, timeout: float) -> float:
    """When Neo4j answers a query on a fresh connection again (polled every 0.1 s)."""
    deadline = since + timeout
    while time.monotonic() < deadline:
        driver = AsyncGraphDatabase.driver(uri, connection_timeout=5.0)
        try:
            async with driver.session() as session:
                await (await session.run("RETURN 1")).consume()
            return time.monotonic()
        except Exception:
            await asyncio.sleep(0.1)
        finally:
            await driver.close()
    raise AssertionError(f"Neo4j did not answer again within {timeout:.0f}s of the kill")


class _Kept(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.INFO)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        # Without its traceback, which would keep the dead connections' sockets alive.
        kept = copy.copy(record)
        kept.exc_info, kept.exc_text = None, None
        self.records.append(kept)


async def kill_under_writers(neo4j: LocalNeo4j, settings: Settings, writers: int = WRITERS) -> Recovery:
    """Serve the gateway on `neo4j` (seeded), let `writers` capture, SIGKILL the JVM, and watch until
    a second after the first capture that succeeds once Neo4j answers again (at most 15 s)."""

    seen = Recovery()
    gateway = logging.getLogger("gateway")
    kept = _Kept(seen.log)
    gateway.addHandler(kept)
    level = gateway.level
    gateway.setLevel(logging.INFO)
    headers = {"Authorization": f"Bearer {issue_token(settings, 'tester', ALL_ROLES)}"}
    try:
        with served(create_app(settings, neo4j)) as url:
            seen.serving = time.monotonic()
            async with httpx2.AsyncClient(base_url=url, headers=headers, timeout=60) as client:
                stop = asyncio.Event()
                tasks = [asyncio.create_task(write_until(stop, client, i, seen.outcomes)) for i in range(writers)]
                tasks.append(asyncio.create_task(watch_readyz(stop, client, seen.readyz)))
                try:
                    # Until every writer has captured (the first captures plan their statements).
                    flowing = time.monotonic() + 120
                    while len({o.record.split(" capture")[0] for o in seen.outcomes if o.succeeded}) < writers:
                        assert time.monotonic() < flowing, seen.outcomes[:5]
                        await asyncio.sleep(0.1)
                    await asyncio.sleep(1)  # writers in full flow
                    assert neo4j.process is not None
                    seen.killed_pid = neo4j.process.pid
                    seen.killed = time.monotonic()
                    os.kill(seen.killed_pid, signal.SIGKILL)
                    seen.ready = await bolt_ready_after(neo4j.uri, seen.killed, timeout=300)
                    deadline = seen.ready + 15
                    while time.monotonic() < deadline and not any(
                            o.succeeded and o.sent > seen.killed for o in seen.outcomes):
                        await asyncio.sleep(0.05)
                    await asyncio.sleep(1)
                finally:
                    stop.set()
                    await asyncio.gather(*tasks)
    finally:
        gateway.removeHandler(kept)
        gateway.setLevel(level)
    return seen


async def seeded(settings: Settings) -> None:
    """The small test bank, the references a capture names, and the event vocabulary."""
    seeding = connect(settings)
    try:
        await apply_schema(seeding)
        await load_small_bank(seeding, "event_references")
        await load_event_types(seeding)
    finally:
        await seeding.close()


def supervised_settings(jwt_secret: str = "recovery-" + "x" * 40) -> Settings:
    # The production retry budget (5 s): failing fast must not come from a short one.
    return Settings(jwt_secret=jwt_secret, dispatch_interval=0, rate_limit_per_minute=0)


async def one_run(directory: Path) -> Recovery:
    neo4j = LocalNeo4j(directory, free_port(), free_port(), heap="512m", pagecache="64m").start()
    try:
        settings = supervised_settings().with_neo4j(neo4j.uri)
        await seeded(settings)
        return await kill_under_writers(neo4j, settings)
    finally:
        neo4j.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    # The gateway logs every refused request and lost connection of an outage: kept in a file.
    log_file = PROJECT_ROOT / ".cache" / "recovery-bench.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s", filename=log_file, filemode="w")
    print(f"the gateway's log goes to {log_file}", file=sys.stderr)
    results: list[Recovery] = []
    for run in range(1, args.runs + 1):
        print(f"run {run}/{args.runs}: starting a throwaway Neo4j, seeding, {WRITERS} writers, then SIGKILL ...",
              file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory(prefix="recovery-bench-") as directory:
            recovery = asyncio.run(one_run(Path(directory)))
        results.append(recovery)
        print(f"run {run}: {recovery.summary()}", flush=True)
    unavailable = statistics.median(r.first_unavailable for r in results)
    success = [r.first_success for r in results]
    print(f"median of {len(results)}: first UNAVAILABLE {unavailable:.3f}s after the kill (target 1 s); first success "
          f"{statistics.median(success):.2f}s after Neo4j answers again (max {max(success):.2f}s; target 5 s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
