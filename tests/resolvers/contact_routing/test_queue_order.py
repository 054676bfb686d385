"""First come, first served within a priority (docs/contact-routing.md, "The queue's order").

Six reviewers with 2 PHONE units each are offered 12 contacts; a burst of 528 more, at three
priorities, queues behind them, one in six in French, which only two reviewers speak. Every desk
then accepts and completes whatever it is offered, all desks at once, while the background
dispatcher runs too, until the queue is empty. Every contact was queued before the draining
began, so of the reorderings the contract allows only the first can occur: a contact offered
before one ahead of it in queue order got a reviewer the earlier one cannot use (it speaks no
French). Every pair of queued contacts is checked against that.
"""

from __future__ import annotations

import asyncio
import datetime
import random
import statistics
import time
from dataclasses import replace
from typing import Any

from domains.contact_routing.contact import Contact
from domains.contact_routing.dispatch import Dispatcher, new_allocation_id, plan_routing
from gateway.settings import Settings
from graph.database import Database, connect
from tests.support import FRONTEND, execute, load_kyc_desk, run

RESOURCES = 6
CAPACITY_EACH = 2
QUEUED = 528
CONTACTS = RESOURCES * CAPACITY_EACH + QUEUED
PRIORITIES = 3
BILINGUAL = 2  # reviewers who speak French too
DRAIN_DEADLINE = 300.0  # a lost contact fails the test rather than hang it
REQUEST = """mutation ($request: RoutingRequestInput!) {
  requestAllocation(request: $request) { allocation { allocationId status } }
}"""
STEP = """mutation ($id: ID!, $action: AllocationAction!) {
  updateAllocation(input: {allocationId: $id, action: $action}) { status }
}"""
QUEUE = """
MATCH (pool:ServicingPool {poolId: 'POOL-KYC'})
UNWIND $contacts AS contact
MATCH (c:Customer {customerId: contact.customerId})
CREATE (a:Allocation)
SET a += contact, a.allocationId = contact.contactId, a.status = 'QUEUED', a.priority = contact.requestedPriority,
    a.queueReason = 'every reviewer is busy', a.createdAt = $now, a.updatedAt = $now, a.updatedBy = contact.requestedBy
CREATE (a)-[:FOR_CUSTOMER]->(c)
CREATE (a)-[:QUEUED_IN]->(pool)
"""
OFFERS = """
MATCH (a:Allocation {status: 'PENDING'})-[:ASSIGNED_TO]->(:ServicingResource {resourceId: $resourceId})
RETURN a.allocationId AS allocationId
"""
QUEUED_THEN_OFFERED = """
MATCH (a:Allocation) WHERE a.allocationId IN $allocationIds
RETURN a.allocationId AS allocationId, a.priority AS priority, a.requestedAt AS requestedAt, a.offeredAt AS offeredAt,
       a.language AS language, [(a)-[:ASSIGNED_TO]->(r:ServicingResource) | r.languages][0] AS resourceLanguages
"""


async def test_528_queued_contacts_drained_by_concurrent_completions_are_offered_in_queue_order(
        clean_graph: Database, settings: Settings) -> None:
    # The gateway's own retry budget for transient errors: concurrent completions make Neo4j break
    # a few lock cycles, which the driver retries (the suite shortens it to test outages).
    db = connect(replace(settings, retry_seconds=Settings().retry_seconds))
    try:
        queued = await burst(db, settings)
        started = time.monotonic()
        completions = await drain(db, settings)
        drained = time.monotonic() - started
        rows = await db.read(QUEUED_THEN_OFFERED, allocationIds=queued)
    finally:
        await db.close()
    assert len(rows) == len(queued) and all(row["offeredAt"] is not None for row in rows), "a queued contact was lost"
    same, worst, across, allowed = out_of_order(rows)
    print(f"\n{len(queued)} queued contacts drained in {drained:.1f}s by {RESOURCES} desks at once "
          f"(completion {statistics.median(completions):.2f}s median, {max(completions):.2f}s max): "
          f"{same} same-priority pairs out of arrival order (worst {worst:.3f}s late), {across} pairs a lower "
          f"priority first, {allowed} pairs out of order where the earlier contact could not use the later one's "
          "reviewer (allowed)")
    assert (same, across) == (0, 0), (
        f"{same} same-priority pairs offered out of arrival order (worst {worst:.3f}s late), "
        f"{across} pairs a lower priority first, although the later contact's reviewer could serve the earlier one")


