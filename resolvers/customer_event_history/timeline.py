"""A customer's timeline: the events in the customer's log, newest first, a page at a time.

`Customer.events` checks its arguments into a `TimelinePage`, then asks the request's
DataLoader for that page: fields with equal arguments share one loader, so a page of
customers costs one round trip, in which events_of_customers.cypher seeks the
event_customer_timeline index once per customer. Pages are keyset-paginated on
(occurredAt, eventId), so page 5,000 of a long history costs what page 1 does.

Fraud events are for relationship managers and admins only: other principals never get
them, and asking for the FRAUD category by name is FORBIDDEN rather than an empty page.
"""

from __future__ import annotations

import datetime
import enum
import re
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import strawberry
from strawberry.dataloader import DataLoader

from gateway.security.auth import Principal, Role
from graph.database import Database, Record
from graph.errors import Forbidden, ValidationFailed
from graph.queries import load
from graph.temporal import aware, native
from resolvers.context import Info
from resolvers.customer_event_history.event_details import EventVersion, LeadSuggestion, lead_suggestions_of, versions_of
from resolvers.pagination import PageInfo, decode_cursor, encode_cursor, page_size

EVENTS_OF_CUSTOMERS_NAME = "customer_event_history/events_of_customers"
EVENTS_OF_CUSTOMERS = load(EVENTS_OF_CUSTOMERS_NAME)

CURSOR_KIND = "event"
TIMELINE_READERS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ANALYST, Role.ADMIN)
# Open ends of the window and "no cursor yet": the statement compares with them, as null would match nothing.
EARLIEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)
LATEST = datetime.datetime.max.replace(tzinfo=datetime.UTC)
NO_CURSOR = "9999-12-31T23:59:59.999999999Z"
# What Neo4j's toString(DateTime) gives: an ISO-8601 instant with its offset and maybe a zone name.
NEO4J_DATETIME = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})T(?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)"
    r"(?P<offset>Z|[+-]\d{2}:\d{2}(?::\d{2})?)(?:\[(?P<zone>[A-Za-z0-9_+\-/]+)\])?")


@strawberry.enum(description="The kind of a customer event: BIAN Customer Event History's behaviour qualifiers.")
class EventCategory(enum.Enum):
    RELATIONSHIP = strawberry.enum_value(
        "RELATIONSHIP", description="The relationship itself: review meetings, contact details, consents.")
    SALES = strawberry.enum_value("SALES", description="Product enquiries, offers presented, leads captured.")
    SERVICING = strawberry.enum_value(
        "SERVICING", description="Servicing contacts: enquiries, card replacements, payment issues, complaints.")
    PRODUCT_PROCESSING = strawberry.enum_value(
        "PRODUCT_PROCESSING", description="What happened on a product: opened, limit changed, statement issued, payment missed.")
    FRAUD = strawberry.enum_value(
        "FRAUD", description="Suspicious transactions, blocked cards, fraud checks; only relationship managers and admins see them.")
    LIFE = strawberry.enum_value(
        "LIFE", description="The customer's life or business: relocation, marriage, birth, retirement, expansion.")


@strawberry.type(description="Something that happened to or with the customer, as recorded in the customer's event log. "
                              "Fields BIAN gives one category only are null on the others.")
