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
import enum
import uuid
from dataclasses import dataclass, field
from typing import Any

import strawberry

from domains import idempotency
from domains.inputs import text
from gateway.security.auth import Principal, Role
from gateway.security.book import access, book_holder, outside_the_book, reach
from gateway.settings import Settings
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, Forbidden, GatewayError, NotFound, ValidationFailed
from graph.queries import load
from graph.temporal import aware
from resolvers.customer_event_history.timeline import EventCategory

EVENT_CAPTURE_CHECKS = load("customer_event_history/event_capture_checks")
CAPTURE_EVENTS = load("customer_event_history/capture_events")

LABELS = {
    EventCategory.RELATIONSHIP: "RelationshipEvent", EventCategory.SALES: "SalesEvent",
    EventCategory.SERVICING: "ServicingEvent", EventCategory.PRODUCT_PROCESSING: "ProductProcessingEvent",
    EventCategory.FRAUD: "FraudEvent", EventCategory.LIFE: "LifeEvent",
}
CAPTURERS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN)
MAX_BULK = 500
RECORD_LENGTH = 4000
SHORT_LENGTH = 200
DEFAULT_SOURCE = "GATEWAY"


@strawberry.enum(description="Where an event happened.")
class EventChannel(enum.Enum):
    PHONE = strawberry.enum_value("PHONE", description="A phone call.")
    CHAT = strawberry.enum_value("CHAT", description="A chat session.")
    VIDEO = strawberry.enum_value("VIDEO", description="A video call.")
    BRANCH = strawberry.enum_value("BRANCH", description="In a branch.")
    EMAIL = strawberry.enum_value("EMAIL", description="By e-mail.")
    WEB = strawberry.enum_value("WEB", description="Online banking on the web.")
    MOBILE = strawberry.enum_value("MOBILE", description="The mobile app.")


@strawberry.enum(description="BIAN CustomerSalesEventType: how the sales contact came about.")
class SalesEventType(enum.Enum):
    CAMPAIGN = strawberry.enum_value("CAMPAIGN", description="Part of a campaign.")
    UNSOLICITED = strawberry.enum_value("UNSOLICITED", description="The customer asked, unprompted.")
    SOLICITED = strawberry.enum_value("SOLICITED", description="The bank approached the customer.")
    DEVELOPMENT = strawberry.enum_value("DEVELOPMENT", description="Developing an existing lead or opportunity.")


@strawberry.enum(description="BIAN CustomerServicingEventType: whether a person helped.")
class ServicingEventType(enum.Enum):
    SELF_SERVICE = strawberry.enum_value("SELF_SERVICE", description="The customer served themselves.")
    ASSISTED = strawberry.enum_value("ASSISTED", description="A servicing resource helped.")


@strawberry.input(description="What every captured event says, whatever its category.")
class EventInput:
    customer_id: strawberry.ID = strawberry.field(description="The customer the event is about.")
    type: str = strawberry.field(description="The event type, one of its category's EventType codes, e.g. RELOCATION.")
    occurred_at: datetime.datetime | None = strawberry.field(
        default=None, description="When it happened (default: now); at most the configured tolerance in the future.")
    channel: EventChannel | None = strawberry.field(default=None, description="Where it happened.")
    record: str | None = strawberry.field(
        default=None, description="BIAN ...EventRecord: the details of the event, at most 4000 characters.")
    result: str | None = strawberry.field(default=None, description="How it ended, e.g. RESOLVED (BIAN ContactResult).")
    location: str | None = strawberry.field(default=None, description="Where it was captured (BIAN DateTimeLocation).")
    employee_unit_reference: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN EmployeeUnitReference: the servicing resource involved; must exist.")
    source: str | None = strawberry.field(default=None, description="The feeding system (default GATEWAY).")
    source_reference: str | None = strawberry.field(
        default=None, description="The event's id in the source system; without an idempotency key, "
                                  "source and sourceReference are the natural key that makes capture idempotent.")
    idempotency_key: str | None = strawberry.field(
        default=None, description="A key unique to this event: a retry with it returns the first event, writing nothing.")


@strawberry.input(description="A relationship event (BIAN CaptureRelationship).")
class CaptureRelationshipEventInput(EventInput):
    relationship_action: str | None = strawberry.field(
        default=None, description="BIAN CustomerRelationshipEventAction: what was done or agreed.")


@strawberry.input(description="A sales event (BIAN CaptureSales).")
class CaptureSalesEventInput(EventInput):
    sales_event_type: SalesEventType | None = strawberry.field(default=None, description="How the contact came about.")
    product_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="BIAN ProductandServiceType: the products discussed; each must exist.")
    lead_reference: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN LeadandOpportunityReference: the lead it concerns; must exist.")
    commission_agreement_reference: str | None = strawberry.field(
        default=None, description="BIAN CommissionAgreementReference, if any.")


@strawberry.input(description="A servicing event (BIAN CaptureServicing).")
class CaptureServicingEventInput(EventInput):
    servicing_event_type: ServicingEventType | None = strawberry.field(
        default=None, description="Self-service or assisted.")
    contact_record_reference: str | None = strawberry.field(
        default=None, description="BIAN CustomerContactRecordReference: the contact it was part of.")
    accessed_product_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="BIAN AccessedProductandService: the products serviced; each must exist.")
    channel_device_type: str | None = strawberry.field(
        default=None, description="BIAN ChannelDeviceType, e.g. IOS_APP or DESK_PHONE.")
    contact_purpose: str | None = strawberry.field(default=None, description="BIAN ContactPurpose: why the customer got in touch.")
    allocation_reference: strawberry.ID | None = strawberry.field(
        default=None, description="The Contact Routing allocation the contact was served through; must exist.")


