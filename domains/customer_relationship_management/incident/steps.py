"""BIAN CreateIncident, UpdateIncident and CaptureIncident on a plan's customer incidents, and how
every incident step runs (`run_step`, `change`, `log`).

A step is one write transaction: lock the plan (book check, the plan read under its lock, a repeated
idempotency key recognised), check the plan is open and the incident may change, check the
references it names, write, log its Relationship event. Any failed check leaves the graph
unchanged. The answer is the incident read back in the step's transaction (steps.changed_then_read).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from domains.customer_relationship_management.incident import rules as rules
from domains.customer_relationship_management.incident.read import incident_records, the_incident
from domains.customer_relationship_management.plan.lock import LockedPlan, lock_plan, require_open_plan
from domains.customer_relationship_management.steps import Changed, StepKey, changed_then_read, log_plan_step
from domains.customer_relationship_management.vocabulary import IncidentSource, IncidentStatus, IncidentType
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.errors import ValidationFailed
from graph.queries import load

INCIDENT_CREATE = load("customer_relationship_management/incident_create")
INCIDENT_CHANGE = load("customer_relationship_management/incident_change")

# Works a locked plan (no earlier request with the key) and answers the incident it created or changed.
Act = Callable[[Transaction, LockedPlan], Awaitable[str]]


@dataclass(frozen=True)
class IncidentCreation:
    """BIAN CreateIncident as asked (checked by `create`)."""

    plan_id: str
    incident_type: IncidentType
    source: IncidentSource
    description: str
    priority: int
    assignee_id: str | None
    activity: rules.ActivityIds | None


@dataclass(frozen=True)
class IncidentUpdate:
    """BIAN UpdateIncident as asked (checked by `update`): None leaves a field as it is."""

    plan_id: str
    incident_id: str
    incident_type: IncidentType | None
    source: IncidentSource | None
    description: str | None
    assignee_id: str | None


@dataclass(frozen=True)
class IncidentCapture:
    """BIAN CaptureIncident as asked (checked by `capture`)."""

    plan_id: str
    incident_id: str
    captured_detail: str | None
    activity: rules.ActivityIds | None


async def run_step(db: Database, who: Principal, plan_id: str, plan_field: str, step: StepKey,
                   act: Act) -> Changed[Record]:
    """The step in one write transaction; the incident it created or changed, as the transaction left it."""
    async def work(tx: Transaction) -> Changed[Record]:
        async def change() -> tuple[str, bool]:
            locked = await lock_plan(tx, who, plan_id, plan_field, step)
            if locked.prior is not None:
                return str(locked.prior.subject_id), True
            return await act(tx, locked), False

        async def read(incident_id: str) -> Record:
            return the_incident(await incident_records(tx, plan_id, incident_id=incident_id), plan_id, incident_id)

        return await changed_then_read(change(), read)

    return await db.transact(work)


def stamp(locked: LockedPlan, by: str) -> str:
    """'at — by' for an entry of a list narrative (captured details, earlier resolutions)."""
    return f"{locked.row['now'].to_native().replace(microsecond=0).isoformat()} — {by}"


async def change(tx: Transaction, locked: LockedPlan, incident_id: str, by: str, properties: dict[str, Any],
                 **extra: Any) -> None:
    """Writes a change of the incident; `extra` may name capturedDetail, previousResolution,
    assigneeId and the activity to link (eventIds, allocationIds, productIds)."""
    await tx.run(INCIDENT_CHANGE, change={
        "capturedDetail": None, "previousResolution": None, "assigneeId": None, "eventIds": [], "allocationIds": [],
        "productIds": [], **extra, "planId": locked.plan_id, "incidentId": incident_id,
        "properties": {**properties, "updatedAt": locked.row["now"], "updatedBy": by}})


async def log(tx: Transaction, locked: LockedPlan, step: StepKey, by: str, type: str, record: str,
              incident_id: str, assignee_id: str | None, status: str) -> None:
    await log_plan_step(tx, customer_id=locked.access.customer_id, plan_id=locked.plan_id, type=type, record=record,
                        by=by, step=step, subject_id=incident_id, resource_id=assignee_id, result=status)


async def create(db: Database, who: Principal, input: IncidentCreation, idempotency_key: str | None) -> Changed[Record]:
    plan_id, by = input.plan_id, who.subject
    asked: dict[str, Any] = {"planId": plan_id, "incidentType": input.incident_type.name, "source": input.source.name,
             "description": rules.narrative(input.description, "input.description"),
             "priority": rules.priority(input.priority, "input.priority"),
             "assigneeId": input.assignee_id}
    activity = rules.activity(input.activity, "input.activity")
    step = StepKey.of(idempotency_key, "createRelationshipIncident", {**asked, **activity.asked()}, by)
    incident_id = f"IN-{uuid.uuid4()}"

    async def act(tx: Transaction, locked: LockedPlan) -> str:
        require_open_plan(locked, "raising an incident", "input.planId")
        assignee: str | None = asked["assigneeId"] or locked.row["ownerId"]
        if assignee is None:
            raise ValidationFailed(f"relationship plan {plan_id} has no owner to assign the incident to: name "
                                   "input.assigneeId", field="input.assigneeId")
        await rules.check_references(tx, locked.access.customer_id, activity, assignee, "input.assigneeId")
        now = locked.row["now"]
        properties = {k: asked[k] for k in ("incidentType", "source", "description", "priority")}
        await tx.run(INCIDENT_CREATE, incident={
            **activity.asked(), "planId": plan_id, "assigneeId": assignee,
            "properties": {**properties, "incidentId": incident_id, "status": IncidentStatus.OPEN.name,
                           "createdAt": now, "createdBy": by, "updatedAt": now, "updatedBy": by}})
        await log(tx, locked, step, by, "INCIDENT_CREATED",
                  f"{asked['incidentType']} incident {incident_id} raised on plan {plan_id} (source {asked['source']}, "
                  f"priority {asked['priority']}), assigned to {assignee}"
                  + (f"; concerns {_activity_text(activity)}" if not activity.empty else ""),
                  incident_id, assignee, IncidentStatus.OPEN.name)
        return incident_id

    return await run_step(db, who, plan_id, "input.planId", step, act)


async def update(db: Database, who: Principal, input: IncidentUpdate, idempotency_key: str | None) -> Changed[Record]:
    plan_id, incident_id, by = input.plan_id, input.incident_id, who.subject
    properties: dict[str, Any] = {
        k: v for k, v in (("incidentType", None if input.incident_type is None else input.incident_type.name),
                          ("source", None if input.source is None else input.source.name),
                          ("description", None if input.description is None
                           else rules.narrative(input.description, "input.description")))
        if v is not None}
    assignee_id = input.assignee_id
    if not properties and assignee_id is None:
        raise ValidationFailed("name at least one change: incidentType, source, description or assigneeId",
                               field="input")
    step = StepKey.of(idempotency_key, "updateRelationshipIncident",
                      {"planId": plan_id, "incidentId": incident_id, "assigneeId": assignee_id, **properties}, by)

    async def act(tx: Transaction, locked: LockedPlan) -> str:
        require_open_plan(locked, "updating an incident", "input.planId")
        row = await rules.incident_on_plan(tx, plan_id, incident_id, "input.incidentId")
        rules.not_closed(row["incident"], "updated", "input.incidentId")
        if assignee_id is not None:
            await rules.check_references(tx, locked.access.customer_id, rules.activity(None, "input.activity"),
                                         assignee_id, "input.assigneeId")
        await change(tx, locked, incident_id, by, properties, assigneeId=assignee_id)
        named = sorted(properties) + (["assigneeId"] if assignee_id is not None else [])
        await log(tx, locked, step, by, "INCIDENT_UPDATED", f"incident {incident_id} updated: {', '.join(named)}"
                  + (f"; assigned to {assignee_id}" if assignee_id is not None else ""),
                  incident_id, assignee_id or row["assigneeId"], row["incident"]["status"])
        return incident_id

    return await run_step(db, who, plan_id, "input.planId", step, act)


async def capture(db: Database, who: Principal, input: IncidentCapture, idempotency_key: str | None) -> Changed[Record]:
    plan_id, incident_id, by = input.plan_id, input.incident_id, who.subject
    detail = rules.narrative(input.captured_detail, "input.capturedDetail", required=False)
    activity = rules.activity(input.activity, "input.activity")
    if detail is None and activity.empty:
        raise ValidationFailed("name at least one thing to capture: activity or capturedDetail", field="input")
    step = StepKey.of(idempotency_key, "captureRelationshipIncident",
                      {"planId": plan_id, "incidentId": incident_id, "capturedDetail": detail, **activity.asked()}, by)

    async def act(tx: Transaction, locked: LockedPlan) -> str:
        require_open_plan(locked, "capturing on an incident", "input.planId")
        row = await rules.incident_on_plan(tx, plan_id, incident_id, "input.incidentId")
        rules.not_closed(row["incident"], "captured on", "input.incidentId")
        if not activity.empty:
            await rules.check_references(tx, locked.access.customer_id, activity, None, "input.assigneeId")
        entry = None if detail is None else f"{stamp(locked, by)} — {detail}"
        await change(tx, locked, incident_id, by, {}, capturedDetail=entry, **activity.asked())
        captured = [part for part in ("a detail" if detail is not None else "", _activity_text(activity)) if part]
        await log(tx, locked, step, by, "INCIDENT_CAPTURED",
                  f"captured on incident {incident_id}: {' and '.join(captured)}",
                  incident_id, row["assigneeId"], row["incident"]["status"])
        return incident_id

    return await run_step(db, who, plan_id, "input.planId", step, act)


def _activity_text(activity: rules.Activity) -> str:
    """'events …; allocations …; products …' for an event's record ('' when there are none)."""
    return "; ".join(f"{name} {', '.join(ids)}" for name, ids in (("events", activity.event_ids),
                                                                  ("allocations", activity.allocation_ids),
                                                                  ("products", activity.product_ids)) if ids)
