"""The allocation step of contact routing: offer a contact to the best-suited resource that still
has capacity, or queue it; re-route after a rejection or a lapsed offer; serve the queue when
capacity frees.

Routing is `routing_candidates.cypher`, the dry run's statement, run inside the write
transaction. Capacity is claimed by write-locking the ranked candidates (at most `CANDIDATES`, in
resourceId order, so concurrent transactions never deadlock on them) and reading their status and
free capacity again under the locks (`lock_candidates`): two transactions can never both take a
resource's last unit. The best-ranked one still free gets the contact; when all of them filled
up meanwhile, the request is routed again from the start and sees the new state
(`CapacityTaken`).

Every step is logged as a Servicing event in the customer's event history, in the same
transaction. The functions here take a `Transaction` or a `Database`, not a GraphQL Info, so the
background `Dispatcher` (lapsed offers, the queue) runs the same code as the mutations.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from domains.contact_routing.contact import Contact
from domains.contact_routing.decision import ROUTING_CANDIDATES, decide, preference, why_queued
from domains.contact_routing.lifecycle import Status

# Customer Event History's capture still lives with its resolvers (a cross-domain leftover).
from domains.customer_event_history.capture import log_event
from domains.customer_event_history.categories import EventCategory
from graph.background import cancel_and_wait
from graph.database import Database, Record, Transaction
from graph.errors import NotFound
from graph.queries import load

LOCK_CANDIDATES = load("contact_routing/lock_candidates")
RECORD_ALLOCATION = load("contact_routing/record_allocation")
LOCK_ALLOCATION = load("contact_routing/lock_allocation")
SET_ALLOCATION_STATUS = load("contact_routing/set_allocation_status")
SERVABLE_QUEUED_CONTACTS = load("contact_routing/servable_queued_contacts")
LOCK_QUEUES = load("contact_routing/lock_queues")
LAPSED_OFFERS = load("contact_routing/lapsed_offers")
MARK_ROUTED = load("contact_routing/mark_routed")

log = logging.getLogger("gateway.dispatch")

# How many candidates routing ranks for an allocation: the contact goes to the first that still
# has capacity under its lock; all of them explain the decision to the caller.
CANDIDATES = 5
# Queued contacts read from the queue at a time, and the most a dispatcher pass examines.
QUEUE_LOOKAHEAD = 10
# The most queued contacts a release of capacity examines (passing over those nobody free can
# take, each a routing decision, under the queue's lock), so one release has a bounded cost.
QUEUE_SCAN = 30
# Routing attempts for the contact at the head of the queue whose ranked candidates were taken by
# concurrent transactions; past them the transaction stops serving rather than skip it.
SERVE_ATTEMPTS = 8
# A queued contact routed in vain is routed again once a resource changed after that (its status,
# profile or freed capacity), or once this much time passed: what no resource's stamp shows (an
# indicator coming into force, a new RM, an edit in Neo4j Browser) is seen within it.
QUEUE_REVISIT = datetime.timedelta(seconds=30)
# A resource's change counts for contacts routed up to this long after it: a transaction that freed
# capacity commits a moment after it stamped freedAt, and a routing meanwhile saw the capacity taken.
# One that takes longer is caught by the revisit.
QUEUE_SETTLE = datetime.timedelta(seconds=5)
# Offers withdrawn per dispatcher pass, each in its own transaction.
LAPSED_PER_PASS = 50
DISPATCHER = "dispatcher"


class CapacityTaken(Exception):
    """The resource routing chose filled up, or left AVAILABLE, before this transaction locked it."""


@dataclass
class Outcome:
    """One routing step's result: the allocation offered (PENDING) or queued, and the decision."""

    allocation_id: str
    status: Status
    resource_id: str | None
    routing: Record
    queue_reason: str | None = None


@dataclass
class Changes:
    """What a transaction changed, for the caller to report once it has committed."""

    allocation_ids: list[str] = field(default_factory=list)

    def add(self, allocation_id: str) -> None:
        if allocation_id not in self.allocation_ids:
            self.allocation_ids.append(allocation_id)


def new_allocation_id() -> str:
    return f"AL-{uuid.uuid4()}"


def explanation(candidate: Record) -> str:
    """The chosen candidate's explanation as stored on the allocation: JSON without instants."""
    kept = ("resourceId", "name", "kind", "pool", "tier", "steps", "matchedSkills", "freeCapacity", "score",
            "optionalKept")
    return json.dumps({k: candidate[k] for k in kept}, sort_keys=True)