async def burst(db: Database, settings: Settings) -> list[str]:
    """Fills every reviewer through requestAllocation, then queues QUEUED contacts behind them; their ids."""
    await load_kyc_desk(db, customers=30, resources=RESOURCES, capacity=CAPACITY_EACH, bilingual=BILINGUAL)
    await plan_routing(db)  # seconds on two cores, past a request's transaction timeout on a busy machine
    for n in range(RESOURCES * CAPACITY_EACH):
        result, _ = await execute(db, settings, REQUEST, {"request": {
            "customerId": f"C9{n % 30 + 1:06d}", "channel": "PHONE", "purpose": "KYC",
            "requiredSkills": [{"code": "KYC_REVIEW", "minProficiency": 2}]}}, FRONTEND)
        assert result.data is not None and result.data["requestAllocation"]["allocation"]["status"] == "PENDING"
    # The queue as record_allocation.cypher leaves a contact nobody could take, written in one
    # statement rather than routed one by one (that burst is test_allocation_concurrency's), in an
    # order unlike arrival, two contacts arriving in each millisecond (ties go to allocationId).
    arrived = datetime.datetime.now(datetime.UTC)
    contacts = [Contact(contact_id=new_allocation_id(), customer_id=f"C9{n % 30 + 1:06d}", channel="PHONE",
                        language="fr" if n % 6 == 0 else "en", product_id=None, purpose="KYC", required=(("KYC_REVIEW", 2),), optional=(),
                        requested_priority=n % PRIORITIES, requested_by="tester",
                        requested_at=arrived + datetime.timedelta(milliseconds=n // 2)) for n in range(QUEUED)]
    random.Random(16).shuffle(contacts)
    await db.write(QUEUE, contacts=[c.properties() for c in contacts], now=arrived)
    return [c.contact_id for c in contacts]


async def drain(db: Database, settings: Settings) -> list[float]:
    """Every desk accepts and completes its offers until every contact is done, the dispatcher
    running too; how long each completion took."""
    done: set[str] = set()
    completions: list[float] = []

    async def answer(allocation_id: str) -> None:
        await run(db, settings, STEP, FRONTEND, id=allocation_id, action="ACCEPT")
        started = time.monotonic()
        await run(db, settings, STEP, FRONTEND, id=allocation_id, action="COMPLETE")
        completions.append(time.monotonic() - started)
        done.add(allocation_id)

    async def desk(resource_id: str) -> None:
        while len(done) < CONTACTS:
            offers = [row["allocationId"] for row in await db.read(OFFERS, resourceId=resource_id)]
            if offers:
                await asyncio.gather(*(answer(a) for a in offers))
            else:
                await asyncio.sleep(0.1)  # polling: each poll is a read competing with the serving

    # One completion alone first: a fresh database plans each statement on first use, seconds on two
    # cores, and twelve cold completions at once would wait on the planner and on each other.
    await answer((await db.read(OFFERS, resourceId="R900001"))[0]["allocationId"])
    dispatcher = Dispatcher(db, interval=0.5)
    dispatcher.start()
    try:
        await asyncio.wait_for(asyncio.gather(*(desk(f"R9{n:05d}") for n in range(1, RESOURCES + 1))),
                               DRAIN_DEADLINE)
    finally:
        await dispatcher.stop()
    return completions


def out_of_order(rows: list[dict[str, Any]]) -> tuple[int, float, int, int]:
    """Pairs of queued contacts offered against queue order: (same priority, the worst such lateness
    in seconds, a lower priority first), where the later one's reviewer speaks the earlier one's
    language; and the pairs where it does not (reordering 1 of the contract)."""
    def offered(row: dict[str, Any]) -> datetime.datetime:
        at: datetime.datetime = row["offeredAt"].to_native()
        return at

    queue = sorted(rows, key=lambda r: (-r["priority"], r["requestedAt"].to_native(), r["allocationId"]))
    same, worst, across, allowed = 0, 0.0, 0, 0
    for i, first in enumerate(queue):
        for later in queue[i + 1:]:
            late = (offered(first) - offered(later)).total_seconds()
            if late <= 0:
                continue
            if first["language"] not in later["resourceLanguages"]:
                allowed += 1
            elif later["priority"] == first["priority"]:
                same, worst = same + 1, max(worst, late)
            else:
                across += 1
    return same, worst, across, allowed
