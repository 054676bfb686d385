"""A customer's timeline in GraphQL: the event type, its page (a Relay connection) and the DataLoader.

`Customer.events` checks its arguments into a TimelinePage (domains/customer_event_history/timeline.py),
then asks the request's DataLoader for that page: fields with equal arguments share one loader, so a
page of customers costs one round trip.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import strawberry
from strawberry.dataloader import DataLoader

from domains.customer_event_history import timeline as rules
from domains.customer_event_history.timeline import EVENTS_OF_CUSTOMERS, EVENTS_OF_CUSTOMERS_NAME, TimelinePage
from gateway.security.auth import Principal, Role
from graph.database import Record
from graph.temporal import native
from resolvers.context import Info
from resolvers.customer_event_history.categories import EventCategory
from resolvers.customer_event_history.event_details import EventVersion, LeadSuggestion, lead_suggestions_of, versions_of
from resolvers.pagination import PageInfo, decode_cursor, encode_cursor, page_size

__all__ = ["EVENTS_OF_CUSTOMERS", "CustomerEvent", "EventCategory", "EventConnection", "TimelinePage",
           "customer_events", "timeline_page"]

CURSOR_KIND = "event"
TIMELINE_READERS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ANALYST, Role.ADMIN)

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


def timeline_page(
    principal: Principal, first: int | None, after: str | None, categories: list[EventCategory] | None,
    types: list[str] | None, window_from: datetime.datetime | None, window_to: datetime.datetime | None,
) -> TimelinePage:
    """The page the arguments ask for (a cursor we gave, `first` within bounds), or VALIDATION / FORBIDDEN naming the argument at fault."""
    return rules.page(principal, page_size(first), decode_cursor(CURSOR_KIND, after), categories, types,
                      window_from, window_to)


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
    return encode_cursor(CURSOR_KIND, rules.event_key(occurred_at, event_id))


def _loader(info: Info, page: TimelinePage) -> DataLoader[str, list[Record]]:
    """The request's loader for `page`: customerId -> that page of {event, at} (+1 to see if more follow)."""
    db = info.context.db

    async def load(customer_ids: Sequence[str]) -> list[list[Record]]:
        return await rules.pages(db, customer_ids, page)

    loader: DataLoader[str, list[Record]] = info.context.loader(f"{EVENTS_OF_CUSTOMERS_NAME} {page!r}", load)
    return loader
