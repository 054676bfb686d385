"""The routing benchmark's burst mode (`make bench-routing BURST=1000`): a Monday morning.

A desk of --burst-desk resources (cypher/bench/burst_desk.cypher: one PHONE seat each, the only
holders of the skill BURST_DESK, in a SERVICING pool of their own) is filled first, one contact per
seat; --burst-warmup contacts are queued and cancelled (a warm JIT, as in a gateway that has been
serving); then --burst contacts asking for that skill arrive at once as concurrent
`requestAllocation` calls over HTTP. Nobody can take them, so every one must be answered (queued) quickly, and
none lost. Reported: the seconds until the last answer, p50/p99 per call, the outcomes, and the
checks, each of which fails the benchmark when broken:

  capacity  no desk resource holds more PENDING/ACCEPTED allocations than its PHONE capacity
  lost      every call was answered with an allocation, each a different one, and the graph
            holds each of them QUEUED (or PENDING, had a seat freed)

Everything the burst made is cancelled afterwards (the queued contacts first, so that freeing
the seats does not serve them), so a rerun on the same bank starts from a full, quiet desk.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import statistics
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
from harness import BenchError, percentile
from routing_calls import ALLOCATE, CANCEL, post

from graph.database import Database
from graph.queries import load

BURST_DESK = load("bench/burst_desk")
BURST_DESK_LOAD = load("bench/burst_desk_load")
ALLOCATION_STATUSES = load("bench/allocation_statuses")
TARGET_SECONDS = 10.0  # issue 20: 1,000 contacts into a full pool answered within 10 s
TARGET_BURST = 1000
CANCEL_CLIENTS = 8
WARMUP_CLIENTS = 16


def contact(customer_id: str) -> dict[str, Any]:
    return {"customerId": customer_id, "channel": "PHONE", "purpose": "SERVICING",
            "requiredSkills": [{"code": "BURST_DESK", "minProficiency": 1}]}


async def allocate(client: httpx.AsyncClient, customer_id: str) -> tuple[float, str, str]:
    """One call: its seconds, the allocation id and status answered."""
    started = time.perf_counter()
    answer = await post(client, ALLOCATE, {"request": contact(customer_id), "key": f"burst-{uuid.uuid4()}"})
    allocation = answer["requestAllocation"]["allocation"]
    return time.perf_counter() - started, allocation["allocationId"], allocation["status"]


async def cancel(client: httpx.AsyncClient, allocation_ids: list[str]) -> None:
    """Cancels the allocations, CANCEL_CLIENTS at a time."""
    pending = iter(allocation_ids)

    async def worker() -> None:
        for allocation_id in pending:
            await post(client, CANCEL, {"id": allocation_id})

    await asyncio.gather(*(worker() for _ in range(CANCEL_CLIENTS)))


async def cancel_open(client: httpx.AsyncClient, queued: list[str], holding: list[str]) -> None:
    """Cancels the queued contacts, then those holding a seat: freeing a seat first would serve a queued one."""
    await cancel(client, queued)
    await cancel(client, holding)


async def open_allocations(db: Database) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """The desk's members with what they hold, and the open allocations' ids: queued, then holding a seat."""
    [row] = await db.read(BURST_DESK_LOAD)
    return row["members"], row["queuedIds"], row["holdingIds"]


async def statuses(db: Database, allocation_ids: list[str]) -> dict[str, str]:
    return {row["allocationId"]: row["status"] for row in await db.read(ALLOCATION_STATUSES, allocationIds=allocation_ids)}


async def fill_desk(client: httpx.AsyncClient, customer_ids: Iterator[str], desk: int) -> list[str]:
    """One contact per seat until every seat is taken; the allocations made. Some customers' contacts
    cannot go to the desk (an indicator forces them to a specialist pool) and queue instead."""
    made, seated = [], 0
    for customer_id in itertools.islice(customer_ids, desk * 5):
        _, allocation_id, status = await allocate(client, customer_id)
        made.append(allocation_id)
        seated += status == "PENDING"
        if seated == desk:
            return made
    raise BenchError(f"filling the desk: {seated} of {desk} seats taken after {len(made)} contacts")


async def warm_up(client: httpx.AsyncClient, customer_ids: Iterator[str], contacts: int) -> None:
    """`contacts` queued on the full desk, WARMUP_CLIENTS at a time, then cancelled: a gateway that has
    been serving, as on a Monday morning, rather than a JVM that has just started (whose JIT compiler
    takes half of Neo4j's CPU for the first thousand contacts or so)."""
    queued: list[str] = []
    pending = iter(list(itertools.islice(customer_ids, contacts)))

    async def caller() -> None:
        for customer_id in pending:
            _, allocation_id, status = await allocate(client, customer_id)
            if status == "QUEUED":
                queued.append(allocation_id)

    await asyncio.gather(*(caller() for _ in range(WARMUP_CLIENTS)))
    await cancel(client, queued)


async def run_burst(db: Database, client: httpx.AsyncClient, customers: int, burst: int, desk: int,
                    seed: int, warmup: int) -> list[str]:
    """The burst on a full desk; the report's lines. Raises BenchError when a check fails."""
    await db.write(BURST_DESK, members=desk)
    await cancel_open(client, *(await open_allocations(db))[1:])  # an interrupted earlier run's leftovers
    rng = random.Random(seed)
    customer_ids = (f"C{rng.randint(1, customers):07d}" for _ in itertools.count())
    filled = await fill_desk(client, customer_ids, desk)
    await warm_up(client, customer_ids, warmup)
    callers = list(itertools.islice(customer_ids, burst))

    # As many connections as contacts: each caller is a client of its own, not one client's queue.
    async with httpx.AsyncClient(base_url=client.base_url, headers=client.headers, timeout=600,
                                 limits=httpx.Limits(max_connections=None, max_keepalive_connections=None)) as phones:
        started = time.perf_counter()
        answers = await asyncio.gather(*(allocate(phones, customer_id) for customer_id in callers))
        elapsed = time.perf_counter() - started

    members, _, _ = await open_allocations(db)
    answered = [allocation_id for _, allocation_id, _ in answers]
    held = await statuses(db, answered)
    made = await statuses(db, filled)
    try:
        overfull = [m for m in members if m["held"] > m["capacity"]]
        if overfull:
            raise BenchError(f"capacity broken on {len(overfull)} desk resources: {overfull[:5]}")
        lost = [a for a in answered if held.get(a) not in ("QUEUED", "PENDING")]
        if len(set(answered)) != burst or lost:
            raise BenchError(f"contacts lost: {burst} calls, {len(set(answered))} distinct allocations, "
                             f"{len(lost)} not open in the graph ({lost[:5]})")
    finally:
        ours = {**held, **made}
        await cancel_open(client, [a for a, status in ours.items() if status == "QUEUED"],
                          [a for a, status in ours.items() if status in ("PENDING", "ACCEPTED")])
    seconds = [s for s, _, _ in answers]
    outcomes = " ".join(f"{k}={v}" for k, v in sorted(Counter(status for _, _, status in answers).items()))
    verdict = ("ok" if elapsed <= TARGET_SECONDS else "MISS") if burst >= TARGET_BURST else f"set for {TARGET_BURST:,}"
    return [f"burst: {burst:,} concurrent requestAllocation into a full desk of {desk} after {warmup:,} warm-up "
            f"contacts: answered in {elapsed:.1f} s "
            f"(target {TARGET_SECONDS:.0f} s: {verdict}); per call p50 {statistics.median(seconds) * 1000:.0f} ms, "
            f"p99 {percentile(seconds, 99) * 1000:.0f} ms; {outcomes}; capacity violations 0, lost contacts 0"]
