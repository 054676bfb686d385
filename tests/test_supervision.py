"""The gateway's own local Neo4j killed under concurrent writers: it fails fast, restarts its
child, recovers fast, and leaves no mutation half-written.

One SIGKILL and restart (a Neo4j start costs 20-80 s on two cores), on a throwaway Neo4j that
the app supervises itself, not the session's. The gateway is served by uvicorn in a thread;
the writers, the /readyz watcher and the Bolt watcher that says when Neo4j is ready again run
on the test's event loop, each recording when it sent and received what.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import pytest
from neo4j import AsyncGraphDatabase

from app import create_app
from graph.constraints import apply_schema
from graph.database import connect
from graph.local_neo4j import LocalNeo4j, free_port
from graph.settings import Settings
from resolvers.auth import ALL_ROLES, issue_token
from tests.support import load_event_types, load_small_bank, served

WRITERS = 20
CAPTURE = """
mutation ($input: CaptureServicingEventInput!) { captureServicingEvent(input: $input) { eventId record } }"""
# Every event a writer captured, with what one capture writes in its one transaction.
CAPTURED = """
MATCH (e:ServicingEvent) WHERE e.record STARTS WITH 'writer '
RETURN e.record AS record,
       COUNT { (:CustomerEventLog {customerId: 'C0000001'})-[:RECORDED]->(e) } AS logged,
       [(e)-[:CONCERNS]->(x) | coalesce(x.productId, x.resourceId)] AS concerns