class CustomerEvent:
    event_id: strawberry.ID = strawberry.field(description="The event's identifier, e.g. EV-C0000042-03.")
    customer_id: strawberry.ID = strawberry.field(description="The customer it happened to.")
    category: EventCategory = strawberry.field(description="What kind of event it is.")
    type: str = strawberry.field(description="The event type within its category, e.g. CARD_REPLACEMENT, RELOCATION.")
    occurred_at: datetime.datetime = strawberry.field(description="When it happened.")
    channel: str | None = strawberry.field(description="Where it happened: PHONE, CHAT, VIDEO, BRANCH, EMAIL, WEB or MOBILE.")
    record: str | None = strawberry.field(description="A short text of what happened.")
    result: str | None = strawberry.field(description="How it ended, e.g. RESOLVED, ESCALATED, COMPLETED, UNDER_REVIEW.")
    location: str | None = strawberry.field(description="Where it was captured (BIAN DateTimeLocation).")
    employee_unit_reference: str | None = strawberry.field(
        description="BIAN EmployeeUnitReference: the servicing resource involved.")
    product_ids: list[str] | None = strawberry.field(
        description="The products it concerns (Sales: ProductandServiceType; Servicing and Fraud: AccessedProductandService; "
                    "ProductProcessing: ProductInstanceReference).")
    lead_reference: str | None = strawberry.field(description="Sales: the lead it concerns.")
    allocation_reference: str | None = strawberry.field(description="Servicing: the allocation it was served through.")
    plan_reference: str | None = strawberry.field(
        description="Relationship: the relationship plan a step of Customer Relationship Management concerns.")
    subject_reference: str | None = strawberry.field(
        description="Relationship: the development task, incident, contact or campaign that plan step was about.")
    sales_event_type: str | None = strawberry.field(description="Sales: CAMPAIGN, UNSOLICITED, SOLICITED or DEVELOPMENT.")
    commission_agreement_reference: str | None = strawberry.field(description="Sales: BIAN CommissionAgreementReference.")
    servicing_event_type: str | None = strawberry.field(description="Servicing: SELF_SERVICE or ASSISTED.")
    contact_record_reference: str | None = strawberry.field(
        description="Servicing, Fraud, Life: BIAN CustomerContactRecordReference.")
    channel_device_type: str | None = strawberry.field(description="Servicing: BIAN ChannelDeviceType.")
    contact_purpose: str | None = strawberry.field(description="Servicing: BIAN ContactPurpose.")
    description: str | None = strawberry.field(description="ProductProcessing: BIAN ProductActionEventDescription.")
    fraud_case_reference: str | None = strawberry.field(description="Fraud: BIAN FraudCaseReference.")
    relationship_action: str | None = strawberry.field(description="Relationship: BIAN CustomerRelationshipEventAction.")
    source: str | None = strawberry.field(description="The system it came from, e.g. GATEWAY or a feed's name.")
    source_reference: str | None = strawberry.field(description="The event's id in that system.")
    captured_at: datetime.datetime | None = strawberry.field(description="When the gateway recorded it.")
    captured_by: str | None = strawberry.field(description="Who recorded it.")
    version: int = strawberry.field(description="1 when captured; each update adds one (see `versions`).")
    updated_at: datetime.datetime | None = strawberry.field(description="When it was last updated.")
    updated_by: str | None = strawberry.field(description="Who updated it last.")

    @classmethod
    def from_record(cls, row: Record) -> CustomerEvent:
        """The event from a row of its properties; properties it does not show are ignored."""
        return cls(
            event_id=strawberry.ID(row["eventId"]), customer_id=strawberry.ID(row.get("customerId") or ""),
            category=EventCategory(row["category"]), type=row["type"], occurred_at=native(row["occurredAt"]),
            channel=row.get("channel"), record=row.get("record"), result=row.get("result"),
            location=row.get("location"), employee_unit_reference=row.get("employeeUnitReference"),
            product_ids=row.get("productIds"), lead_reference=row.get("leadReference"),
            allocation_reference=row.get("allocationReference"), plan_reference=row.get("planReference"),
            subject_reference=row.get("subjectReference"), sales_event_type=row.get("salesEventType"),
            commission_agreement_reference=row.get("commissionAgreementReference"),
            servicing_event_type=row.get("servicingEventType"), contact_record_reference=row.get("contactRecordReference"),
            channel_device_type=row.get("channelDeviceType"), contact_purpose=row.get("contactPurpose"),
            description=row.get("description"), fraud_case_reference=row.get("fraudCaseReference"),
            relationship_action=row.get("relationshipAction"), source=row.get("source"),
            source_reference=row.get("sourceReference"), captured_at=native(row.get("capturedAt")),
            captured_by=row.get("capturedBy"), version=int(row.get("version") or 1),
            updated_at=native(row.get("updatedAt")), updated_by=row.get("updatedBy"),
        )

    @strawberry.field(description="What the event said before each update, newest first; empty if never updated.")
    async def versions(self, info: Info) -> list[EventVersion]:
        return await versions_of(info, str(self.event_id))

    @strawberry.field(description="Leads this event suggests through the rules kept in the graph (life events, e.g. "
                                  "RELOCATION suggests a mortgage): products suiting the customer's segment that the "
                                  "customer neither holds nor has an open lead for.")
    async def suggested_leads(self, info: Info) -> list[LeadSuggestion]:
        if self.category is not EventCategory.LIFE:
            return []
        return await lead_suggestions_of(info, str(self.event_id))


@strawberry.type(description="One event in a page of a customer's timeline, with its cursor.")
class EventEdge:
    cursor: str = strawberry.field(description="Pass as `after` to continue with the events older than this one.")
    node: CustomerEvent = strawberry.field(description="The event.")


@strawberry.type(description="A page of a customer's events, newest first (Relay cursor connection).")
class EventConnection:
    edges: list[EventEdge] = strawberry.field(
        description="The events of this page, newest first; events at the same instant by eventId, descending.")
    page_info: PageInfo = strawberry.field(description="Cursors and whether more (older) events exist.")


