"""The live routing feed: one poller per gateway process turns Neo4j's changes into subscription messages.

Neo4j is the source of truth, so the feed sees what every gateway instance and the background
dispatcher write. While anyone subscribes, `RoutingFeed` runs one read statement every
`interval` seconds for the allocations changed (`updatedAt`) and the resources whose status
changed (`statusSince`) after its cursor, and hands each change to the subscribers that want it.

A transaction may commit after another one that stamped a later `updatedAt`, so every poll
re-reads an overlap window behind the cursor and drops what it has already delivered, keyed by
(kind, id, status, timestamp). The keys of that window are also what a new subscription starts
with: the matching changes of the last few seconds, so a desktop that reconnects still sees
the offer made while it was away.

A subscriber's queue is bounded: one that falls `queue_size` changes behind is closed with
SubscriberTooSlow and must subscribe again; the poller never waits for it. A failed poll is
logged and retried with exponential backoff; the feed stops when the last subscriber leaves
and at shutdown (`close`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import logging
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import Neo4jError

from graph.database import Database, Record
from graph.errors import GatewayError, Unavailable
from graph.queries import load

ROUTING_CHANGES_SINCE = load("contact_routing/routing_changes_since")

ALLOCATION = "ALLOCATION"
RESOURCE_STATUS = "RESOURCE_STATUS"

log = logging.getLogger("gateway.routing_feed")


class SubscriberTooSlow(Unavailable):
    """The subscription fell `behind` changes behind the feed and was closed; subscribe again."""

    def __init__(self, behind: int) -> None:
        super().__init__(f"this subscription fell {behind} changes behind and was closed; subscribe again")
        self.behind = behind


class FeedClosed(Unavailable):
    """The gateway is shutting down and takes no new subscriptions."""


@dataclass(frozen=True)
class Change:
    """One change read from the graph: an allocation's new state or a resource's new status."""

    kind: str
    at: Any  # neo4j.time.DateTime: it keeps the nanoseconds the de-duplication key needs
    row: Record
    resource_id: str | None
    pool_ids: frozenset[str]

    @classmethod
    def from_record(cls, change: Record) -> Change:
        row: Record = change["row"]
        if change["kind"] == ALLOCATION:
            pools = {*row["queuedInPoolIds"], *([row["poolId"]] if row["poolId"] else [])}
        else:
            pools = set(row["poolIds"])
        return cls(change["kind"], change["at"], row, row["resourceId"], frozenset(pools))

    @property
    def key(self) -> tuple[str, str, str, str]:
        return self.kind, self.row.get("allocationId") or self.row["resourceId"], self.row["status"], self.at.iso_format()

    @property
    def instant(self) -> datetime.datetime:
        native: datetime.datetime = self.at.to_native()
        return native


def offers_to(resource_id: str) -> Callable[[Change], bool]:
    """What a resource's desktop wants: every change of an allocation ASSIGNED_TO it."""
    return lambda change: change.kind == ALLOCATION and change.resource_id == resource_id


def activity_of(pool_id: str) -> Callable[[Change], bool]:
    """What a pool's dashboard wants: its allocations (IN_POOL, QUEUED_IN) and its members' statuses."""
    return lambda change: pool_id in change.pool_ids


_CLOSED = object()
_TOO_SLOW = object()


class _Subscriber:
    def __init__(self, wants: Callable[[Change], bool], size: int) -> None:
        self.wants = wants
        self.queue: asyncio.Queue[Any] = asyncio.Queue(size)

    def offer(self, item: object) -> bool:
        """Queue `item`; False (and the queue replaced by _TOO_SLOW) when it is full."""
        try:
            self.queue.put_nowait(item)
            return True
        except asyncio.QueueFull:
            self.end(_TOO_SLOW)
            return False

    def end(self, reason: object) -> None:
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(reason)