"""


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


async def test_a_killed_local_neo4j_fails_fast_is_restarted_and_recovers_fast(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="gateway")
    caplog.set_level(logging.INFO, logger="gateway.availability")
    neo4j = LocalNeo4j(tmp_path / "neo4j", free_port(), free_port(), heap="512m", pagecache="64m").start()
    try:
        # The production retry budget (5 s): failing fast must not come from a short one.
        settings = Settings(jwt_secret="supervision-" + "x" * 40, dispatch_interval=0, rate_limit_per_minute=0).with_neo4j(neo4j.uri)
        seeding = connect(settings)
        try:
            await apply_schema(seeding)
            await load_small_bank(seeding, "event_references")
            await load_event_types(seeding)
        finally:
            await seeding.close()

        headers = {"Authorization": f"Bearer {issue_token(settings, 'tester', ALL_ROLES)}"}
        with served(create_app(settings, neo4j)) as url:
            serving = time.monotonic()
            async with httpx2.AsyncClient(base_url=url, headers=headers, timeout=60) as client:
                outcomes: list[Outcome] = []
                readyz: list[tuple[float, int]] = []
                stop = asyncio.Event()
                tasks = [asyncio.create_task(write_until(stop, client, i, outcomes)) for i in range(WRITERS)]
                tasks.append(asyncio.create_task(watch_readyz(stop, client, readyz)))
                try:
                    # Until every writer has captured (the first captures plan their statements).
                    flowing = time.monotonic() + 120
                    while len(flowed := {o.record.split(" capture")[0] for o in outcomes if o.succeeded}) < WRITERS:
                        assert time.monotonic() < flowing, (len(flowed), outcomes[:5])
                        await asyncio.sleep(0.1)
                    await asyncio.sleep(1)  # writers in full flow
                    assert neo4j.process is not None
                    killed_pid = neo4j.process.pid
                    killed = time.monotonic()
                    os.kill(killed_pid, signal.SIGKILL)
                    ready = await bolt_ready_after(neo4j.uri, killed, timeout=300)
                    ready_epoch = time.time() - (time.monotonic() - ready)  # log records carry epoch times
                    deadline = ready + 15
                    while time.monotonic() < deadline and not any(
                            o.succeeded and o.sent > ready for o in outcomes):
                        await asyncio.sleep(0.05)
                    await asyncio.sleep(1)
                finally:
                    stop.set()
                    await asyncio.gather(*tasks)

        successes_after = [o.received for o in outcomes if o.succeeded and o.sent > killed]
        cold = min(o.received for o in outcomes if o.succeeded) - serving  # the same planning, at start
        down = [t for t, status in readyz if killed < t and status == 503]
        print(f"\nfirst success {cold:.1f}s after the gateway started serving; "
              f"kill +{min([o.received for o in outcomes if not o.succeeded and o.received > killed] or [0]) - killed:.3f}s "
              "first UNAVAILABLE, "
              f"+{(down or [0])[0] - killed:.3f}s first /readyz 503, +{ready - killed:.1f}s Bolt ready, "
              f"ready +{min(successes_after or [0]) - ready:.2f}s first success; unanswered (sent, waited): "
              f"{[(round(o.sent - killed, 1), round(o.received - o.sent, 1)) for o in outcomes if o.status == 0]}; "
              f"availability log: {[r.getMessage() for r in caplog.records if r.name.startswith('gateway.availability')]}")
        assert neo4j.process is not None and neo4j.process.pid != killed_pid and neo4j.exit_code() is None
        assert "exited with status -9; restarting it" in caplog.text, caplog.text
        assert "starting the local Neo4j again (attempt 1)" in caplog.text, caplog.text

        # No INTERNAL, nothing uncoded: every answer is a success or UNAVAILABLE, as HTTP 200.
        assert {(o.status, o.codes) for o in outcomes} <= {(200, ()), (200, ("UNAVAILABLE",))}, \
            {(o.status, o.codes) for o in outcomes}
        unavailable = [o for o in outcomes if not o.succeeded and o.received > killed]
        first_unavailable = min(o.received for o in unavailable) - killed
        waits = sorted(o.received - max(o.sent, killed) for o in unavailable)
        # Fail fast: the first UNAVAILABLE within 1 s of the kill, and no request waits out the
        # driver's retries (NEO4J_RETRY_SECONDS, 5 s) as before.
        assert first_unavailable <= 1.0, (first_unavailable, waits[-10:])
        assert waits[-1] < settings.retry_seconds, waits[-10:]
        assert any(killed < t < ready and status == 503 for t, status in readyz)
        assert readyz[-1][1] == 200

        # No partial write: each capture is all there (logged, both references) or absent, and
        # every one the gateway confirmed is there once.
        check = connect(settings)
        try:
            captured = await check.read(CAPTURED)
        finally:
            await check.close()
        records = [row["record"] for row in captured]
        assert len(records) == len(set(records))
        assert all(row["logged"] == 1 and sorted(row["concerns"]) == ["P-CURRENT", "R000900"] for row in captured)
        assert {o.record for o in outcomes if o.succeeded} <= set(records) <= {o.record for o in outcomes}
        # Recover fast: the gateway lets requests through again within 5 s of Neo4j answering (a fresh
        # driver, a ping, the warm-up's first 1.5 s); the first capture then succeeds without restarting
        # anything, its statements planned on the cold JVM (printed; bounded loosely: machine load and
        # the JVM's warm-up dominate it).
        let_through = min(r.created for r in caplog.records if r.getMessage().startswith(
            "Neo4j is available again")) - ready_epoch
        first_success = min(o.received for o in outcomes if o.succeeded and o.sent > killed) - ready
        assert let_through <= 5.0, let_through
        assert first_success <= 30.0, first_success
        print(f"\nkilled Neo4j under {WRITERS} writers: first UNAVAILABLE {first_unavailable:.3f}s after the kill "
              f"(UNAVAILABLE answered in {waits[len(waits) // 2]:.3f}s median, {waits[-1]:.3f}s slowest); "
              f"Bolt ready {ready - killed:.1f}s after the kill; requests let through {let_through:.2f}s after ready; first success "
              f"{first_success:.2f}s after ready; {len(outcomes)} requests, {len(unavailable)} UNAVAILABLE, "
              f"{len(records)} captures checked whole")
    finally:
        neo4j.stop()
        # The log records' tracebacks hold the sockets the driver left behind (tests/support.py,
        # CANCELLED_CONNECT_SOCKETS): let them go now, while the test's warning filters apply.
        caplog.records.clear()
        gc.collect()
