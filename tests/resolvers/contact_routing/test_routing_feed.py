"""The RoutingFeed itself, in process against the real Neo4j: outages, slow subscribers, shutdown."""

from __future__ import annotations

import asyncio
import datetime
from typing import Any, LiteralString, cast

import pytest

from gateway.routing_feed import RoutingFeed, SubscriberTooSlow, activity_of
from graph.database import Database, Record
from graph.errors import Unavailable

POOL: LiteralString = """
CREATE (:Customer {customerId: 'C0000001', name: 'Alice Martin'})
CREATE (:ServicingPool {poolId: 'POOL-A', name: 'A', purpose: 'SERVICING', strategy: 'LONGEST_IDLE'})
"""
QUEUE: LiteralString = """
MATCH (c:Customer {customerId: 'C0000001'}), (p:ServicingPool {poolId: 'POOL-A'})
CREATE (x:Allocation {allocationId: $allocationId, contactId: $allocationId, customerId: 'C0000001', status: 'QUEUED',
        channel: 'PHONE', priority: 0, requestedAt: datetime(), updatedAt: datetime()})
CREATE (x)-[:FOR_CUSTOMER]->(c), (x)-[:QUEUED_IN]->(p)
"""


class FlakyDatabase:
    """The real database, unreachable for its first `failures` reads."""

    def __init__(self, database: Database, failures: int) -> None:
        self.database = database
        self.failures = failures
        self.reads = 0

    async def read(self, query: LiteralString, **params: Any) -> list[Record]:
        self.reads += 1
        if self.failures:
            self.failures -= 1
            raise Unavailable("the graph database is unavailable; retry shortly")
        return await self.database.read(query, **params)


@pytest.fixture
async def pool(clean_graph: Database) -> Database:
    await clean_graph.write(POOL)
    return clean_graph


async def test_the_feed_outlives_an_outage_and_delivers_what_was_written_meanwhile(pool: Database) -> None:
    flaky = FlakyDatabase(pool, failures=3)
    feed = RoutingFeed(cast(Database, flaky), interval=0.05)
    changes = feed.changes(activity_of("POOL-A"))
    first = asyncio.ensure_future(anext(changes))
    await pool.write(QUEUE, allocationId="AL-during-outage")
    change = await asyncio.wait_for(first, 10)
    assert (change.row["allocationId"], flaky.failures, flaky.reads > 3) == ("AL-during-outage", 0, True)
    await changes.aclose()
    await feed.close()
    assert not feed.running


async def test_a_subscriber_that_falls_behind_is_closed_and_the_others_go_on(pool: Database) -> None:
    feed = RoutingFeed(pool, interval=0.05, queue_size=2)
    slow, fast = feed.changes(activity_of("POOL-A")), feed.changes(activity_of("POOL-A"))
    firsts = asyncio.gather(anext(slow), anext(fast))
    await asyncio.sleep(0.01)  # both subscribed
    await pool.write(QUEUE, allocationId="AL-1")
    assert [c.row["allocationId"] for c in await asyncio.wait_for(firsts, 10)] == ["AL-1", "AL-1"]
    received = []
    for n in (2, 3, 4):  # the fast one reads each change as it comes; the slow one reads none
        await pool.write(QUEUE, allocationId=f"AL-{n}")
        received.append((await asyncio.wait_for(anext(fast), 10)).row["allocationId"])
    assert received == ["AL-2", "AL-3", "AL-4"]
    with pytest.raises(SubscriberTooSlow, match="fell 2 changes behind and was closed; subscribe again"):
        await asyncio.wait_for(anext(slow), 10)
    # Shutdown completes the subscriptions still open and stops the poller.
    waiting = asyncio.ensure_future(anext(fast))
    await asyncio.sleep(0.01)
    await feed.close()
    with pytest.raises(StopAsyncIteration):
        await asyncio.wait_for(waiting, 10)
    assert not feed.running


async def test_the_poller_runs_only_while_someone_subscribes(pool: Database) -> None:
    feed = RoutingFeed(pool, interval=0.05)
    assert not feed.running
    changes = feed.changes(activity_of("POOL-A"))
    first = asyncio.ensure_future(anext(changes))
    await asyncio.sleep(0.01)
    assert feed.running
    first.cancel()  # the subscription ends, as when a client sends complete
    with pytest.raises(asyncio.CancelledError):
        await first
    await asyncio.sleep(0.2)
    assert not feed.running
    await feed.close()


