"""(Re)assigning an open lead in one write transaction: lock, check, choose (assignment.proposal), write.

Order under the lead's lock: a repeated idempotency key answers first (also once the lead has
closed or changed owner since), then a closed lead is a CONFLICT, then only the current owner or an
admin may change an owner that is set (FORBIDDEN), then the rules choose. Nobody qualified: nothing
is written and the answer says why.

Idempotency: the key and the request's fingerprint (lead and principal) are stored on the
LEAD_ASSIGNED Sales event with the assignment given, under the event_idempotency_key uniqueness
constraint; a repeat returns that assignment (replayed) and the lead as it is now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domains import idempotency

# Customer Event History's capture, still in resolvers/ (to be repointed when it moves to domains/).
from domains.customer_event_history.capture import log_event
from domains.customer_event_history.categories import EventCategory
from domains.lead_and_opportunity_management.assignment import Assignment, proposal
from domains.lead_and_opportunity_management.lead import lock_lead, read_lead, require_open
from gateway.security.auth import Principal, Role
from gateway.security.book import acting_resource
from graph.database import Database, Transaction
from graph.errors import Forbidden
from graph.queries import load

ASSIGN_LEAD_OWNER = load("lead_and_opportunity_management/assign_lead_owner")
ASSIGNMENT_BY_IDEMPOTENCY_KEY = load("lead_and_opportunity_management/assign_by_idempotency_key")


@dataclass(frozen=True)
class AssignmentOutcome:
    """The lead as the transaction left it, who this request assigned it to (None: nobody qualifies,
    `reason_unassigned` says why), the owner before, and whether it replays an earlier request."""

    lead: dict[str, Any]
    assignment: Assignment | None
    previous_owner_id: str | None
    reason_unassigned: str | None
    replayed: bool


async def _replay(tx: Transaction, lead_id: str, key: str, fingerprint: str) -> AssignmentOutcome | None:
    rows = await tx.run(ASSIGNMENT_BY_IDEMPOTENCY_KEY, idempotencyKey=key)
    if not rows:
        return None
    prior = rows[0]
    idempotency.replay(prior["fingerprint"], fingerprint, key, "idempotencyKey")
    return AssignmentOutcome(lead=await read_lead(tx, lead_id), assignment=Assignment.from_json(prior["assignment"]),
                             previous_owner_id=prior["previousOwnerId"], reason_unassigned=None, replayed=True)


async def assign_lead(tx: Transaction, lead_id: str, by: str, admin: bool, key: str | None,
                      acting: str | None = None) -> AssignmentOutcome:
    """`by`: who asks (the token subject, recorded); `acting`: the resource it acts as (default `by`)."""
    locked = await lock_lead(tx, lead_id, "leadId")
    lead = {**locked["lead"], "customerId": locked["customerId"], "productId": locked["productId"]}
    fingerprint = None if key is None else idempotency.fingerprint("assignLead", {"leadId": lead_id, "by": by})
    if key is not None and fingerprint is not None and (replayed := await _replay(tx, lead_id, key, fingerprint)):
        return replayed
    require_open(lead_id, lead["status"], "assigned", "leadId")
    owner = lead["ownerId"]
    if owner is not None and not admin and (acting or by) != owner:
        raise Forbidden(f"lead {lead_id} is owned by {owner}: only its owner or an admin may change its owner",
                        field="leadId")
    at = locked["now"].to_native()
    assignment, why = await proposal(tx, lead["customerId"], lead["productId"], at)
    if assignment is not None:
        resource_id = assignment.resource.resource_id
        await tx.run(ASSIGN_LEAD_OWNER, leadId=lead_id, resourceId=resource_id, assignment=assignment.to_json(),
                     at=at, by=by)
        logged = await log_event(
            tx, lead["customerId"], EventCategory.SALES, "LEAD_ASSIGNED",
            f"lead {lead_id} assigned to {resource_id}: {assignment.reason}", by,
            result=assignment.preference, resource_id=resource_id, lead_id=lead_id, idempotency_key=key, at=at,
            # What a replay answers: the key lives on this event.
            details={"leadReference": lead_id, "idempotencyFingerprint": fingerprint,
                     "assignment": assignment.to_json(), "previousOwnerId": owner})
        if not logged["created"]:  # a concurrent request with the same key, for another lead, committed first
            idempotency.replay(logged["event"].get("idempotencyFingerprint"), fingerprint or "", key or "",
                               "idempotencyKey")
    return AssignmentOutcome(lead=await read_lead(tx, lead_id), assignment=assignment, previous_owner_id=owner,
                             reason_unassigned=why, replayed=False)


async def reassign(db: Database, lead_id: str, principal: Principal, key: str | None) -> AssignmentOutcome:
    """assign_lead in its own write transaction, for `principal` (an admin may change any owner);
    `key` as idempotency.key checked it."""
    admin = principal.has_any(frozenset({Role.ADMIN}))
    return await db.transact(lambda tx: assign_lead(tx, lead_id, principal.subject, admin, key,
                                                    acting_resource(principal)))
