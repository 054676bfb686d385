"""Allocations, BIAN Contact Routing's behaviour qualifier: request one (the routing decision),
take a lifecycle step on it, capture its wrap-up, read it.

Each change is one write transaction, the RM's book rule checked first thing inside it (see
`dispatch` for how capacity is claimed and the queue served), and answers the allocation as
that transaction left it; `lifecycle` has the statuses and the steps between them.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, replace

from neo4j.exceptions import ConstraintError

from domains import idempotency
from domains.contact_routing.contact import Contact, checked
from domains.contact_routing.dispatch import (
    SET_ALLOCATION_STATUS,
    CapacityTaken,
    Changes,
    Outcome,
    end_offer,
    lock_allocation,
    new_allocation_id,
    route,
    serve_queue,
)
from domains.contact_routing.lifecycle import EVENT_TYPES, HOLDS_CAPACITY, TRANSITIONS, Action, Status

# Customer Event History's capture still lives with its resolvers (a cross-domain leftover).
from domains.customer_event_history.capture import log_event
from domains.customer_event_history.categories import EventCategory
from domains.found import found, present
from domains.inputs import text
from gateway.security.auth import Principal
from gateway.security.book import require_reach
from graph.database import Database, Record, Transaction
from graph.errors import Conflict
from graph.queries import load

GET_ALLOCATIONS = load("contact_routing/get_allocations")
ALLOCATION_BY_IDEMPOTENCY_KEY = load("contact_routing/allocation_by_idempotency_key")
CAPTURE_ALLOCATION_WRAP_UP = load("contact_routing/capture_allocation_wrap_up")

# A request whose chosen resource filled up is routed again from the start, at most this often;
# the last attempt queues the contact rather than fail it (the dispatcher serves it).
MAX_ATTEMPTS = 8
MAX_REASON = 500
MAX_NOTE = 2000


@dataclass(frozen=True)
class Decision:
    """What requestAllocation decided: the allocation, and the routing step that made it (None
    when an idempotency key replayed an earlier decision)."""

    allocation_id: str
    requested_at: datetime.datetime
    outcome: Outcome | None


async def allocate(db: Database, who: Principal, contact: Contact, idempotency_key: str | None, *,
                   explain: bool) -> Decision:
    """Routes `contact` for `who` in one write transaction: offered to the best-suited resource with
    free capacity, or queued. `explain`: rank the rejected resources too, for a caller that shows them."""
    key = idempotency.key(idempotency_key, "idempotencyKey")
    checked(contact)
    by = who.subject
    fingerprint = None if key is None else idempotency.fingerprint("requestAllocation", {**contact.asked(), "by": by})
    allocation_id, now = new_allocation_id(), datetime.datetime.now(datetime.UTC)
    contact = replace(contact, contact_id=allocation_id, requested_at=now, requested_by=by, idempotency_key=key,
                      fingerprint=fingerprint)

    async def work(tx: Transaction, last: bool) -> Decision:
        # The RM's book rule first, in the transaction that changes the graph (as every step's).
        await require_reach(tx, who, "request.customerId", f"customer '{contact.customer_id}'",
                            customerId=contact.customer_id)
        if key is not None:
            prior = await tx.run(ALLOCATION_BY_IDEMPOTENCY_KEY, idempotencyKey=key)
            if prior:
                idempotency.replay(prior[0]["fingerprint"], fingerprint or "", key, "idempotencyKey")
                return Decision(prior[0]["allocationId"], now, None)
        # Each attempt stamps its own time: live feeds read changes by updatedAt, near commit time.
        outcome = await route(tx, contact, allocation_id, datetime.datetime.now(datetime.UTC), by,
                              queue_if_taken=last, explain=explain)
        if outcome is None:
            raise CapacityTaken(allocation_id)
        return Decision(allocation_id, now, outcome)

    for attempt in range(MAX_ATTEMPTS):
        try:
            return await db.transact(functools.partial(work, last=attempt == MAX_ATTEMPTS - 1))
        except CapacityTaken:
            continue
        except ConstraintError:
            if key is None:
                raise
            # A concurrent request with the same key committed first: answer with its decision.
            return await db.transact(functools.partial(work, last=True))
    raise AssertionError("the last attempt queues instead of raising CapacityTaken")


async def retrieve(db: Database, allocation_id: str, field: str = "allocationId") -> Record:
    """The allocation's record (get_allocations.cypher), or NOT_FOUND naming `field`."""
    row = found(await db.read(GET_ALLOCATIONS, allocationIds=[allocation_id]), "allocation", allocation_id, field)
    allocation: Record = row["allocation"]
    return allocation


