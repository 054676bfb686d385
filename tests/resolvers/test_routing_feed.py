"""The RoutingFeed itself, in process against the real Neo4j: outages, slow subscribers, shutdown."""

from __future__ import annotations

import asyncio
from typing import Any, LiteralString, cast

import pytest

from graph.database import Database, Record
from graph.errors import Unavailable
from resolvers.contact_routing.live import RoutingFeed, SubscriberTooSlow, activity_of

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