async def route(tx: Transaction, contact: Contact, allocation_id: str, now: datetime.datetime, by: str, *,
                queue_if_taken: bool, rerouted_from: str | None = None,
                existing: bool = False, explain: bool = False) -> Outcome | None:
    """Routes `contact` as allocation `allocation_id`: offers it to the best candidate that still
    has capacity under the locks, or queues it when nobody qualifies.

    When every ranked candidate's capacity was taken meanwhile, queues it if `queue_if_taken`,
    else returns None and writes nothing (the caller retries or leaves it as it is). `existing`: the
    allocation is already QUEUED, and stays so when nobody can take it. `explain`: rank the
    rejected resources too, for a caller that shows them.
    """
    routing = await decide(tx.run, contact, now, CANDIDATES, explain)
    contact = replace(contact, language=routing["language"])  # the customer's, when the request named none
    candidates = routing["candidates"]
    base = {"allocationId": allocation_id, "contact": contact.properties(), "customerId": contact.customer_id,
            "priority": routing["priority"], "now": now, "by": by, "reroutedFromId": rerouted_from}
    held = {row["resourceId"]: row for row in await tx.run(
        LOCK_CANDIDATES, resourceIds=sorted(c["resourceId"] for c in candidates), channel=contact.channel)
    } if candidates else {}
    # The outcome is stamped now, under the locks, not when the transaction started: one that waited
    # for a lock stamps after the holder committed, so offeredAt follows the order offers were made.
    base["now"] = max(now, datetime.datetime.now(datetime.UTC))
    for chosen in candidates:
        now_held = held.get(chosen["resourceId"])
        if now_held is not None and now_held["status"] == "AVAILABLE" and now_held["freeCapacity"] > 0:
            pool = chosen["pool"]
            pool_id = None if pool is None else pool["poolId"]
            await tx.run(RECORD_ALLOCATION, **base, resourceId=chosen["resourceId"], poolId=pool_id,
                         waitingPoolIds=[], lockPoolIds=[] if pool_id is None else [pool_id], queueReason=None,
                         preference=_preference(chosen), score=chosen["score"], explanation=explanation(chosen))
            await log_event(tx, contact.customer_id, EventCategory.SERVICING, "CONTACT_OFFERED",
                            f"{contact.channel} contact offered to {chosen['resourceId']} "
                            f"({_preference(chosen)}, score {chosen['score']})",
                            by, result=Status.PENDING.name, resource_id=chosen["resourceId"],
                            allocation_id=allocation_id)
            return Outcome(allocation_id, Status.PENDING, chosen["resourceId"], routing)
    if candidates:
        if not queue_if_taken:
            return None
        reason = (f"{', '.join(c['resourceId'] for c in candidates)}, the best-suited resources, were taken by "
                  "concurrent contacts; the contact waits for the next free one")
    else:
        reason = why_queued(routing)
        if existing:
            await tx.run(MARK_ROUTED, allocationId=allocation_id, now=base["now"])
            return Outcome(allocation_id, Status.QUEUED, None, routing, reason)
    await tx.run(RECORD_ALLOCATION, **base, resourceId=None, poolId=None, waitingPoolIds=routing["eligiblePools"],
                 lockPoolIds=sorted(routing["eligiblePools"]), queueReason=reason, preference=None, score=None,
                 explanation=None)
    await log_event(tx, contact.customer_id, EventCategory.SERVICING, "CONTACT_QUEUED",
                    f"{contact.channel} contact queued at priority {routing['priority']}: {reason}",
                    by, result=Status.QUEUED.name, allocation_id=allocation_id)
    return Outcome(allocation_id, Status.QUEUED, None, routing, reason)


def _preference(candidate: Record) -> str:
    return preference(candidate["tier"])


async def lock_allocation(tx: Transaction, allocation_id: str) -> dict[str, Any] | None:
    """The allocation's node, write-locked until the transaction ends; None when unknown."""
    rows = await tx.run(LOCK_ALLOCATION, allocationId=allocation_id)
    return dict(rows[0]["allocation"]) if rows else None