HELD_QUEUE: LiteralString = """
MATCH (c:Customer {customerId: 'C0000001'}), (p:ServicingPool {poolId: 'POOL-A'})
CREATE (x:Allocation {allocationId: $allocationId, contactId: $allocationId, customerId: 'C0000001', status: 'QUEUED',
        channel: 'PHONE', priority: 0, requestedAt: $stamp, updatedAt: $stamp})
CREATE (x)-[:FOR_CUSTOMER]->(c), (x)-[:QUEUED_IN]->(p)
"""
# $count allocations stamped $groups distinct instants, $age seconds ago and 1 ms apart.
MANY: LiteralString = """
MATCH (c:Customer {customerId: 'C0000001'}), (p:ServicingPool {poolId: 'POOL-A'})
UNWIND range(1, $count) AS n
WITH c, p, n, datetime() - duration({seconds: $age}) + duration({milliseconds: n % $groups}) AS stamp
CREATE (x:Allocation {allocationId: $prefix + n, contactId: $prefix + n, customerId: 'C0000001', status: 'QUEUED',
        channel: 'PHONE', priority: 0, requestedAt: stamp, updatedAt: stamp})
CREATE (x)-[:FOR_CUSTOMER]->(c), (x)-[:QUEUED_IN]->(p)
"""


MEMBER: LiteralString = """
MATCH (p:ServicingPool {poolId: 'POOL-A'})
CREATE (:ServicingResource {resourceId: 'R000001', name: 'Ann Lee', kind: 'AGENT', status: 'AVAILABLE',
        statusSince: datetime('2026-01-05T09:00:00Z')})-[:MEMBER_OF]->(p)
"""
BUSY: LiteralString = "MATCH (r:ServicingResource {resourceId: 'R000001'}) SET r.status = 'BUSY', r.statusSince = datetime()"


async def next_id(changes: Any, timeout: float = 10) -> str:
    """The allocation or resource of the subscription's next change."""
    change = await asyncio.wait_for(anext(changes), timeout)
    return cast(str, change.row.get("allocationId") or change.row["resourceId"])


async def test_a_change_committed_long_after_its_stamp_is_delivered_once(pool: Database) -> None:
    # The defect this feed fixes: a transaction stamps its change when it runs, and one held open
    # longer than the 5 s the feed once re-read was never delivered. Here it is held 6 s.
    await pool.write(MEMBER)
    feed = RoutingFeed(pool, interval=0.05)
    changes = feed.changes(activity_of("POOL-A"))
    first = asyncio.ensure_future(next_id(changes))
    await pool.write(QUEUE, allocationId="AL-before")
    assert await first == "AL-before"
    async with pool.driver.session(database=pool.name) as session:
        held = await session.begin_transaction()
        stamp = datetime.datetime.now(datetime.UTC)
        await (await held.run(HELD_QUEUE, allocationId="AL-held", stamp=stamp)).consume()
        await asyncio.sleep(1)
        # Committed first, stamped later (the held transaction locks the pool, not its member).
        await pool.write(BUSY)
        assert await next_id(changes) == "R000001"
        await asyncio.sleep(6 - (datetime.datetime.now(datetime.UTC) - stamp).total_seconds())
        await held.commit()
    assert await next_id(changes) == "AL-held"
    await pool.write(QUEUE, allocationId="AL-after")
    assert await next_id(changes) == "AL-after"  # nothing in between: no change came twice
    await changes.aclose()
    await feed.close()


async def test_a_window_larger_than_a_page_is_read_in_pages_and_delivered_once(pool: Database) -> None:
    feed = RoutingFeed(pool, interval=0.05, batch_limit=4, queue_size=64)
    changes = feed.changes(activity_of("POOL-A"))
    first = asyncio.ensure_future(next_id(changes))
    await pool.write(QUEUE, allocationId="AL-start")
    assert await first == "AL-start"
    # 30 changes in 10 instants (3 share each, so a page ends inside an instant), then 9 changes
    # that share one instant (more than a page), all committed late: stamped 15 s ago.
    await pool.write(MANY, prefix="AL-a", count=30, groups=10, age=15)
    await pool.write(MANY, prefix="AL-b", count=9, groups=1, age=14)
    await pool.write(QUEUE, allocationId="AL-end")
    received = [await next_id(changes) for _ in range(40)]
    assert sorted(received) == sorted([f"AL-a{n}" for n in range(1, 31)] + [f"AL-b{n}" for n in range(1, 10)]
                                      + ["AL-end"])
    await pool.write(QUEUE, allocationId="AL-last")
    assert await next_id(changes) == "AL-last"
    await changes.aclose()
    await feed.close()


async def test_a_new_subscription_starts_with_the_last_seconds_only(pool: Database) -> None:
    # Changes of the window before anyone subscribed were history; those of the last 5 s are shown.
    await pool.write(MANY, prefix="AL-old", count=3, groups=3, age=20)
    await pool.write(MANY, prefix="AL-recent", count=2, groups=2, age=1)
    feed = RoutingFeed(pool, interval=0.05)
    changes = feed.changes(activity_of("POOL-A"))
    assert sorted([await next_id(changes), await next_id(changes)]) == ["AL-recent1", "AL-recent2"]
    await pool.write(QUEUE, allocationId="AL-new")
    assert await next_id(changes) == "AL-new"
    # A second subscription to the running feed starts with the same last seconds.
    again = feed.changes(activity_of("POOL-A"))
    assert sorted([await next_id(again) for _ in range(3)]) == ["AL-new", "AL-recent1", "AL-recent2"]
    await changes.aclose()
    await again.aclose()
    await feed.close()
