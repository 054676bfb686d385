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

import strawberry

from domains import idempotency
from graph.database import Transaction
from graph.errors import Forbidden
from graph.queries import load
from resolvers.customer_event_history.capture import log_event
from resolvers.customer_event_history.timeline import EventCategory
from resolvers.lead_and_opportunity_management.assignment import LeadAssignment, proposal
from resolvers.lead_and_opportunity_management.lead_model import Lead, lock_lead, read_lead, require_open
from resolvers.lead_and_opportunity_management.vocabulary import OPEN_STATUSES, LeadStatus

ASSIGN_LEAD_OWNER = load("lead_and_opportunity_management/assign_lead_owner")
ASSIGNMENT_BY_IDEMPOTENCY_KEY = load("lead_and_opportunity_management/assign_by_idempotency_key")

OPEN = ", ".join(s.name for s in LeadStatus if s in OPEN_STATUSES)  # in lifecycle order


@strawberry.type(description="The outcome of (re)assigning a lead.")
class LeadAssignmentResult:
    lead: Lead = strawberry.field(description="The lead as it is now, with its owner and the assignment's explanation.")
    assignment: LeadAssignment | None = strawberry.field(
        description="Who this request assigned the lead to and why; null when nobody qualifies (the owner is then "
                    "unchanged).")
    previous_owner_id: strawberry.ID | None = strawberry.field(
        description="The resourceId of the owner before this request; null when the lead had none.")
    reason_unassigned: str | None = strawberry.field(description="Why nobody qualifies; null when assigned.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key was used before: the first request's assignment, the lead as it "
                    "is now.")


async def _replay(tx: Transaction, lead_id: str, key: str, fingerprint: str) -> LeadAssignmentResult | None:
    rows = await tx.run(ASSIGNMENT_BY_IDEMPOTENCY_KEY, idempotencyKey=key)
    if not rows:
        return None
    prior = rows[0]
    idempotency.replay(prior["fingerprint"], fingerprint, key, "idempotencyKey")
    previous = prior["previousOwnerId"]
    return LeadAssignmentResult(lead=await read_lead(tx, lead_id), assignment=LeadAssignment.from_json(prior["assignment"]),
                                previous_owner_id=None if previous is None else strawberry.ID(previous),
                                reason_unassigned=None, replayed=True)


async def assign_lead(tx: Transaction, lead_id: str, by: str, admin: bool, key: str | None,
                      acting: str | None = None) -> LeadAssignmentResult:
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
        await tx.run(ASSIGN_LEAD_OWNER, leadId=lead_id, resourceId=str(assignment.resource.resource_id),
                     assignment=assignment.to_json(), at=at, by=by)
        resource_id = str(assignment.resource.resource_id)
        logged = await log_event(
            tx, lead["customerId"], EventCategory.SALES, "LEAD_ASSIGNED",
            f"lead {lead_id} assigned to {resource_id}: {assignment.reason}", by,
            result=assignment.preference.name, resource_id=resource_id, lead_id=lead_id, idempotency_key=key, at=at,
            # What a replay answers: the key lives on this event.
            details={"leadReference": lead_id, "idempotencyFingerprint": fingerprint,
                     "assignment": assignment.to_json(), "previousOwnerId": owner})
        if not logged["created"]:  # a concurrent request with the same key, for another lead, committed first
            idempotency.replay(logged["event"].get("idempotencyFingerprint"), fingerprint or "", key or "",
                               "idempotencyKey")
    return LeadAssignmentResult(lead=await read_lead(tx, lead_id), assignment=assignment,
                                previous_owner_id=None if owner is None else strawberry.ID(owner),
                                reason_unassigned=why, replayed=False)