async def end_offer(tx: Transaction, allocation: dict[str, Any], status: Status, reason: str | None,
                    now: datetime.datetime, by: str, changes: Changes) -> Outcome | None:
    """Ends a PENDING offer as REJECTED or TIMED_OUT, and re-routes the contact to someone else.

    The resource that let it go joins the contact's excluded resources, so it is not offered
    the contact again. The re-route is a new allocation, REROUTED_FROM this one.
    """
    resource_id = allocation["resourceId"]
    await tx.run(SET_ALLOCATION_STATUS, allocationId=allocation["allocationId"], status=status.name,
                 reason=reason, now=now, by=by)
    kind = "CONTACT_REJECTED" if status is Status.REJECTED else "CONTACT_OFFER_LAPSED"
    verb = "rejected by" if status is Status.REJECTED else "not accepted in time by"
    await log_event(tx, allocation["customerId"], EventCategory.SERVICING, kind,
                    f"{allocation['channel']} contact {verb} {resource_id}" + (f": {reason}" if reason else ""),
                    by, result=status.name, resource_id=resource_id, allocation_id=allocation["allocationId"])
    changes.add(allocation["allocationId"])
    contact = Contact.from_node(allocation)
    contact = replace(contact, excluded=(*contact.excluded, resource_id) if resource_id else contact.excluded)
    try:
        outcome = await route(tx, contact, new_allocation_id(), now, by, queue_if_taken=True,
                              rerouted_from=allocation["allocationId"])
    except NotFound as error:  # the customer or a reference has gone since: nothing left to route
        log.warning("contact %s not re-routed: %s", contact.contact_id, error.message)
        return None
    if outcome is not None:
        changes.add(outcome.allocation_id)
    return outcome


async def serve_queue(tx: Transaction, now: datetime.datetime, by: str, changes: Changes, *,
                      resource_id: str | None = None, limit: int = QUEUE_LOOKAHEAD) -> None:
    """Offers queued contacts in queue order, highest priority then longest waiting (requestedAt,
    then allocationId), to whoever can take them: first come, first served.

    The queues served are locked first (the freed resource's pools; every pool for the
    dispatcher), so the queue is read after the previous server committed. The contact at the
    head is served before a later one is looked at: locked and routed with the full rules (a
    better-suited resource with free capacity may get it); when its ranked candidates filled up
    meanwhile, routed again, never skipped for a later contact. It is passed over only when no
    resource with free capacity can take it; when it cannot be placed after `SERVE_ATTEMPTS`, this
    transaction stops serving (the dispatcher resumes). With `resource_id` (it just freed
    capacity): until one contact went to it or no queued contact it could take is left, at most
    `QUEUE_SCAN` examined; without (the dispatcher): at most `limit`.
    """
    revisit_before = now - QUEUE_REVISIT
    if not await tx.run(SERVABLE_QUEUED_CONTACTS, resourceId=resource_id, examined=[], limit=1,
                        revisitBefore=revisit_before, settle=QUEUE_SETTLE):
        return  # nothing to serve: no lock taken, nothing written (the dispatcher's idle pass)
    # One server per queue at a time (lock_queues): without it, concurrent servers read the same
    # head, each waits for the lock of a contact another is serving and keeps it to its own end,
    # and chains of such waits outlast a request's transaction timeout.
    await tx.run(LOCK_QUEUES, resourceId=resource_id)
    examined: list[str] = []
    budget = QUEUE_SCAN if resource_id is not None else limit
    while len(examined) < budget:
        rows = await tx.run(SERVABLE_QUEUED_CONTACTS, resourceId=resource_id, examined=examined,
                            limit=min(limit, budget - len(examined)), revisitBefore=revisit_before,
                            settle=QUEUE_SETTLE)
        if not rows:
            return
        for row in rows:
            examined.append(row["allocationId"])
            allocation = await lock_allocation(tx, row["allocationId"])
            if allocation is None or allocation["status"] != Status.QUEUED.name:
                continue  # served or cancelled by a concurrent transaction
            try:
                outcome = await _serve_head(tx, allocation, now, by)
            except NotFound as error:
                log.warning("queued contact %s not served: %s", allocation["contactId"], error.message)
                continue
            if outcome is None:
                log.info("queued contact %s kept its place: its candidates filled up %d times; the queue is served "
                         "again later", allocation["contactId"], SERVE_ATTEMPTS)
                return
            if outcome.status is Status.QUEUED:
                continue  # nobody with free capacity can take it: a later contact may be served
            changes.add(outcome.allocation_id)
            if resource_id is not None and outcome.resource_id == resource_id:
                return


