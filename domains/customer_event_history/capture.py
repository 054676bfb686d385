"""Capture of customer events, one at a time or in bulk from feeds (BIAN Capture<Category>).

Each event is checked in Python (text, dates, category), then in one write transaction:
one statement checks what the events reference, one records those that passed. An event
is written whole or not at all; in a bulk capture each item reports its own outcome.

Idempotency: an `idempotencyKey`, or else the natural key `source:sourceReference` when the
source system names its record, is MERGEd on under the event_idempotency_key constraint; a
repeat (also a concurrent one) returns the first event and writes nothing new.

Other domains log their steps through `log_event`, inside their own transaction.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from domains import idempotency
from domains.customer_event_history.categories import LABELS, EventCategory, noun, sees_fraud
from domains.found import unknown
from domains.inputs import text
from gateway.security.auth import Principal
from gateway.security.book import access, book_holder, outside_the_book, reach
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, Forbidden, GatewayError, NotFound, ValidationFailed
from graph.queries import load
from graph.temporal import aware
from graph.temporal import now as utc_now

EVENT_CAPTURE_CHECKS = load("customer_event_history/event_capture_checks")
CAPTURE_EVENTS = load("customer_event_history/capture_events")

MAX_BULK = 500
RECORD_LENGTH = 4000
SHORT_LENGTH = 200
DEFAULT_SOURCE = "GATEWAY"


# The category-specific inputs' extra fields, as (input attribute, stored property).
DETAILS: dict[EventCategory, tuple[tuple[str, str], ...]] = {
    EventCategory.RELATIONSHIP: (("relationship_action", "relationshipAction"),),
    EventCategory.SALES: (("sales_event_type", "salesEventType"),
                          ("commission_agreement_reference", "commissionAgreementReference")),
    EventCategory.SERVICING: (("servicing_event_type", "servicingEventType"),
                              ("contact_record_reference", "contactRecordReference"),
                              ("channel_device_type", "channelDeviceType"), ("contact_purpose", "contactPurpose")),
    EventCategory.PRODUCT_PROCESSING: (("description", "description"),),
    EventCategory.FRAUD: (("fraud_case_reference", "fraudCaseReference"),
                          ("contact_record_reference", "contactRecordReference")),
    EventCategory.LIFE: (("contact_record_reference", "contactRecordReference"),),
}
# Details that are codes the schema already restricts (enums): stored as given, not checked as text.
CODED = frozenset({"salesEventType", "servicingEventType"})


@dataclass(frozen=True)
class NewEvent:
    """One event to capture, as a client or a feed described it; codes (channel, ...) as their names."""

    customer_id: str
    type: str
    occurred_at: datetime.datetime | None = None
    channel: str | None = None
    record: str | None = None
    result: str | None = None
    location: str | None = None
    employee_unit_reference: str | None = None
    source: str | None = None
    source_reference: str | None = None
    idempotency_key: str | None = None
    # The category's details (DETAILS), by stored property, e.g. {"contactPurpose": "Lost card"}.
    details: Mapping[str, str | None] = field(default_factory=dict)
    # Sales: ProductandServiceType; Servicing, Fraud: AccessedProductandService; ProductProcessing: the instance.
    product_ids: tuple[str, ...] = ()
    lead_reference: str | None = None
    allocation_reference: str | None = None


@dataclass
class Draft:
    """One event checked in Python, ready for the graph's checks and the write."""

    index: int
    category: EventCategory
    path: str  # the input's path, for error fields: "input." or "events[3].servicing."
    properties: dict[str, Any]
    product_ids: list[str] = field(default_factory=list)
    resource_id: str | None = None
    lead_id: str | None = None
    allocation_id: str | None = None
    fraud_case_id: str | None = None

    def check_row(self) -> dict[str, Any]:
        return {"index": self.index, "customerId": self.properties["customerId"], "type": self.properties["type"],
                "category": self.category.name, "productIds": self.product_ids, "resourceId": self.resource_id,
                "leadId": self.lead_id, "allocationId": self.allocation_id}

    def write_row(self) -> dict[str, Any]:
        return {"index": self.index, "customerId": self.properties["customerId"], "label": LABELS[self.category],
                "properties": self.properties, "productIds": self.product_ids, "resourceId": self.resource_id,
                "leadId": self.lead_id, "allocationId": self.allocation_id, "planId": None,
                "fraudCaseId": self.fraud_case_id}


@dataclass(frozen=True)
class Outcome:
    """What became of one event: the stored event (new or replayed) or the error."""

    index: int
    event: dict[str, Any] | None = None
    replayed: bool = False
    error: GatewayError | None = None