@dataclass(frozen=True)
class TimelinePage:
    """The checked arguments of one `events` field; fields with equal pages share one DataLoader."""

    size: int
    after_at: str
    after_id: str
    window_from: datetime.datetime
    window_to: datetime.datetime
    categories: tuple[str, ...] | None
    types: tuple[str, ...] | None
    sees_fraud: bool

    def params(self) -> dict[str, Any]:
        return {
            "limit": self.size + 1, "afterAt": self.after_at, "afterId": self.after_id, "from": self.window_from,
            "to": self.window_to, "categories": _listed(self.categories), "types": _listed(self.types),
            "seesFraud": self.sees_fraud,
        }


def timeline_page(
    principal: Principal, first: int | None, after: str | None, categories: list[EventCategory] | None,
    types: list[str] | None, window_from: datetime.datetime | None, window_to: datetime.datetime | None,
) -> TimelinePage:
    """The page the arguments ask for, or VALIDATION / FORBIDDEN naming the argument at fault."""
    sees_fraud = principal.sees_confidential
    start, end = _window(window_from, window_to)
    after_at, after_id = _after(after)
    return TimelinePage(
        size=page_size(first), after_at=after_at, after_id=after_id, window_from=start, window_to=end,
        categories=_categories(categories, sees_fraud), types=_types(types), sees_fraud=sees_fraud,
    )


async def customer_events(info: Info, customer_id: str, page: TimelinePage) -> EventConnection:
    rows = await _loader(info, page).load(customer_id)
    edges = [EventEdge(cursor=event_cursor(row["at"], row["event"]["eventId"]), node=CustomerEvent.from_record(row["event"]))
             for row in rows[:page.size]]
    page_info = PageInfo(
        has_next_page=len(rows) > page.size, has_previous_page=bool(page.after_id),
        start_cursor=edges[0].cursor if edges else None, end_cursor=edges[-1].cursor if edges else None,
    )
    return EventConnection(edges=edges, page_info=page_info)


def event_cursor(occurred_at: str, event_id: str) -> str:
    """The keyset position of an event: its occurredAt exactly as stored (Neo4j's text of it) and its eventId."""
    return encode_cursor(CURSOR_KIND, f"{occurred_at}|{event_id}")


def _loader(info: Info, page: TimelinePage) -> DataLoader[str, list[Record]]:
    """The request's loader for `page`: customerId -> that page of {event, at} (+1 to see if more follow)."""
    db: Database = info.context.db

    async def load(customer_ids: Sequence[str]) -> list[list[Record]]:
        rows = await db.read(EVENTS_OF_CUSTOMERS, customerIds=list(customer_ids), **page.params())
        found = {row["customerId"]: row["events"] for row in rows}
        return [found.get(customer_id, []) for customer_id in customer_ids]

    loader: DataLoader[str, list[Record]] = info.context.loader(f"{EVENTS_OF_CUSTOMERS_NAME} {page!r}", load)
    return loader


def _window(start: datetime.datetime | None, end: datetime.datetime | None) -> tuple[datetime.datetime, datetime.datetime]:
    """The bounds in UTC, the offset occurredAt is written with, so equal instants compare equal in Neo4j."""
    start = EARLIEST if start is None else aware(start)
    end = LATEST if end is None else aware(end)
    if end <= start:
        raise ValidationFailed(f"`to` ({end.isoformat()}) must be after `from` ({start.isoformat()})", field="to")
    return start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)


def _after(cursor: str | None) -> tuple[str, str]:
    key = decode_cursor(CURSOR_KIND, cursor)
    if key is None:
        return NO_CURSOR, ""
    occurred_at, _, event_id = key.partition("|")
    if not event_id or not _is_neo4j_datetime(occurred_at):
        raise ValidationFailed("after is not a cursor from this list; pass an endCursor you received", field="after")
    return occurred_at, event_id


def _is_neo4j_datetime(text: str) -> bool:
    """Whether Neo4j's datetime() will parse `text` (checked here, so a forged cursor is VALIDATION, not INTERNAL)."""
    match = NEO4J_DATETIME.fullmatch(text)
    if match is None:
        return False
    try:
        datetime.datetime.fromisoformat(f"{match['date']}T{match['time'][:15]}")
        if match["zone"]:
            zoneinfo.ZoneInfo(match["zone"])
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return False
    return True


def _categories(categories: list[EventCategory] | None, sees_fraud: bool) -> tuple[str, ...] | None:
    if categories is None:
        return None
    if not categories:
        raise ValidationFailed("categories must name at least one category; leave it out for all", field="categories")
    if EventCategory.FRAUD in categories and not sees_fraud:
        raise Forbidden("FRAUD events are shown only to relationship managers and admins", field="categories")
    return tuple(sorted({category.name for category in categories}))  # names are the stored values


def _types(types: list[str] | None) -> tuple[str, ...] | None:
    if types is None:
        return None
    if not types:
        raise ValidationFailed("types must name at least one event type; leave it out for all", field="types")
    return tuple(sorted(set(types)))


def _listed(values: tuple[str, ...] | None) -> list[str] | None:
    return None if values is None else list(values)