async def _serve_head(tx: Transaction, allocation: dict[str, Any], now: datetime.datetime, by: str) -> Outcome | None:
    """Routes a locked queued contact until it is offered or nobody can take it (QUEUED, nothing
    written); None when its candidates filled up every time. Each attempt sees the resources the
    last one found full still locked by this transaction, so it ranks others."""
    for _ in range(SERVE_ATTEMPTS):
        outcome = await route(tx, Contact.from_node(allocation), allocation["allocationId"], now, by,
                              queue_if_taken=False, existing=True)
        if outcome is not None:
            return outcome
    return None


def own_time(now: datetime.datetime | None) -> datetime.datetime:
    """The time a transaction stamps its changes with: taken inside it, when it runs (a retry takes a
    new one), so that it commits less than the transaction timeout after it and the live feed's
    window covers it; `now` when a caller stands for the clock."""
    return now or datetime.datetime.now(datetime.UTC)


async def withdraw_lapsed_offers(db: Database, now: datetime.datetime | None = None) -> list[str]:
    """Ends every offer whose time ran out as TIMED_OUT and re-routes its contact; the changed ids.

    Each offer is withdrawn in its own transaction, under its lock and checked again there, so
    several gateways may run this at once and an offer accepted meanwhile is left alone. `now`
    stands for the clock (tests); without it each transaction takes its own time.
    """
    changed: list[str] = []
    for row in await db.read(LAPSED_OFFERS, now=now or datetime.datetime.now(datetime.UTC), limit=LAPSED_PER_PASS):

        async def work(tx: Transaction, allocation_id: str = row["allocationId"]) -> list[str]:
            changes = Changes()
            at = own_time(now)
            allocation = await lock_allocation(tx, allocation_id)
            if (allocation is None or allocation["status"] != Status.PENDING.name
                    or allocation["offerExpiresAt"].to_native() > at):
                return []
            await end_offer(tx, allocation, Status.TIMED_OUT, "the offer lapsed", at, DISPATCHER, changes)
            return changes.allocation_ids

        changed += await db.transact(work)
    return changed


async def serve_waiting_contacts(db: Database, now: datetime.datetime | None = None) -> list[str]:
    """One pass over the queue: offers waiting contacts that someone could take now; the changed ids.

    Completions serve the queue themselves; this pass catches what they cannot see, such as a
    contact queued while a completion was committing, or a resource that became AVAILABLE.
    """

    async def work(tx: Transaction) -> list[str]:
        changes = Changes()
        await serve_queue(tx, own_time(now), DISPATCHER, changes)
        return changes.allocation_ids

    return await db.transact(work)


async def plan_routing(db: Database) -> None:
    """Has Neo4j plan the routing statement before the first contact needs it.

    Planning it takes seconds on two cores, and a burst of first contacts after a restart would
    each plan it at once. Its one map parameter makes this plan serve every request's shape. Run
    for no customer, it reads nothing and returns no row.
    """
    nobody = Contact(customer_id="", channel="PHONE")
    await db.read(ROUTING_CANDIDATES, **nobody.parameters(datetime.datetime.now(datetime.UTC), CANDIDATES, False))


class Dispatcher:
    """Withdraws lapsed offers and serves the queue every `interval` seconds, in the background."""

    def __init__(self, db: Database, interval: float, name_pass: Callable[[str], object] = lambda name: None) -> None:
        self.db = db
        self.interval = interval
        # How a pass names its log lines, as a request's name them (the gateway: its request id).
        self.name_pass = name_pass
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="routing-dispatcher")

    async def stop(self) -> None:
        await cancel_and_wait(self._task)

    async def _run(self) -> None:
        passes = 0
        while True:
            passes += 1
            # Its log lines (a deadlock the driver retries, a failed pass) name the pass.
            self.name_pass(f"dispatcher-pass-{passes}")
            try:
                await withdraw_lapsed_offers(self.db)
                await serve_waiting_contacts(self.db)
            except asyncio.CancelledError:
                raise
            except Exception:  # an outage must not end dispatching: log it and try again next pass
                log.exception("routing dispatcher pass failed; retrying in %.1fs", self.interval)
            await asyncio.sleep(self.interval)