def draft(event: NewEvent, category: EventCategory, index: int, prefix: str, principal: Principal,
          future_tolerance_seconds: float, now: datetime.datetime) -> Draft:
    """The event to record, or VALIDATION / FORBIDDEN naming the input field (`prefix` + name) at fault."""
    if category is EventCategory.FRAUD and not sees_fraud(principal):
        raise Forbidden("only relationship managers and admins may capture fraud events", field=prefix.rstrip("."))
    occurred_at = now if event.occurred_at is None else aware(event.occurred_at)
    if occurred_at > now + datetime.timedelta(seconds=future_tolerance_seconds):
        raise ValidationFailed(f"occurredAt {occurred_at.isoformat()} is in the future; at most "
                               f"{future_tolerance_seconds:.0f} s ahead is accepted",
                               field=f"{prefix}occurredAt")
    source = text(event.source, f"{prefix}source", 64, required=False) or DEFAULT_SOURCE
    source_reference = text(event.source_reference, f"{prefix}sourceReference", SHORT_LENGTH, required=False)
    key = idempotency.key(event.idempotency_key, f"{prefix}idempotencyKey")
    if key is None and source_reference is not None:
        key = f"{source}:{source_reference}"
    properties: dict[str, Any] = {
        "eventId": f"EV-{uuid.uuid4()}", "customerId": event.customer_id, "category": category.name,
        "type": (text(event.type, f"{prefix}type", 64) or "").upper(), "occurredAt": occurred_at,
        "channel": event.channel,
        "record": text(event.record, f"{prefix}record", RECORD_LENGTH, required=False),
        "result": text(event.result, f"{prefix}result", 64, required=False),
        "location": text(event.location, f"{prefix}location", SHORT_LENGTH, required=False),
        "employeeUnitReference": event.employee_unit_reference,
        "source": source, "sourceReference": source_reference, "idempotencyKey": key,
    }
    for _, name in DETAILS[category]:
        value = event.details.get(name)
        properties[name] = value if name in CODED else text(value, f"{prefix}{name}", RECORD_LENGTH, required=False)
    products = list(event.product_ids)
    properties["productIds"] = products or None
    properties["leadReference"] = event.lead_reference
    properties["allocationReference"] = event.allocation_reference
    if key is not None:
        asked = {k: v for k, v in properties.items() if k != "eventId"}
        properties["idempotencyFingerprint"] = idempotency.fingerprint(f"capture{category.name}", {
            **asked, "occurredAt": None if event.occurred_at is None else occurred_at, "by": principal.subject})
    return Draft(index=index, category=category, path=prefix, properties=properties, product_ids=products,
                 resource_id=properties["employeeUnitReference"], lead_id=properties["leadReference"],
                 allocation_id=properties["allocationReference"], fraud_case_id=properties.get("fraudCaseReference"))


async def capture_event(db: Database, principal: Principal, category: EventCategory, event: NewEvent,
                        future_tolerance_seconds: float) -> dict[str, Any]:
    """Captures one event (or replays the first capture with its key); its error as raised."""
    now = utc_now()
    checked = draft(event, category, 0, "input.", principal, future_tolerance_seconds, now)
    outcome = (await capture(db, [checked], principal, now))[0]
    if outcome.error is not None:
        raise outcome.error
    assert outcome.event is not None
    return outcome.event


async def capture_events(db: Database, principal: Principal, events: list[tuple[EventCategory, str, NewEvent]],
                         future_tolerance_seconds: float) -> list[Outcome]:
    """Captures a feed's events (category, input path, event), each whole or not at all: an outcome
    per event, in order; at most MAX_BULK."""
    if not 1 <= len(events) <= MAX_BULK:
        raise ValidationFailed(f"give 1 to {MAX_BULK} events, not {len(events)}", field="events")
    now = utc_now()
    drafts, outcomes = [], {}
    for index, (category, prefix, event) in enumerate(events):
        try:
            drafts.append(draft(event, category, index, prefix, principal, future_tolerance_seconds, now))
        except GatewayError as error:
            outcomes[index] = Outcome(index, error=error)
    if drafts:
        outcomes.update(await capture(db, drafts, principal, now))
    return [outcomes[index] for index in range(len(events))]


