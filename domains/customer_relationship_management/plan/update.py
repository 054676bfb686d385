"""BIAN Update of the CustomerRelationshipManagementPlan: updateRelationshipPlan.

The input is checked in Python first (at least one change; texts, goals). Then one write
transaction: lock the plan (book access, idempotency replay), require an open plan, check the
validity dates against the stored ones, the owner change (admin or the current owner; a
relationship manager), the goals (known ids, final results stay, at most 10), then write what
changes and log PLAN_UPDATED naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domains.contact_routing.vocabulary import RELATIONSHIP_MANAGER
from domains.customer_relationship_management.plan.fields import (
    GoalChangeAsked,
    GoalEdit,
    PlanFields,
    goal_edits,
    plan_fields,
)
from domains.customer_relationship_management.plan.lock import LockedPlan, lock_plan, require_open_plan
from domains.customer_relationship_management.plan.read import read_plan
from domains.customer_relationship_management.plan.rules import MAX_GOALS, check_validity
from domains.customer_relationship_management.steps import Changed, StepKey, changed_then_read, log_plan_step
from domains.customer_relationship_management.vocabulary import GoalResult, PlanType
from domains.found import found, unknown
from gateway.security.auth import Principal, Role
from gateway.security.book import acting_resource
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, Forbidden, ValidationFailed
from graph.queries import load
from graph.temporal import native

PLAN_DEPENDENTS = load("customer_relationship_management/plan_dependents")
PLAN_SERVICING_RESOURCE = load("customer_relationship_management/plan_servicing_resource")
PLAN_UPDATE = load("customer_relationship_management/plan_update")

FINAL_RESULTS = frozenset({GoalResult.ACHIEVED.name, GoalResult.MISSED.name})
ADMIN = frozenset({Role.ADMIN})


@dataclass(frozen=True)
class PlanChange:
    plan_id: str
    fields: dict[str, Any]
    goals: list[GoalEdit]
    owner_id: str | None
    step: StepKey


def plan_change(plan_id: str, given: PlanFields, plan_type: PlanType | None, goal_changes: list[GoalChangeAsked] | None,
                owner_id: str | None, key: str | None, by: str) -> PlanChange:
    """The change checked, with its step key; VALIDATION naming the input field, or "input" when nothing changes."""
    fields = plan_fields(given, plan_type)
    goals = goal_edits(goal_changes)
    if not fields and not goals and owner_id is None:
        raise ValidationFailed("give at least one change: a plan field, goals or ownerId", field="input")
    request = {"planId": plan_id, "fields": fields, "ownerId": owner_id,
               "goals": [(g.goal_id, g.properties) for g in goals]}
    return PlanChange(plan_id=plan_id, fields=fields, goals=goals, owner_id=owner_id,
                      step=StepKey.of(key, "updateRelationshipPlan", request, by))


def _check_dates(stored: Record, fields: dict[str, Any]) -> None:
    if {"validFrom", "validTo", "reviewDue"} & set(fields):
        dates = {name: fields.get(name) or native(stored.get(name)) for name in ("validFrom", "validTo", "reviewDue")}
        check_validity(dates["validFrom"], dates["validTo"], dates["reviewDue"] or dates["validFrom"], fields)


async def _check_owner(tx: Transaction, who: Principal, plan: LockedPlan, owner_id: str) -> None:
    current = plan.row["ownerId"]
    # Rights first: someone who may not change the owner learns nothing about resources.
    if acting_resource(who) != current and not who.has_any(ADMIN):
        raise Forbidden(f"relationship plan {plan.plan_id} is owned by {current}: only its owner or an admin may "
                        "change its owner", field="input.ownerId")
    resource = found(await tx.run(PLAN_SERVICING_RESOURCE, resourceId=owner_id), "servicing resource", owner_id,
                     "input.ownerId")
    if resource["kind"] != RELATIONSHIP_MANAGER:
        raise ValidationFailed(f"servicing resource {owner_id} is a {resource['kind']}: only a RELATIONSHIP_MANAGER "
                               "may own a relationship plan", field="input.ownerId")


async def _goal_writes(tx: Transaction, plan_id: str, edits: list[GoalEdit]) -> tuple[list[Record], list[Record]]:
    """(changes of existing goals, new goals with their ids); NOT_FOUND / CONFLICT / VALIDATION naming the entry."""
    [row] = await tx.run(PLAN_DEPENDENTS, plan={"planId": plan_id, "openIncidentStatuses": []})
    results = {g["goalId"]: g["result"] for g in row["goals"]}
    changed, added = [], []
    for edit in edits:
        if edit.goal_id is None:
            added.append(edit.properties)
            continue
        at = f"input.goals[{edit.index}]"
        if edit.goal_id not in results:
            raise unknown("goal", edit.goal_id, f"{at}.goalId", owner=f"relationship plan {plan_id}")
        result, wanted = results[edit.goal_id], edit.properties.get("result")
        if result in FINAL_RESULTS and wanted is not None and wanted != result:
            raise Conflict(f"goal {edit.goal_id} is {result}, a final result: it cannot become {wanted}",
                           field=f"{at}.result")
        changed.append({"goalId": edit.goal_id, "properties": edit.properties})
    if len(results) + len(added) > MAX_GOALS:
        raise ValidationFailed(f"the plan has {len(results)} goals; {len(added)} more would pass the limit of "
                               f"{MAX_GOALS}", field="input.goals")
    numbers = [int(goal_id.rsplit("-G", 1)[1]) for goal_id in results if goal_id.rsplit("-G", 1)[-1].isdigit()]
    start = max(numbers, default=0) + 1
    return changed, [{**goal, "goalId": f"{plan_id}-G{start + n}"} for n, goal in enumerate(added)]


def _stored(value: Any) -> Any:
    return native(value) if hasattr(value, "to_native") else value


def _record(changed: list[str], goals: tuple[list[Record], list[Record]], owner: tuple[str | None, str] | None) -> str:
    parts = [f"changed {', '.join(changed)}"] if changed else []
    if goals[0]:
        parts.append("goals changed: " + ", ".join(g["goalId"] for g in goals[0]))
    if goals[1]:
        parts.append("goals added: " + ", ".join(g["goalId"] for g in goals[1]))
    if owner is not None:
        parts.append(f"owner {owner[0] or 'none'} → {owner[1]}")
    return "; ".join(parts) or "nothing changed: the plan already had the values given"


async def _update(tx: Transaction, who: Principal, c: PlanChange) -> tuple[str, bool]:
    plan = await lock_plan(tx, who, c.plan_id, "input.planId", c.step)
    if plan.prior is not None:
        return plan.plan_id, True
    require_open_plan(plan, "an update", "input.planId")
    stored = plan.row["plan"]
    _check_dates(stored, c.fields)
    current_owner = plan.row["ownerId"]
    owner = None if c.owner_id is None or c.owner_id == current_owner else (current_owner, c.owner_id)
    if owner is not None:
        await _check_owner(tx, who, plan, owner[1])
    goals = await _goal_writes(tx, plan.plan_id, c.goals) if c.goals else ([], [])
    changed = sorted(name for name, value in c.fields.items() if _stored(stored.get(name)) != value)
    now, by = plan.row["now"], who.subject
    if changed or goals[0] or goals[1] or owner is not None:
        await tx.run(PLAN_UPDATE, change={
            "planId": plan.plan_id, "ownerId": None if owner is None else owner[1],
            "properties": {**{name: c.fields[name] for name in changed}, "updatedAt": now, "updatedBy": by},
            "changedGoals": goals[0], "newGoals": goals[1]})
    await log_plan_step(tx, customer_id=plan.row["customerId"], plan_id=plan.plan_id, type="PLAN_UPDATED",
                        record=_record(changed, goals, owner), by=by, step=c.step,
                        resource_id=current_owner if owner is None else owner[1], result=plan.status.name)
    return plan.plan_id, False


async def update_plan(db: Database, who: Principal, c: PlanChange) -> Changed[Record]:
    return await db.transact(lambda tx: changed_then_read(
        _update(tx, who, c), lambda plan_id: read_plan(tx, plan_id, "input.planId")))

