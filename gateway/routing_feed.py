"""The live routing feed: one poller per gateway process turns Neo4j's changes into subscription messages.

Transport, not a rule: it decides nothing about contacts, only how changes already committed
reach WebSocket subscribers (polling, delivery exactly once, bounded queues, backoff), and it
names its log lines with the gateway's request id. So it lives in gateway/, beside the view it
serves, not in domains/contact_routing/. The changes it reads are the rules' own stamps (updatedAt, statusSince).

Neo4j is the source of truth, so the feed sees what every gateway instance and the background
dispatcher write. While anyone subscribes, `RoutingFeed` runs one read statement every
`interval` seconds for the allocations changed (`updatedAt`) and the resources whose status
changed (`statusSince`), and hands each change to the subscribers that want it.

Why a window, and how long: a change is stamped when its transaction runs, but becomes visible
when it commits, and concurrent transactions commit in any order. Neo4j gives no commit-ordered
sequence to read from, so the feed re-reads, in a sweep every `sweep_every` seconds, every
change stamped within `window` of the previous sweep's start, and drops those already
delivered, keyed by (kind, node, stamp). The polls in between read only the changes stamped
since the previous poll (less FRESH_LAG): most changes arrive through them, at once.

Every transaction that stamps a change runs with the gateway's transaction timeout
(GATEWAY_NEO4J_TRANSACTION_TIMEOUT_SECONDS; Neo4j terminates it past that), so no change commits
later than that after its stamp; `window_for` adds a margin for Neo4j's timeout check, the
commit itself and clock skew. A change that commits less than `window` after
its stamp is delivered exactly once (docs/contact-routing.md, "What the feed guarantees", proves
it); the keys remembered are those of one window, never more than `max_seen`. A sweep is cheap
because most of the window comes as keys only: whole rows come for the changes stamped after
the previous poll (less FRESH_LAG) and, in a sweep that follows at once, for a late commit
found by its key.

A sweep is one poll, or several back to back when the window holds more than `batch_limit`
changes (each page continues from the last instant of the one before). A new subscription
starts with its matching changes of the last `replay` seconds, so a desktop that reconnects
still sees the offer made while it was away; when the feed was idle, its first sweep reads the
window to learn what was delivered before and hands on only the changes of those seconds.

A subscriber's queue is bounded: one that falls `queue_size` changes behind is closed with
SubscriberTooSlow and must subscribe again; the poller never waits for it. A failed poll is
logged and retried with exponential backoff; the feed stops when the last subscriber leaves
and at shutdown (`close`).
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import time
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import Neo4jError

from gateway.request_id import current_request_id
from graph.background import cancel_and_wait
from graph.database import Database, Record
from graph.errors import GatewayError, Unavailable
from graph.queries import load

ROUTING_CHANGES_SINCE = load("contact_routing/routing_changes_since")

ALLOCATION = "ALLOCATION"
RESOURCE_STATUS = "RESOURCE_STATUS"

log = logging.getLogger("gateway.routing_feed")

# Seconds a change may commit after its stamp beyond the transaction timeout (see window_for).
COMMIT_MARGIN = 10.0
# A poll reads whole rows for the changes stamped less than this before the previous poll; older
# ones come as keys, and one it has not delivered (a late commit) is read whole by the next poll.
FRESH_LAG = datetime.timedelta(seconds=1)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class SubscriberTooSlow(Unavailable):
    """The subscription fell `behind` changes behind the feed and was closed; subscribe again."""

    def __init__(self, behind: int) -> None:
        super().__init__(f"this subscription fell {behind} changes behind and was closed; subscribe again")
        self.behind = behind


class FeedClosed(Unavailable):
    """The gateway is shutting down and takes no new subscriptions."""


Key = tuple[str, str, int]  # kind, the node's elementId, its stamp in epoch nanoseconds: one committed state


@dataclass(frozen=True)
class Change:
    """One change read from the graph: an allocation's new state or a resource's new status."""

    key: Key
    at: Any  # neo4j.time.DateTime
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
        return cls((change["kind"], change["id"], change["nanos"]), change["at"], row, row["resourceId"],
                   frozenset(pools))

    @property
    def kind(self) -> str:
        return self.key[0]

    @property
    def instant(self) -> datetime.datetime:
        native: datetime.datetime = self.at.to_native()
        return native


def nanos(instant: datetime.datetime) -> int:
    """`instant` in epoch nanoseconds, as the poll statement gives stamps."""
    return (instant - EPOCH) // datetime.timedelta(microseconds=1) * 1000


def instant_of(nanoseconds: int) -> datetime.datetime:
    """The instant of an epoch-nanosecond stamp, to the microsecond below."""
    return EPOCH + datetime.timedelta(microseconds=nanoseconds // 1000)


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


def window_for(transaction_timeout: float) -> float:
    """The feed's window for writers whose transactions Neo4j ends after `transaction_timeout` seconds.

    The margin covers what the timeout does not: Neo4j checks for timed-out transactions every
    2 s (db.transaction.monitor.check.interval), the commit and its round trip, and the skew between
    a gateway's clock (which stamps) and Neo4j's (which the cursor follows).
    """
    return transaction_timeout + COMMIT_MARGIN


class RoutingFeed:
    """The process's one poller of routing changes and its in-process fan-out to subscriptions."""

    def __init__(self, database: Database, interval: float, *, window: float = window_for(30.0),
                 sweep_every: float = 2.0, replay: float = 5.0, queue_size: int = 256, batch_limit: int = 2000, max_backoff: float = 30.0,
                 max_seen: int = 200_000) -> None:
        self.database = database
        self.interval = interval
        self.window = datetime.timedelta(seconds=window)
        self.sweep_every = sweep_every
        self.replay = datetime.timedelta(seconds=replay)
        self.queue_size = queue_size
        self.batch_limit = batch_limit
        self.max_backoff = max_backoff
        self.max_seen = max_seen
        self._subscribers: set[_Subscriber] = set()
        # The keys delivered (or, when the feed started, found as history) that a sweep can read again.
        self._seen: set[Key] = set()
        # What a new subscription starts with: the changes delivered in the last `replay` seconds.
        self._recent: dict[Key, Change] = {}
        # Nodes with a change found as a key only, not delivered yet: the next poll reads them whole.
        self._wanted: dict[str, int] = {}
        # Stamps at or below it count as delivered: only set when more than max_seen keys had to go.
        self._floor: int | None = None
        # Where the next sweep starts (the last sweep's start minus the window); None while idle.
        self._sweep_since: datetime.datetime | None = None
        # Within a sweep: where its next page starts; None when the next poll starts a sweep.
        self._page_since: datetime.datetime | None = None
        self._page_limit = batch_limit
        self._sweep_start = datetime.datetime.now(datetime.UTC)
        # Where a quick poll starts: the previous poll's time less FRESH_LAG.
        self._fresh: datetime.datetime | None = None
        # When the last sweep started (monotonic), and whether the next poll must sweep.
        self._swept_at = 0.0
        self._sweep_now = False
        # The first sweep after idling hands on only the changes of the last `replay` seconds.
        self._priming = False
        self._task: asyncio.Task[None] | None = None
        self._closed = False

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def changes(self, wants: Callable[[Change], bool]) -> AsyncGenerator[Change, None]:
        """The changes `wants` accepts: first those of the last `replay` seconds, then each as it is polled."""
        if self._closed:
            raise FeedClosed("the gateway is shutting down; subscribe again in a moment")
        subscriber = _Subscriber(wants, self.queue_size)
        after = nanos(datetime.datetime.now(datetime.UTC) - self.replay)
        recent = sorted((c for c in self._recent.values() if c.key[2] > after and wants(c)), key=lambda c: c.key[2])
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
        await cancel_and_wait(self._task)

    async def _run(self) -> None:
        current_request_id.set("routing-feed")  # its log lines, e.g. a failed poll, say whose they are
        failures = 0
        while self._subscribers:
            try:
                more = await self.poll()
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
            # More pages of a sweep, or late commits to read whole, come at once.
            await asyncio.sleep(0 if more else self.interval)
        # Nobody listens: the next subscriber starts afresh, not from a stale cursor.
        self._sweep_since = self._page_since = self._fresh = None
        self._floor, self._sweep_now = None, False
        self._page_limit = self.batch_limit
        self._seen.clear()
        self._recent.clear()
        self._wanted.clear()

    async def poll(self) -> bool:
        """One read: a page of a sweep when one is under way or due, else a quick read of the changes
        stamped since the previous poll; True when there is more to read at once."""
        if self._page_since is None and not self._sweep_due():
            return await self._quick_poll()
        now = datetime.datetime.now(datetime.UTC)
        starting = self._page_since is None
        since = self._page_since or self._sweep_since or now - self.window
        row = (await self.database.read(ROUTING_CHANGES_SINCE, since=since, limit=self._page_limit,
                                        fresh=self._fresh or now - self.replay, wanted=list(self._wanted)))[0]
        if starting:
            self._priming, self._sweep_now = self._sweep_since is None, False
            self._sweep_start, self._swept_at = row["now"].to_native(), time.monotonic()
        found_late = self._take(row)
        if len(row["changes"]) == self._page_limit:
            # A full page: the next one starts just before its last instant (re-read, de-duplicated);
            # when that would not move on (one instant fills the page), the same start reads more.
            following = instant_of(row["changes"][-1][2]) - datetime.timedelta(microseconds=1)
            if following > since:
                self._page_since, self._page_limit = following, self.batch_limit
            else:
                self._page_since, self._page_limit = since, self._page_limit * 2
            return True
        self._page_since, self._page_limit, self._priming = None, self.batch_limit, False
        self._sweep_since = self._sweep_start - self.window
        self._forget_before(nanos(self._sweep_since))
        self._sweep_now = found_late  # the next sweep, at once, reads them whole ($wanted)
        return found_late

    def _sweep_due(self) -> bool:
        return (self._sweep_since is None or self._sweep_now
                or time.monotonic() - self._swept_at >= self.sweep_every)

    async def _quick_poll(self) -> bool:
        """Whole rows of the changes stamped after the previous poll (less FRESH_LAG): most new
        changes arrive here, and the sweeps, less often, catch those that committed later."""
        since = self._fresh or datetime.datetime.now(datetime.UTC) - FRESH_LAG  # set by the first sweep
        row = (await self.database.read(ROUTING_CHANGES_SINCE, since=since, limit=self.batch_limit, fresh=since,
                                        wanted=[]))[0]
        self._take(row)
        self._sweep_now = len(row["changes"]) == self.batch_limit  # more than a page: a sweep pages through
        return self._sweep_now

    def _take(self, row: Record) -> bool:
        """Deliver the changes of a poll's answer not delivered yet; True when some came as keys only."""
        self._fresh = row["now"].to_native() - FRESH_LAG
        whole = {(r["kind"], r["id"], r["nanos"]): r for r in row["rows"]}
        history = nanos(self._sweep_start - self.replay) if self._priming else None
        found_late = False
        for kind, node, stamp in row["changes"]:
            key = (kind, node, stamp)
            if key in self._seen or (self._floor is not None and stamp <= self._floor):
                continue
            if history is not None and stamp <= history:
                self._seen.add(key)  # committed before anyone subscribed: not handed on
                continue
            record = whole.get(key)
            if record is None:  # a late commit found by its key: the next sweep reads it whole
                found_late |= node not in self._wanted
                self._wanted[node] = stamp
                continue
            self._wanted.pop(node, None)
            self._seen.add(key)
            change = Change.from_record(record)
            self._recent[key] = change
            self._publish(change)
        return found_late

    def _publish(self, change: Change) -> None:
        for subscriber in [s for s in self._subscribers if s.wants(change)]:
            if not subscriber.offer(change):
                self._subscribers.discard(subscriber)
                log.warning("routing feed: closed a subscription %d changes behind", self.queue_size)

    def _forget_before(self, floor: int) -> None:
        """Keep only the keys a later sweep can read again (stamped after `floor`), at most max_seen."""
        kept = sorted((key for key in self._seen if key[2] > floor), key=lambda key: key[2])
        if len(kept) > self.max_seen:
            self._floor = kept[-self.max_seen - 1][2]
            log.warning("routing feed: more than %d changes in %s; a change stamped at or before %s that commits "
                        "from now on is not delivered", self.max_seen, self.window,
                        instant_of(self._floor).isoformat())
            kept = kept[-self.max_seen:]
        if self._floor is not None and self._floor <= floor:
            self._floor = None
        self._seen = set(kept)
        self._wanted = {node: stamp for node, stamp in self._wanted.items() if stamp > floor}
        replayed = nanos(datetime.datetime.now(datetime.UTC) - self.replay)
        self._recent = {key: change for key, change in self._recent.items() if key[2] > replayed}
