"""BIAN Control, Exchange and Grant of the CustomerRelationshipManagementPlan: a plan moves through
its statuses (vocabulary.PLAN_MOVES) and qualifies for campaigns.

Each is one write transaction: lock the plan (book access, idempotency replay), check the move
under the lock, write it and log its Relationship event. Control CLOSE waits for the plan's open
incidents to be resolved and cancels its open development tasks and SCHEDULED contacts. Exchange
VERIFY is four-eyes: the plan's creator may not verify it. Grant needs an ACTIVE plan, a campaign
running today and a customer whom no indicator in force blocks from sales.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from domains.customer_relationship_management.plan.lock import LockedPlan, lock_plan
from domains.customer_relationship_management.plan.read import read_plan
from domains.customer_relationship_management.plan.rules import NARRATIVE_LENGTH
from domains.customer_relationship_management.steps import Changed, StepKey, changed_then_read, log_plan_step
from domains.customer_relationship_management.vocabulary import (
    OPEN_DEVELOPMENT_STATUSES,
    OPEN_INCIDENT_STATUSES,
    PLAN_MOVES,
    PlanControlAction,
    PlanExchangeAction,
    PlanStatus,
)
from domains.found import present
from domains.inputs import text
from domains.lead_and_opportunity_management.evaluation import sales_block_names
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, Forbidden, ValidationFailed
from graph.queries import load
from graph.temporal import native

PLAN_DEPENDENTS = load("customer_relationship_management/plan_dependents")
PLAN_TRANSITION = load("customer_relationship_management/plan_transition")
PLAN_GRANT_CONTEXT = load("customer_relationship_management/plan_grant_context")
PLAN_GRANT = load("customer_relationship_management/plan_grant")

PlanAction = PlanControlAction | PlanExchangeAction
EVENT_TYPES: dict[PlanAction, str] = {
    PlanControlAction.SUSPEND: "PLAN_SUSPENDED", PlanControlAction.RESUME: "PLAN_RESUMED",
    PlanControlAction.CLOSE: "PLAN_CLOSED", PlanExchangeAction.VERIFY: "PLAN_VERIFIED",
    PlanExchangeAction.ACCEPT: "PLAN_ACCEPTED", PlanExchangeAction.REJECT: "PLAN_REJECTED",
}
CANCEL_REASON = "plan closed"


@dataclass(frozen=True)
class PlanMove:
    """A checked Control or Exchange request."""

    plan_id: str
    action: PlanAction
    reason: str | None
    step: StepKey


@dataclass(frozen=True)
class PlanGrant:
    """A checked Grant request."""

    plan_id: str
    campaign_id: str
    reason: str | None
    step: StepKey


def plan_move(plan_id: str, action: PlanAction, reason: str | None, key: str | None, operation: str,
              by: str) -> PlanMove:
    """The move checked: a reason of at most 2000 characters, required to REJECT."""
    why = text(reason, "reason", NARRATIVE_LENGTH, required=False)
    if why is None and action is PlanExchangeAction.REJECT:
        raise ValidationFailed("REJECT needs a reason: say why the plan is turned down", field="reason")
    request = {"planId": plan_id, "action": action.name, "reason": why}
    return PlanMove(plan_id=plan_id, action=action, reason=why, step=StepKey.of(key, operation, request, by))


def plan_grant(plan_id: str, campaign_id: str, reason: str | None, key: str | None, by: str) -> PlanGrant:
    """The grant checked: a reason of at most 2000 characters."""
    why = text(reason, "reason", NARRATIVE_LENGTH, required=False)
    request = {"planId": plan_id, "campaignId": campaign_id, "reason": why}
    return PlanGrant(plan_id=plan_id, campaign_id=campaign_id, reason=why,
                     step=StepKey.of(key, "grantRelationshipPlan", request, by))


def _target(plan: LockedPlan, action: PlanAction) -> PlanStatus:
    starts, target = PLAN_MOVES[action]
    if plan.status not in starts:
        allowed = ", ".join(s.name for s in PlanStatus if s in starts)
        raise Conflict(f"relationship plan {plan.plan_id} is {plan.status.name}: {action.name} moves a plan from "
                       f"{allowed} only", field="action")
    return target


async def _check(tx: Transaction, who: Principal, plan: LockedPlan, action: PlanAction) -> None:
    """What a move needs besides a legal start: four eyes, a goal to accept, no open incident to close."""
    if action is PlanExchangeAction.VERIFY and plan.row["plan"].get("createdBy") == who.subject:
        raise Forbidden(f"{who.subject} created relationship plan {plan.plan_id}: someone else must verify it",
                        field="action")
    if action not in (PlanExchangeAction.ACCEPT, PlanControlAction.CLOSE):
        return
    [row] = await tx.run(PLAN_DEPENDENTS, plan={"planId": plan.plan_id,
                                                 "openIncidentStatuses": [s.name for s in OPEN_INCIDENT_STATUSES]})
    if action is PlanExchangeAction.ACCEPT and not row["goals"]:
        raise Conflict(f"relationship plan {plan.plan_id} has no goal: set at least one (updateRelationshipPlan) "
                       "before accepting it", field="action")
    if action is PlanControlAction.CLOSE and row["openIncidents"]:
        named = ", ".join(f"{i['incidentId']} ({i['status']})" for i in row["openIncidents"])
        raise Conflict(f"relationship plan {plan.plan_id} has open incidents: {named}; resolve them before closing "
                       "the plan", field="action")


def _properties(plan: LockedPlan, action: PlanAction, target: PlanStatus, reason: str | None,
                by: str) -> dict[str, Any]:
    now = plan.row["now"]
    properties: dict[str, Any] = {"status": target.name, "statusReason": reason, "updatedAt": now, "updatedBy": by}
    if action is PlanExchangeAction.VERIFY:
        properties.update(verifiedAt=now, verifiedBy=by)
    elif action is PlanExchangeAction.ACCEPT:
        properties["acceptedAt"] = now
    elif action is PlanControlAction.CLOSE:
        properties["closedAt"] = now
    return properties


def _move_record(plan: LockedPlan, target: PlanStatus, reason: str | None, written: dict[str, Any]) -> str:
    record = f"plan {plan.status.name} → {target.name}" + (f": {reason}" if reason else "")
    if written["cancelledTasks"]:
        record += "; development tasks cancelled: " + ", ".join(written["cancelledTasks"])
    if written["cancelledContacts"]:
        record += "; contacts cancelled: " + ", ".join(written["cancelledContacts"])
    return record


async def _move(tx: Transaction, who: Principal, m: PlanMove) -> tuple[str, bool]:
    plan = await lock_plan(tx, who, m.plan_id, "planId", m.step)
    if plan.prior is not None:
        return plan.plan_id, True
    target = _target(plan, m.action)
    await _check(tx, who, plan, m.action)
    closing = m.action is PlanControlAction.CLOSE
    [written] = await tx.run(PLAN_TRANSITION, move={
        "planId": plan.plan_id, "properties": _properties(plan, m.action, target, m.reason, who.subject),
        "cancelOpenWork": closing, "cancelReason": CANCEL_REASON,
        "openTaskStatuses": [s.name for s in OPEN_DEVELOPMENT_STATUSES], "at": plan.row["now"], "by": who.subject})
    await log_plan_step(tx, customer_id=plan.row["customerId"], plan_id=plan.plan_id, type=EVENT_TYPES[m.action],
                        record=_move_record(plan, target, m.reason, written), by=who.subject, step=m.step,
                        resource_id=plan.row["ownerId"], result=target.name)
    return plan.plan_id, False


async def move_plan(db: Database, who: Principal, m: PlanMove) -> Changed[Record]:
    return await db.transact(lambda tx: changed_then_read(_move(tx, who, m), lambda plan_id: read_plan(tx, plan_id)))


def _check_campaign(g: PlanGrant, context: dict[str, Any], today: datetime.date, trusted: bool) -> None:
    campaign = present(context["campaign"], "campaign", g.campaign_id, "campaignId")
    starts, ends = native(campaign.get("startsOn")), native(campaign.get("endsOn"))
    if (starts is not None and today < starts) or (ends is not None and ends < today):
        raise Conflict(f"campaign {g.campaign_id} runs from {starts or 'the start'} to {ends or 'no end'}, not today "
                       f"({today}): only a running campaign can be granted", field="campaignId")
    if context["granted"]:
        raise Conflict(f"relationship plan {g.plan_id} already qualifies for campaign {g.campaign_id}",
                       field="campaignId")
    if context["blocks"]:
        raise Conflict(f"the plan's customer may not be sold to: sales are blocked by "
                       f"{sales_block_names(context, trusted)}", field="planId")


async def _grant(tx: Transaction, who: Principal, g: PlanGrant) -> tuple[str, bool]:
    plan = await lock_plan(tx, who, g.plan_id, "planId", g.step)
    if plan.prior is not None:
        return plan.plan_id, True
    if plan.status is not PlanStatus.ACTIVE:
        raise Conflict(f"relationship plan {plan.plan_id} is {plan.status.name}: only an ACTIVE plan qualifies for a "
                       "campaign", field="planId")
    now = plan.row["now"]
    [context] = await tx.run(PLAN_GRANT_CONTEXT, grant={"planId": plan.plan_id, "campaignId": g.campaign_id, "at": now})
    _check_campaign(g, context, now.to_native().date(), who.sees_confidential)
    await tx.run(PLAN_GRANT, grant={"planId": plan.plan_id, "campaignId": g.campaign_id, "at": now, "by": who.subject,
                                    "reason": g.reason})
    await log_plan_step(tx, customer_id=plan.row["customerId"], plan_id=plan.plan_id, type="PLAN_CAMPAIGN_GRANTED",
                        record=f"qualified for campaign {context['campaign']['name']} ({g.campaign_id})"
                               + (f": {g.reason}" if g.reason else ""),
                        by=who.subject, step=g.step, subject_id=g.campaign_id, resource_id=plan.row["ownerId"],
                        result="GRANTED")
    return plan.plan_id, False


async def grant_plan(db: Database, who: Principal, g: PlanGrant) -> Changed[Record]:
    return await db.transact(lambda tx: changed_then_read(_grant(tx, who, g), lambda plan_id: read_plan(tx, plan_id)))
