"""BIAN ControlIncident (priority up or down, hold, resume) and ExchangeIncident (acknowledge,
resolve, reopen, close): the moves of an incident's life, checked against `INCIDENT_MOVES` under the
plan's lock. Each runs as an incident step (`steps.run_step`) and logs its own event.
"""

from __future__ import annotations

from typing import Any

from domains.customer_relationship_management.incident import rules as rules
from domains.customer_relationship_management.incident.steps import change, log, run_step, stamp
from domains.customer_relationship_management.plan.lock import LockedPlan, require_open_plan
from domains.customer_relationship_management.steps import Changed, StepKey
from domains.customer_relationship_management.vocabulary import IncidentControlAction, IncidentExchangeAction
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.errors import ValidationFailed

EVENT_TYPES: dict[IncidentControlAction | IncidentExchangeAction, str] = {
    IncidentControlAction.RAISE_PRIORITY: "INCIDENT_PRIORITY_CHANGED",
    IncidentControlAction.LOWER_PRIORITY: "INCIDENT_PRIORITY_CHANGED",
    IncidentControlAction.HOLD: "INCIDENT_ON_HOLD",
    IncidentControlAction.RESUME: "INCIDENT_RESUMED",
    IncidentExchangeAction.ACKNOWLEDGE: "INCIDENT_ACKNOWLEDGED",
    IncidentExchangeAction.RESOLVE: "INCIDENT_RESOLVED",
    IncidentExchangeAction.REOPEN: "INCIDENT_REOPENED",
    IncidentExchangeAction.CLOSE: "INCIDENT_CLOSED",
}
PRIORITY_ACTIONS = frozenset({IncidentControlAction.RAISE_PRIORITY, IncidentControlAction.LOWER_PRIORITY})
# The moves that need a reason (the client's field "reason").
REASONED = frozenset({IncidentControlAction.HOLD, IncidentExchangeAction.REOPEN})


def _status_change(row: dict[str, Any], action: IncidentControlAction | IncidentExchangeAction, locked: LockedPlan,
                   reason: str | None, resolution: str | None, by: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The properties a status move writes, and the extra change (an earlier resolution kept on REOPEN)."""
    incident, now = row["incident"], locked.row["now"]
    target = rules.move(incident, action, "action")
    properties: dict[str, Any] = {"status": target.name, "statusReason": reason}
    extra: dict[str, Any] = {}
    if action is IncidentExchangeAction.RESOLVE:
        properties |= {"resolution": resolution, "resolvedAt": now}
    elif action is IncidentExchangeAction.REOPEN:
        properties |= {"resolution": None, "resolvedAt": None}
        if incident.get("resolution"):
            extra["previousResolution"] = f"{stamp(locked, by)} — {incident['resolution']}"
    elif action is IncidentExchangeAction.CLOSE:
        properties["closedAt"] = now
    return properties, extra


async def move(db: Database, who: Principal, plan_id: str, incident_id: str,
               action: IncidentControlAction | IncidentExchangeAction, reason: str | None, resolution: str | None,
               idempotency_key: str | None) -> Changed[Record]:
    """Controls or exchanges the incident: `resolution` only with RESOLVE, `reason` required by REASONED."""
    by = who.subject
    said = rules.reason(reason, "reason", required=action in REASONED)
    if action is IncidentExchangeAction.RESOLVE:
        resolution = rules.narrative(resolution, "resolution")
    elif resolution is not None:
        raise ValidationFailed(f"only RESOLVE takes a resolution, not {action.name}", field="resolution")
    operation = ("controlRelationshipIncident" if isinstance(action, IncidentControlAction)
                 else "exchangeRelationshipIncident")
    step = StepKey.of(idempotency_key, operation, {"planId": plan_id, "incidentId": incident_id,
                                                   "action": action.name, "reason": said, "resolution": resolution}, by)

    async def act(tx: Transaction, locked: LockedPlan) -> str:
        require_open_plan(locked, "changing an incident", "planId")
        row = await rules.incident_on_plan(tx, plan_id, incident_id, "incidentId")
        incident = row["incident"]
        if action in PRIORITY_ACTIONS:
            assert isinstance(action, IncidentControlAction)
            priority = rules.stepped_priority(incident, action, "action")
            properties: dict[str, Any] = {"priority": priority}
            extra: dict[str, Any] = {}
            record = f"incident {incident_id} priority {incident['priority']} → {priority}"
            status = incident["status"]
        else:
            properties, extra = _status_change(row, action, locked, said, resolution, by)
            record = f"incident {incident_id} {incident['status']} → {properties['status']}"
            status = properties["status"]
        await change(tx, locked, incident_id, by, properties, **extra)
        await log(tx, locked, step, by, EVENT_TYPES[action], record + (f": {said}" if said else ""),
                  incident_id, row["assigneeId"], status)
        return incident_id

    return await run_step(db, who, plan_id, "planId", step, act)