async def read_allocation(tx: Transaction, allocation_id: str) -> Record:
    [row] = await tx.run(GET_ALLOCATIONS, allocationIds=[allocation_id])
    allocation: Record = row["allocation"]
    return allocation


async def take_step(db: Database, who: Principal, allocation_id: str, action: Action, reason: str | None) -> Record:
    """Moves the allocation one step through its lifecycle (lifecycle.TRANSITIONS); a CONFLICT for a
    step its status does not allow, nothing changed for a step that already happened."""
    reason = text(reason, "input.reason", MAX_REASON, required=False)
    sources, target = TRANSITIONS[action]
    by = who.subject

    async def work(tx: Transaction) -> Record:
        now = datetime.datetime.now(datetime.UTC)
        await require_allocation_reach(tx, who, allocation_id)
        allocation = await locked(tx, allocation_id)
        status = Status(allocation["status"])
        if status is target:  # a retry of a step that already happened
            return await read_allocation(tx, allocation_id)
        if status not in sources:
            allowed = ", ".join(sorted(s.name for s in sources))
            raise Conflict(f"cannot {action.name} an allocation that is {status.name}; {action.name} applies to "
                           f"{allowed}", field="input.action")
        if action is Action.ACCEPT and allocation["offerExpiresAt"].to_native() <= now:
            raise Conflict(f"the offer lapsed at {allocation['offerExpiresAt'].to_native().isoformat()}; the contact "
                           "is being re-routed", field="input.action")
        changes = Changes()
        if action is Action.REJECT:
            await end_offer(tx, allocation, Status.REJECTED, reason, now, by, changes)
        else:
            await tx.run(SET_ALLOCATION_STATUS, allocationId=allocation_id, status=target.name, reason=reason,
                         now=now, by=by)
            resource_id = allocation["resourceId"]
            await log_event(tx, allocation["customerId"], EventCategory.SERVICING, EVENT_TYPES[target],
                            f"{allocation['channel']} contact {target.name.lower()}"
                            + (f" by {resource_id}" if resource_id else " while queued")
                            + (f": {reason}" if reason else ""),
                            by, result=target.name, resource_id=resource_id, allocation_id=allocation_id)
            if target is not Status.ACCEPTED and status in HOLDS_CAPACITY:
                await serve_queue(tx, now, by, changes, resource_id=resource_id)
        return await read_allocation(tx, allocation_id)

    return await db.transact(work)


async def wrap_up(db: Database, who: Principal, allocation_id: str, disposition: str, note: str | None) -> Record:
    """Captures the wrap-up of an ACCEPTED allocation; captured again, it replaces the first."""
    note = text(note, "input.note", MAX_NOTE, required=False)
    by = who.subject

    async def work(tx: Transaction) -> Record:
        now = datetime.datetime.now(datetime.UTC)
        await require_allocation_reach(tx, who, allocation_id)
        allocation = await locked(tx, allocation_id)
        if allocation["status"] != Status.ACCEPTED:
            raise Conflict(f"wrap-up is captured on an ACCEPTED allocation; this one is {allocation['status']}",
                           field="input.allocationId")
        await tx.run(CAPTURE_ALLOCATION_WRAP_UP, allocationId=allocation_id, disposition=disposition,
                     note=note, now=now, by=by)
        await log_event(tx, allocation["customerId"], EventCategory.SERVICING, "CONTACT_WRAPPED_UP",
                        f"{allocation['channel']} contact wrapped up as {disposition}"
                        + (f": {note}" if note else ""),
                        by, result=disposition, resource_id=allocation["resourceId"],
                        allocation_id=allocation_id)
        return await read_allocation(tx, allocation_id)

    return await db.transact(work)


async def require_allocation_reach(tx: Transaction, who: Principal, allocation_id: str) -> None:
    """The book rule for a step on an allocation (gateway/security/book.py): its customer is in an
    RM's book, or the allocation is offered to the RM."""
    await require_reach(tx, who, "input.allocationId", f"allocation has the id {allocation_id}",
                        allocationId=allocation_id)


async def locked(tx: Transaction, allocation_id: str) -> Record:
    """The allocation's node, write-locked until the transaction ends, or NOT_FOUND."""
    return present(await lock_allocation(tx, allocation_id), "allocation", allocation_id, "input.allocationId")