@strawberry.input(description="A product processing event (BIAN CaptureProductProcessing).")
class CaptureProductProcessingEventInput(EventInput):
    product_instance_reference: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN ProductInstanceReference: the product processed; must exist.")
    description: str | None = strawberry.field(
        default=None, description="BIAN ProductActionEventDescription: details of the processing.")


@strawberry.input(description="A fraud event (BIAN CaptureFraud); relationship managers and admins only.")
class CaptureFraudEventInput(EventInput):
    fraud_case_reference: str | None = strawberry.field(
        default=None, description="BIAN FraudCaseReference: the fraud case handling it; events of one case share it.")
    contact_record_reference: str | None = strawberry.field(
        default=None, description="BIAN CustomerContactRecordReference: the contact it came up in.")
    accessed_product_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="BIAN AccessedProductandService: the products involved; each must exist.")


@strawberry.input(description="A life event (BIAN CaptureLife), e.g. a relocation detected during a call.")
class CaptureLifeEventInput(EventInput):
    contact_record_reference: str | None = strawberry.field(
        default=None, description="BIAN CustomerContactRecordReference: the contact it was revealed in.")


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


def draft(input: EventInput, category: EventCategory, index: int, prefix: str, principal: Principal,
          settings: Settings, now: datetime.datetime) -> Draft:
    """The event an input describes, or VALIDATION / FORBIDDEN naming the field at fault."""
    if category is EventCategory.FRAUD and not principal.sees_confidential:
        raise Forbidden("only relationship managers and admins may capture fraud events", field=prefix.rstrip("."))
    occurred_at = now if input.occurred_at is None else aware(input.occurred_at)
    if occurred_at > now + datetime.timedelta(seconds=settings.event_future_tolerance_seconds):
        raise ValidationFailed(f"occurredAt {occurred_at.isoformat()} is in the future; at most "
                               f"{settings.event_future_tolerance_seconds:.0f} s ahead is accepted",
                               field=f"{prefix}occurredAt")
    source = text(input.source, f"{prefix}source", 64, required=False) or DEFAULT_SOURCE
    source_reference = text(input.source_reference, f"{prefix}sourceReference", SHORT_LENGTH, required=False)
    key = idempotency.key(input.idempotency_key, f"{prefix}idempotencyKey")
    if key is None and source_reference is not None:
        key = f"{source}:{source_reference}"
    properties: dict[str, Any] = {
        "eventId": f"EV-{uuid.uuid4()}", "customerId": str(input.customer_id), "category": category.name,
        "type": (text(input.type, f"{prefix}type", 64) or "").upper(), "occurredAt": occurred_at,
        "channel": None if input.channel is None else input.channel.value,
        "record": text(input.record, f"{prefix}record", RECORD_LENGTH, required=False),
        "result": text(input.result, f"{prefix}result", 64, required=False),
        "location": text(input.location, f"{prefix}location", SHORT_LENGTH, required=False),
        "employeeUnitReference": None if input.employee_unit_reference is None else str(input.employee_unit_reference),
        "source": source, "sourceReference": source_reference, "idempotencyKey": key,
    }
    for attribute, name in DETAILS[category]:
        value = getattr(input, attribute)
        properties[name] = value.value if isinstance(value, enum.Enum) else text(
            value, f"{prefix}{name}", RECORD_LENGTH, required=False)
    products = [str(p) for p in (getattr(input, "product_ids", None) or getattr(input, "accessed_product_ids", None) or [])]
    instance = getattr(input, "product_instance_reference", None)
    if instance is not None:
        products.append(str(instance))
    properties["productIds"] = products or None
    lead, allocation = getattr(input, "lead_reference", None), getattr(input, "allocation_reference", None)
    properties["leadReference"] = None if lead is None else str(lead)
    properties["allocationReference"] = None if allocation is None else str(allocation)
    if key is not None:
        asked = {k: v for k, v in properties.items() if k != "eventId"}
        properties["idempotencyFingerprint"] = idempotency.fingerprint(f"capture{category.name}", {
            **asked, "occurredAt": None if input.occurred_at is None else occurred_at, "by": principal.subject})
    return Draft(index=index, category=category, path=prefix, properties=properties, product_ids=products,
                 resource_id=properties["employeeUnitReference"], lead_id=properties["leadReference"],
                 allocation_id=properties["allocationReference"], fraud_case_id=properties.get("fraudCaseReference"))


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
    noun = d.category.name.lower().replace("_", " ")
    if not row["customerExists"]:
        return NotFound(f"no customer '{d.properties['customerId']}'", field=f"{d.path}customerId")
    if row["logStatus"] == "CLOSED":
        return Conflict(f"the event log of customer '{d.properties['customerId']}' is closed; reopen it to capture",
                        field=f"{d.path}customerId")
    if row["typeCategory"] != d.category.name:
        known = ", ".join(row["knownTypes"]) or "none are defined"
        what = "unknown" if row["typeCategory"] is None else f"{row['typeCategory'].lower()}, not {noun},"
        return ValidationFailed(f"{what} event type '{d.properties['type']}'; known {noun} types: {known}",
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
    now = at or datetime.datetime.now(datetime.UTC)
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