async def capture(db: Database, drafts: list[Draft], by: Principal, now: datetime.datetime) -> dict[int, Outcome]:
    """Checks and records the drafts in one write transaction; an outcome per draft index. A relationship
    manager captures only for customers in its book: the rule is asked in the same transaction."""
    holder = book_holder(by)

    async def work(tx: Transaction) -> dict[int, Outcome]:
        outcomes: dict[int, Outcome] = {}
        if holder is not None:
            reached = await reach(tx.run, holder, [access(customerId=d.properties["customerId"]) for d in drafts])
            for position, row in reached.items():
                if not row["inBook"]:
                    d = drafts[position]
                    outcomes[d.index] = Outcome(d.index, error=outside_the_book(row["customerId"], holder,
                                                                                f"{d.path}customerId"))
        unrefused = [d.check_row() for d in drafts if d.index not in outcomes]
        checks = await tx.run(EVENT_CAPTURE_CHECKS, events=unrefused) if unrefused else []
        for row in checks:
            error = _check_error(next(d for d in drafts if d.index == row["index"]), row)
            if error is not None:
                outcomes[row["index"]] = Outcome(row["index"], error=error)
        writable = [d for d in drafts if d.index not in outcomes]
        if writable:
            rows = await tx.run(CAPTURE_EVENTS, events=[d.write_row() for d in writable], now=now, capturedBy=by.subject)
            by_index = {d.index: d for d in writable}
            for row in rows:
                outcomes[row["index"]] = _written(by_index[row["index"]], row)
        return outcomes

    return await db.transact(work)


def _check_error(d: Draft, row: dict[str, Any]) -> GatewayError | None:
    what = noun(d.category)
    if not row["customerExists"]:
        return unknown("customer", d.properties["customerId"], f"{d.path}customerId")
    if row["logStatus"] == "CLOSED":
        return Conflict(f"the event log of customer '{d.properties['customerId']}' is closed; reopen it to capture",
                        field=f"{d.path}customerId")
    if row["typeCategory"] != d.category.name:
        known = ", ".join(row["knownTypes"]) or "none are defined"
        wrong = "unknown" if row["typeCategory"] is None else f"{row['typeCategory'].lower()}, not {what},"
        return ValidationFailed(f"{wrong} event type '{d.properties['type']}'; known {what} types: {known}",
                                field=f"{d.path}type")
    for column, noun_ref, name in (("missingProducts", "product", "productIds"),
                                   ("missingResources", "servicing resource", "employeeUnitReference"),
                                   ("missingLeads", "lead", "leadReference"),
                                   ("missingAllocations", "allocation", "allocationReference")):
        if row[column]:
            return NotFound(f"no {noun_ref} {', '.join(map(repr, row[column]))}", field=f"{d.path}{name}")
    return None


def _written(d: Draft, row: dict[str, Any]) -> Outcome:
    event = dict(row["event"])
    if row["created"]:
        return Outcome(d.index, event=event)
    if event.get("idempotencyFingerprint") != d.properties.get("idempotencyFingerprint"):
        key = d.properties["idempotencyKey"]
        return Outcome(d.index, error=Conflict(
            f"idempotency key '{key}' was already used for a different event; use a new key",
            field=f"{d.path}idempotencyKey"))
    return Outcome(d.index, event=event, replayed=True)


async def log_event(tx: Transaction, customer_id: str, category: EventCategory, type: str, record: str,
                    by: str, *, result: str | None = None, source: str = DEFAULT_SOURCE,
                    resource_id: str | None = None, allocation_id: str | None = None,
                    lead_id: str | None = None, plan_id: str | None = None, idempotency_key: str | None = None,
                    details: dict[str, Any] | None = None, at: datetime.datetime | None = None) -> Record:
    """Logs a step of another domain (e.g. an indicator captured) in the customer's event log,
    inside that domain's transaction, so the step and its event commit together; with `lead_id`
    the event CONCERNS that lead (a Sales step of Lead and Opportunity Management), with `plan_id`
    that relationship plan (a Relationship step of Customer Relationship Management).

    `idempotency_key` (under the event key's uniqueness constraint) and `details` (extra event
    properties, e.g. what a replay of the step answers) serve a step whose idempotency lives on
    its event. Returns the capture's row: `created` is false when an event with the key existed."""
    now = at or utc_now()
    properties = {**(details or {}), "eventId": f"EV-{uuid.uuid4()}", "customerId": customer_id,
                  "category": category.name, "type": type, "occurredAt": now, "record": record, "result": result,
                  "source": source, "idempotencyKey": idempotency_key,
                  # As a captured event names them, so the timeline shows what the step concerns.
                  "employeeUnitReference": resource_id, "leadReference": lead_id, "allocationReference": allocation_id,
                  "planReference": plan_id}
    row = {"index": 0, "customerId": customer_id, "label": LABELS[category], "properties": properties,
           "productIds": [], "resourceId": resource_id, "leadId": lead_id, "allocationId": allocation_id,
           "planId": plan_id, "fraudCaseId": None}
    [logged] = await tx.run(CAPTURE_EVENTS, events=[row], now=now, capturedBy=by)
    return logged