class RoutingFeed:
    """The process's one poller of routing changes and its in-process fan-out to subscriptions."""

    def __init__(self, database: Database, interval: float, *, overlap: float = 5.0, queue_size: int = 256,
                 batch_limit: int = 2000, max_backoff: float = 30.0, max_seen: int = 50_000) -> None:
        self.database = database
        self.interval = interval
        self.overlap = datetime.timedelta(seconds=overlap)
        self.queue_size = queue_size
        self.batch_limit = batch_limit
        self.max_backoff = max_backoff
        self.max_seen = max_seen
        self._subscribers: set[_Subscriber] = set()
        self._seen: dict[tuple[str, str, str, str], Change] = {}
        self._since: Any = None
        self._task: asyncio.Task[None] | None = None
        self._closed = False

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def changes(self, wants: Callable[[Change], bool]) -> AsyncGenerator[Change, None]:
        """The changes `wants` accepts: first those of the overlap window, then each as it is polled."""
        if self._closed:
            raise FeedClosed("the gateway is shutting down; subscribe again in a moment")
        subscriber = _Subscriber(wants, self.queue_size)
        recent = sorted((c for c in self._seen.values() if wants(c)), key=lambda c: c.instant)
        for change in recent[-(self.queue_size // 2):]:
            subscriber.offer(change)
        self._subscribers.add(subscriber)
        if not self.running:
            self._task = asyncio.create_task(self._run(), name="routing-feed")
        try:
            while (item := await subscriber.queue.get()) is not _CLOSED:
                if item is _TOO_SLOW:
                    raise SubscriberTooSlow(self.queue_size)
                yield item
        finally:
            self._subscribers.discard(subscriber)

    async def close(self) -> None:
        """Stop polling and complete every subscription (at shutdown)."""
        self._closed = True
        for subscriber in self._subscribers:
            subscriber.end(_CLOSED)
        self._subscribers.clear()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        failures = 0
        while self._subscribers:
            try:
                await self.poll()
            except Exception as error:  # the poller must outlive any one failed poll
                failures += 1
                delay = min(self.interval * 2 ** failures, self.max_backoff)
                if isinstance(error, (GatewayError, Neo4jError)):
                    log.warning("routing feed: poll %d failed (%s); retrying in %.1fs", failures, error, delay)
                else:
                    log.exception("routing feed: poll %d failed unexpectedly; retrying in %.1fs", failures, delay)
                await asyncio.sleep(delay)
                continue
            if failures:
                log.info("routing feed: polling again after %d failed polls", failures)
                failures = 0
            await asyncio.sleep(self.interval)
        # Nobody listens: the next subscriber starts from now, not from a stale cursor.
        self._since = None
        self._seen.clear()

    async def poll(self) -> None:
        """Read the changes after the cursor's overlap window and deliver those not delivered yet."""
        since = self._since or datetime.datetime.now(datetime.UTC) - self.overlap
        row = (await self.database.read(ROUTING_CHANGES_SINCE, since=since, limit=self.batch_limit))[0]
        changes = [Change.from_record(record) for record in row["changes"]]
        for change in changes:
            if change.key not in self._seen:
                self._seen[change.key] = change
                self._publish(change)
        self._since = self._next_since(row["now"], changes)
        self._forget_before(self._since)

    def _publish(self, change: Change) -> None:
        for subscriber in [s for s in self._subscribers if s.wants(change)]:
            if not subscriber.offer(change):
                self._subscribers.discard(subscriber)
                log.warning("routing feed: closed a subscription %d changes behind", self.queue_size)

    def _next_since(self, now: Any, changes: list[Change]) -> Any:
        if len(changes) < self.batch_limit:
            return now.to_native() - self.overlap
        # A full batch: continue from its last instant, re-reading that instant (de-duplicated),
        # unless the whole batch shares it; then what else shares it is skipped.
        if changes[0].at == changes[-1].at:
            log.warning("routing feed: more than %d changes at %s; some were skipped", self.batch_limit, changes[-1].at)
            return changes[-1].at
        return changes[-1].instant - datetime.timedelta(microseconds=1)

    def _forget_before(self, since: Any) -> None:
        """Keep only the keys a later poll can read again; never more than max_seen."""
        floor = since if isinstance(since, datetime.datetime) else since.to_native()
        kept = sorted((c for c in self._seen.values() if c.instant >= floor), key=lambda c: c.instant)
        self._seen = {c.key: c for c in kept[-self.max_seen:]}
