"""The rules an incident step checks: its input (in Python, before the database), the activity it
references and its assignee (in the database, under the plan's lock), and its status moves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domains.customer_relationship_management.vocabulary import (
    INCIDENT_MOVES,
    INCIDENT_PRIORITIES,
    IncidentControlAction,
    IncidentExchangeAction,
    IncidentStatus,
)
from domains.found import unknown
from domains.inputs import text
from graph.database import Transaction
from graph.errors import Conflict, ValidationFailed
from graph.queries import load

INCIDENT_REFERENCES = load("customer_relationship_management/incident_references")
INCIDENT_ON_PLAN = load("customer_relationship_management/incident_on_plan")

NARRATIVE_LENGTH = 2000
REASON_LENGTH = 200
MAX_REFERENCES = 20


@dataclass(frozen=True)
class Activity:
    """Activity references as asked (de-duplicated, order kept), and the input field they came from."""

    field: str
    event_ids: list[str]
    allocation_ids: list[str]
    product_ids: list[str]

    @property
    def empty(self) -> bool:
        return not (self.event_ids or self.allocation_ids or self.product_ids)

    def asked(self) -> dict[str, list[str]]:
        return {"eventIds": self.event_ids, "allocationIds": self.allocation_ids, "productIds": self.product_ids}


def narrative(value: str | None, field: str, *, required: bool = True) -> str | None:
    return text(value, field, NARRATIVE_LENGTH, required=required)


def reason(value: str | None, field: str, *, required: bool) -> str | None:
    return text(value, field, REASON_LENGTH, required=required)


def priority(value: int, field: str) -> int:
    if value not in INCIDENT_PRIORITIES:
        raise ValidationFailed(f"{field} is {value}: an incident's priority is 1 (least urgent) to 5 (most urgent)",
                               field=field)
    return value


@dataclass(frozen=True)
class ActivityIds:
    """BIAN ProductandServiceActivityReference as asked: the events, allocations and products named."""

    event_ids: list[str] | None = None
    allocation_ids: list[str] | None = None
    product_ids: list[str] | None = None


def activity(given: ActivityIds | None, field: str) -> Activity:
    """The references, de-duplicated; VALIDATION beyond MAX_REFERENCES."""
    def ids(values: list[str] | None) -> list[str]:
        return list(dict.fromkeys(values or []))

    given = given or ActivityIds()
    asked = Activity(field, ids(given.event_ids), ids(given.allocation_ids), ids(given.product_ids))
    count = len(asked.event_ids) + len(asked.allocation_ids) + len(asked.product_ids)
    if count > MAX_REFERENCES:
        raise ValidationFailed(f"{field} names {count} activities; at most {MAX_REFERENCES} are allowed", field=field)
    return asked


async def check_references(tx: Transaction, customer_id: str, asked: Activity, assignee_id: str | None,
                           assignee_field: str) -> None:
    """NOT_FOUND for an unknown event, allocation, product or assignee; VALIDATION for another
    customer's event or allocation. Each error names the reference as the client wrote it."""
    [found] = await tx.run(INCIDENT_REFERENCES, refs={**asked.asked(), "customerId": customer_id,
                                                      "assigneeId": assignee_id})
    if assignee_id is not None and not found["assigneeFound"]:
        raise unknown("servicing resource", assignee_id, assignee_field)
    events = {e["id"]: e["customerId"] for e in found["events"]}
    for i, event_id in enumerate(asked.event_ids):
        _exists(event_id in events, "event", event_id, f"{asked.field}.eventIds[{i}]")
        if events[event_id] != customer_id:
            raise ValidationFailed(f"event {event_id} is another customer's, not customer {customer_id}'s: an "
                                   "incident concerns its own customer's activity",
                                   field=f"{asked.field}.eventIds[{i}]")
    allocations = {a["id"]: a["forCustomer"] for a in found["allocations"]}
    for i, allocation_id in enumerate(asked.allocation_ids):
        _exists(allocation_id in allocations, "allocation", allocation_id, f"{asked.field}.allocationIds[{i}]")
        if not allocations[allocation_id]:
            raise ValidationFailed(f"allocation {allocation_id} is not for customer {customer_id}: an incident "
                                   "concerns its own customer's activity", field=f"{asked.field}.allocationIds[{i}]")
    products = {p["id"] for p in found["products"]}
    for i, product_id in enumerate(asked.product_ids):
        _exists(product_id in products, "product", product_id, f"{asked.field}.productIds[{i}]")


def _exists(found: bool, what: str, id: str, field: str) -> None:
    if not found:
        raise unknown(what, id, field)


async def incident_on_plan(tx: Transaction, plan_id: str, incident_id: str, field: str) -> dict[str, Any]:
    """The incident as it stands (`incident`, `assigneeId`); NOT_FOUND naming `field` when the plan has none such."""
    rows = await tx.run(INCIDENT_ON_PLAN, planId=plan_id, incidentId=incident_id)
    if not rows:
        raise unknown("incident", incident_id, field, owner=f"relationship plan {plan_id}")
    return rows[0]


def not_closed(incident: dict[str, Any], doing: str, field: str) -> None:
    if incident["status"] == IncidentStatus.CLOSED.name:
        raise Conflict(f"incident {incident['incidentId']} is CLOSED: it cannot be {doing} (a closed incident does "
                       "not change)", field=field)


def move(incident: dict[str, Any], action: IncidentControlAction | IncidentExchangeAction,
         field: str) -> IncidentStatus:
    """The status `action` leads to; CONFLICT naming the current status and those it may start from."""
    starts, target = INCIDENT_MOVES[action]
    current = IncidentStatus(incident["status"])
    if current not in starts:
        allowed = ", ".join(s.name for s in IncidentStatus if s in starts)
        raise Conflict(f"incident {incident['incidentId']} is {current.name}: {action.name} starts from {allowed}",
                       field=field)
    return target


def stepped_priority(incident: dict[str, Any], action: IncidentControlAction, field: str) -> int:
    """The priority one step up or down; CONFLICT at the bound or on a RESOLVED or CLOSED incident."""
    current, status = incident["priority"], IncidentStatus(incident["status"])
    if status in (IncidentStatus.RESOLVED, IncidentStatus.CLOSED):
        raise Conflict(f"incident {incident['incidentId']} is {status.name}: its priority changes only while it is "
                       "OPEN, IN_PROGRESS or ON_HOLD", field=field)
    step = 1 if action is IncidentControlAction.RAISE_PRIORITY else -1
    if current + step not in INCIDENT_PRIORITIES:
        raise Conflict(f"incident {incident['incidentId']} is at priority {current}: it cannot be "
                       f"{'raised' if step > 0 else 'lowered'} further (1 least urgent .. 5 most)", field=field)
    return int(current + step)
