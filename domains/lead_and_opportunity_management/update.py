"""BIAN Update of the LeadandOpportunityProcedure: status, priority, owner and details of a lead
(docs/lead-and-opportunity.md, "The procedure").

One write transaction: lock the lead, check every change under the lock (legal transition,
evaluation before CONFIRMED and OFFER_INITIATED, priority control, owner rights), then write it,
trigger what it triggers (the offer, the SALES_PROSPECT status on closing) and log one Sales event
per kind of change. Any failed check leaves the graph unchanged.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from typing import Any

from domains.found import unknown
from domains.inputs import text
from domains.lead_and_opportunity_management.capture import DESCRIPTION_LENGTH, SHORT_LENGTH
from domains.lead_and_opportunity_management.evaluation import evaluate
from domains.lead_and_opportunity_management.lead import lock_lead
from domains.lead_and_opportunity_management.scoring import classify, score
from domains.lead_and_opportunity_management.triggers import initiate_offer, log_step, settle_prospect
from domains.lead_and_opportunity_management.vocabulary import (
    OPEN_STATUSES,
    PRIORITIES,
    TRANSITIONS,
    LeadStatus,
    PriorityAction,
)
from gateway.security.auth import Principal, Role
from gateway.security.book import acting_resource
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, Forbidden, ValidationFailed
from graph.queries import load

LEAD_UPDATE = load("lead_and_opportunity_management/lead_update")

EVALUATED_STATUSES = frozenset({LeadStatus.CONFIRMED, LeadStatus.OFFER_INITIATED})
DETAILS = (("description", "description"), ("status_reason", "statusReason"),
           ("date_time_location", "dateTimeLocation"), ("campaign_version", "campaignVersion"))


@dataclass(frozen=True)
class Changes:
    """What BIAN Update asks of a lead: only the values given (not None) change."""

    lead_id: str
    status: LeadStatus | None = None
    status_reason: str | None = None
    description: str | None = None
    priority_action: PriorityAction | None = None
    owner_id: str | None = None
    date_time_location: str | None = None
    campaign_version: int | None = None


@dataclass
class Plan:
    """What the update writes and which Sales events it logs."""

    properties: dict[str, Any] = field(default_factory=dict)
    events: list[tuple[str, str, str | None]] = field(default_factory=list)  # (type, record, result)
    owner_id: str | None = None


def _details(input: Changes) -> dict[str, Any]:
    if input.campaign_version is not None and input.campaign_version < 1:
        raise ValidationFailed("campaignVersion starts at 1", field="input.campaignVersion")
    lengths = {"description": DESCRIPTION_LENGTH, "statusReason": DESCRIPTION_LENGTH, "dateTimeLocation": SHORT_LENGTH}
    details: dict[str, Any] = {}
    for attribute, name in DETAILS:
        value = getattr(input, attribute)
        if value is None:
            continue
        details[name] = value if isinstance(value, int) else text(value, f"input.{name}", lengths[name])
    return details


def _transition(lead: Record, target: LeadStatus) -> LeadStatus:
    current = LeadStatus(lead["status"])
    allowed = TRANSITIONS[current]
    if target not in allowed:
        may = ", ".join(sorted(s.name for s in allowed)) or "none: the lead is closed"
        raise Conflict(f"lead {lead['leadId']} is {current.name}: it cannot move to {target.name}; allowed: {may}",
                       field="input.status")
    return current


def _priority(lead: Record, action: PriorityAction, plan: Plan) -> None:
    priority, suspended = lead["priority"], bool(lead.get("suspended"))
    if action is PriorityAction.SUSPEND or action is PriorityAction.RESUME:
        if suspended is (action is PriorityAction.SUSPEND):
            state = "already suspended" if suspended else "not suspended"
            raise Conflict(f"lead {lead['leadId']} is {state}", field="input.priorityAction")
        plan.properties["suspended"] = action is PriorityAction.SUSPEND
        plan.events.append(("LEAD_PRIORITY_CHANGED", f"lead {action.name.lower()}ed at priority {priority}",
                            action.name))
        return
    step = 1 if action is PriorityAction.RAISE else -1
    if priority + step not in PRIORITIES:
        raise Conflict(f"lead {lead['leadId']} is at priority {priority}: it cannot be {action.name.lower()}ed "
                       "further (1 least urgent .. 5 most)", field="input.priorityAction")
    points = score(priority + step, lead["scoreBasis"] or 0)
    plan.properties.update(priority=priority + step, score=points, classification=classify(points).name)
    plan.events.append(("LEAD_PRIORITY_CHANGED", f"priority {priority} → {priority + step} (score {points})",
                        action.name))


def _owner(lead: Record, new_owner: str, principal: Principal, plan: Plan, exists: bool) -> None:
    current = lead["ownerId"]
    # Rights first: someone who may not change the owner learns nothing about resources.
    if current is not None and acting_resource(principal) != current and not principal.has_any(frozenset({Role.ADMIN})):
        raise Forbidden(f"lead {lead['leadId']} is owned by {current}: only its owner or an admin may change its "
                        "owner", field="input.ownerId")
    if not exists:
        raise unknown("servicing resource", new_owner, "input.ownerId")
    if new_owner != current:
        plan.owner_id = new_owner
        plan.properties.update(assignment=None, assignedAt=None)  # named by hand: the rules' explanation no longer holds
        plan.events.append(("LEAD_OWNER_CHANGED", f"owner {current or 'none'} → {new_owner}", None))


async def _check_evaluation(tx: Transaction, lead_id: str, target: LeadStatus, at: datetime.datetime,
                            trusted: bool) -> None:
    evaluation = await evaluate(tx, lead_id, at, trusted=trusted)
    if not evaluation.passed:
        failed = "; ".join(f"{c.check.name}: {c.detail}" for c in evaluation.checks if not c.passed)
        raise Conflict(f"lead {lead_id} cannot move to {target.name}: the evaluation failed {failed}",
                       field="input.status")


async def _plan(tx: Transaction, input: Changes, lead: Record, details: dict[str, Any],
                principal: Principal, trusted: bool, row: Record) -> tuple[Plan, LeadStatus | None]:
    plan = Plan()
    if LeadStatus(lead["status"]) not in OPEN_STATUSES and input.status is None:
        raise Conflict(f"lead {lead['leadId']} is {lead['status']}: a closed lead does not change", field="input.leadId")
    target = input.status
    if target is not None:
        _transition(lead, target)
        if target in EVALUATED_STATUSES:
            await _check_evaluation(tx, lead["leadId"], target, row["now"].to_native(), trusted)
        plan.properties["status"] = target.name
        if target not in OPEN_STATUSES:
            plan.properties["closedAt"] = row["now"]
        plan.events.append((f"LEAD_{target.name}", f"lead {lead['status']} → {target.name}"
                            + (f": {details['statusReason']}" if "statusReason" in details else ""), target.name))
    if input.priority_action is not None:
        _priority(lead, input.priority_action, plan)
    if input.owner_id is not None:
        _owner(lead, input.owner_id, principal, plan, row["namedResourceId"] is not None)
    changed = {k: v for k, v in details.items() if v != lead.get(k)}
    plan.properties.update(changed)
    if set(changed) - ({"statusReason"} if target is not None else set()):
        plan.events.append(("LEAD_UPDATED", "changed " + ", ".join(sorted(changed)), None))
    return plan, target


async def _apply(tx: Transaction, input: Changes, details: dict[str, Any], principal: Principal,
                 trusted: bool) -> str:
    lead_id = input.lead_id
    row = await lock_lead(tx, lead_id, "input.leadId", resource_id=input.owner_id)
    lead = row["lead"]
    plan, target = await _plan(tx, input, lead, details, principal, trusted, row)
    if not plan.events and plan.owner_id is None:
        return lead_id  # the same values again: nothing changes, so a retry is harmless
    now, by = row["now"], principal.subject
    await tx.run(LEAD_UPDATE, change={"leadId": lead_id, "ownerId": plan.owner_id,
                                      "properties": {**plan.properties, "updatedAt": now, "updatedBy": by}})
    if target is LeadStatus.OFFER_INITIATED:
        offer_id = await initiate_offer(tx, lead_id, now, by)
        plan.events[0] = (plan.events[0][0], f"{plan.events[0][1]}; offer {offer_id} initiated", plan.events[0][2])
    if target is not None and target not in OPEN_STATUSES:
        await settle_prospect(tx, lead_id, row["customerId"], by)
    owner = plan.owner_id or lead["ownerId"]
    for event_type, record, result in plan.events:
        await log_step(tx, row["customerId"], lead_id, event_type, record, by, result=result, resource_id=owner)
    return lead_id


async def update(db: Database, input: Changes, principal: Principal) -> str:
    """Applies `input` in one write transaction; returns the leadId. A failed check changes nothing."""
    if all(getattr(input, f.name) is None for f in fields(input) if f.name != "lead_id"):
        raise ValidationFailed("give at least one change: status, statusReason, description, priorityAction, "
                               "ownerId, dateTimeLocation or campaignVersion", field="input")
    details = _details(input)
    trusted = principal.sees_confidential
    result: str = await db.transact(lambda tx: _apply(tx, input, details, principal, trusted))
    return result
