"""The root fields of BIAN's six behaviour qualifiers, Capture/Update/Retrieve of each event
category, and the bulk capture feeds use. The work is in `capture` and `changes`."""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from gateway.security.auth import CONFIDENTIAL_READERS, Principal, allow
from gateway.security.book import require_reach_for
from graph.errors import GatewayError, ValidationFailed
from resolvers.context import Info
from resolvers.customer_event_history import changes
from resolvers.customer_event_history.capture import (
    CAPTURERS,
    MAX_BULK,
    CaptureFraudEventInput,
    CaptureLifeEventInput,
    CaptureProductProcessingEventInput,
    CaptureRelationshipEventInput,
    CaptureSalesEventInput,
    CaptureServicingEventInput,
    EventInput,
    Outcome,
    capture,
    draft,
)
from resolvers.customer_event_history.changes import (
    EventChangesInput,
    UpdateFraudEventInput,
    UpdateLifeEventInput,
    UpdateProductProcessingEventInput,
    UpdateRelationshipEventInput,
    UpdateSalesEventInput,
    UpdateServicingEventInput,
    requested_changes,
)
from resolvers.customer_event_history.timeline import TIMELINE_READERS, CustomerEvent, EventCategory

EventId = Annotated[strawberry.ID, strawberry.argument(description="The event's id.")]
ExpectedVersion = Annotated[int | None, strawberry.argument(
    description="The version you read; CONFLICT if the event changed since (optimistic concurrency).")]
RelationshipEvent = Annotated[CaptureRelationshipEventInput, strawberry.argument(description="The event.")]
RelationshipChanges = Annotated[UpdateRelationshipEventInput, strawberry.argument(description="What to change.")]
SalesEvent = Annotated[CaptureSalesEventInput, strawberry.argument(description="The event.")]
SalesChanges = Annotated[UpdateSalesEventInput, strawberry.argument(description="What to change.")]
ServicingEvent = Annotated[CaptureServicingEventInput, strawberry.argument(description="The event.")]
ServicingChanges = Annotated[UpdateServicingEventInput, strawberry.argument(description="What to change.")]
ProductProcessingEvent = Annotated[CaptureProductProcessingEventInput, strawberry.argument(description="The event.")]
ProductProcessingChanges = Annotated[UpdateProductProcessingEventInput, strawberry.argument(description="What to change.")]
FraudEvent = Annotated[CaptureFraudEventInput, strawberry.argument(description="The event.")]
FraudChanges = Annotated[UpdateFraudEventInput, strawberry.argument(description="What to change.")]
LifeEvent = Annotated[CaptureLifeEventInput, strawberry.argument(description="The event.")]
LifeChanges = Annotated[UpdateLifeEventInput, strawberry.argument(description="What to change.")]


@strawberry.type(description="Why one item of a bulk capture was not recorded.")
class ItemError:
    code: str = strawberry.field(description="NOT_FOUND, VALIDATION, CONFLICT or FORBIDDEN, as for a single capture.")
    field: str | None = strawberry.field(description="The input at fault, e.g. events[3].servicing.type.")
    message: str = strawberry.field(description="What is wrong and what to do.")


@strawberry.type(description="What became of one item of a bulk capture: its event, or why it was not recorded.")
class EventCaptureOutcome:
    index: int = strawberry.field(description="The item's position in the request, from 0.")
    event: CustomerEvent | None = strawberry.field(description="The recorded (or earlier, replayed) event.")
    replayed: bool = strawberry.field(description="True when the idempotency key matched an earlier capture.")
    error: ItemError | None = strawberry.field(description="Why nothing was written for this item.")

    @classmethod
    def from_outcome(cls, outcome: Outcome) -> EventCaptureOutcome:
        error = outcome.error
        return cls(
            index=outcome.index, replayed=outcome.replayed,
            event=None if outcome.event is None else CustomerEvent.from_record(outcome.event),
            error=None if error is None else ItemError(code=error.code, field=error.field, message=error.message),
        )


@strawberry.input(one_of=True, description="One event of a bulk capture: exactly one of the categories.")
class CustomerEventCaptureInput:
    relationship: CaptureRelationshipEventInput | None = strawberry.field(
        default=strawberry.UNSET, description="A relationship event.")
    sales: CaptureSalesEventInput | None = strawberry.field(default=strawberry.UNSET, description="A sales event.")
    servicing: CaptureServicingEventInput | None = strawberry.field(
        default=strawberry.UNSET, description="A servicing event.")
    product_processing: CaptureProductProcessingEventInput | None = strawberry.field(
        default=strawberry.UNSET, description="A product processing event.")
    fraud: CaptureFraudEventInput | None = strawberry.field(
        default=strawberry.UNSET, description="A fraud event (relationship managers and admins only).")
    life: CaptureLifeEventInput | None = strawberry.field(default=strawberry.UNSET, description="A life event.")

    def chosen(self) -> tuple[EventCategory, str, EventInput]:
        for category, key in ((EventCategory.RELATIONSHIP, "relationship"), (EventCategory.SALES, "sales"),
                              (EventCategory.SERVICING, "servicing"),
                              (EventCategory.PRODUCT_PROCESSING, "productProcessing"),
                              (EventCategory.FRAUD, "fraud"), (EventCategory.LIFE, "life")):
            value = getattr(self, category.name.lower())
            if value not in (None, strawberry.UNSET):
                return category, key, value
        raise ValidationFailed("give exactly one category", field="events")  # @oneOf makes this unreachable


async def capture_one(info: Info, category: EventCategory, input: EventInput) -> CustomerEvent:
    principal: Principal = info.context.caller
    now = datetime.datetime.now(datetime.UTC)
    event = draft(input, category, 0, "input.", principal, info.context.settings, now)
    outcome = (await capture(info.context.db, [event], principal, now))[0]
    if outcome.error is not None:
        raise outcome.error
    assert outcome.event is not None
    return CustomerEvent.from_record(outcome.event)


async def update_one(info: Info, category: EventCategory, event_id: strawberry.ID,
                     asked: EventChangesInput, expected_version: int | None) -> CustomerEvent:
    principal: Principal = info.context.caller
    now = datetime.datetime.now(datetime.UTC)
    wanted = requested_changes(asked, category, info.context.settings, now)
    return CustomerEvent.from_record(
        await changes.update(info.context.db, principal, category, str(event_id), wanted, expected_version, now))


async def retrieve_one(info: Info, category: EventCategory, event_id: strawberry.ID) -> CustomerEvent:
    await require_reach_for(info, "eventId", f"event '{event_id}'", eventId=str(event_id))
    return CustomerEvent.from_record(await changes.retrieve(info.context.db, info.context.caller, category,
                                                            str(event_id)))


@strawberry.type
class BehaviourQualifierQuery:
    @strawberry.field(description="BIAN RetrieveRelationship: one relationship event.", extensions=allow(*TIMELINE_READERS))
    async def relationship_event(self, info: Info, event_id: EventId) -> CustomerEvent:
        return await retrieve_one(info, EventCategory.RELATIONSHIP, event_id)

    @strawberry.field(description="BIAN RetrieveSales: one sales event.", extensions=allow(*TIMELINE_READERS))
    async def sales_event(self, info: Info, event_id: EventId) -> CustomerEvent:
        return await retrieve_one(info, EventCategory.SALES, event_id)

    @strawberry.field(description="BIAN RetrieveServicing: one servicing event.", extensions=allow(*TIMELINE_READERS))
    async def servicing_event(self, info: Info, event_id: EventId) -> CustomerEvent:
        return await retrieve_one(info, EventCategory.SERVICING, event_id)

    @strawberry.field(description="BIAN RetrieveProductProcessing: one product processing event.",
                      extensions=allow(*TIMELINE_READERS))
    async def product_processing_event(self, info: Info, event_id: EventId) -> CustomerEvent:
        return await retrieve_one(info, EventCategory.PRODUCT_PROCESSING, event_id)

    @strawberry.field(description="BIAN RetrieveFraud: one fraud event; relationship managers and admins only.",
                      extensions=allow(*CONFIDENTIAL_READERS))
    async def fraud_event(self, info: Info, event_id: EventId) -> CustomerEvent:
        return await retrieve_one(info, EventCategory.FRAUD, event_id)

    @strawberry.field(description="BIAN RetrieveLife: one life event.", extensions=allow(*TIMELINE_READERS))
    async def life_event(self, info: Info, event_id: EventId) -> CustomerEvent:
        return await retrieve_one(info, EventCategory.LIFE, event_id)


@strawberry.type
class BehaviourQualifierMutation:
    @strawberry.mutation(description="BIAN CaptureRelationship: record a relationship event.", extensions=allow(*CAPTURERS))
    async def capture_relationship_event(self, info: Info, input: RelationshipEvent) -> CustomerEvent:
        return await capture_one(info, EventCategory.RELATIONSHIP, input)

    @strawberry.mutation(description="BIAN CaptureSales: record a sales event.", extensions=allow(*CAPTURERS))
    async def capture_sales_event(self, info: Info, input: SalesEvent) -> CustomerEvent:
        return await capture_one(info, EventCategory.SALES, input)

    @strawberry.mutation(description="BIAN CaptureServicing: record a servicing event.", extensions=allow(*CAPTURERS))
    async def capture_servicing_event(self, info: Info, input: ServicingEvent) -> CustomerEvent:
        return await capture_one(info, EventCategory.SERVICING, input)

    @strawberry.mutation(description="BIAN CaptureProductProcessing: record a product processing event.",
                         extensions=allow(*CAPTURERS))
    async def capture_product_processing_event(
            self, info: Info, input: ProductProcessingEvent) -> CustomerEvent:
        return await capture_one(info, EventCategory.PRODUCT_PROCESSING, input)

    @strawberry.mutation(description="BIAN CaptureFraud: record a fraud event; relationship managers and admins only.",
                         extensions=allow(*CONFIDENTIAL_READERS))
    async def capture_fraud_event(self, info: Info, input: FraudEvent) -> CustomerEvent:
        return await capture_one(info, EventCategory.FRAUD, input)

    @strawberry.mutation(description="BIAN CaptureLife: record a life event; see suggestedLeads for the leads it "
                                     "may lead to.", extensions=allow(*CAPTURERS))
    async def capture_life_event(self, info: Info, input: LifeEvent) -> CustomerEvent:
        return await capture_one(info, EventCategory.LIFE, input)

    @strawberry.mutation(description="Capture many events of any categories in one call, for feeds: each item is "
                                     f"written whole or not at all and reports its own outcome; at most {MAX_BULK}.",
                         extensions=allow(*CAPTURERS))
    async def capture_customer_events(
        self, info: Info,
        events: Annotated[list[CustomerEventCaptureInput], strawberry.argument(description="The events, in order.")],
    ) -> list[EventCaptureOutcome]:
        if not 1 <= len(events) <= MAX_BULK:
            raise ValidationFailed(f"give 1 to {MAX_BULK} events, not {len(events)}", field="events")
        principal: Principal = info.context.caller
        now = datetime.datetime.now(datetime.UTC)
        drafts, outcomes = [], {}
        for index, item in enumerate(events):
            category, key, input = item.chosen()
            try:
                drafts.append(draft(input, category, index, f"events[{index}].{key}.", principal,
                                    info.context.settings, now))
            except GatewayError as error:
                outcomes[index] = Outcome(index, error=error)
        if drafts:
            outcomes.update(await capture(info.context.db, drafts, principal, now))
        return [EventCaptureOutcome.from_outcome(outcomes[index]) for index in range(len(events))]

    @strawberry.mutation(description="BIAN UpdateRelationship: change a relationship event, keeping its earlier version.",
                         extensions=allow(*CAPTURERS))
    async def update_relationship_event(self, info: Info, event_id: EventId,
                                        changes: RelationshipChanges,
                                        expected_version: ExpectedVersion = None) -> CustomerEvent:
        return await update_one(info, EventCategory.RELATIONSHIP, event_id, changes, expected_version)

    @strawberry.mutation(description="BIAN UpdateSales: change a sales event, keeping its earlier version.",
                         extensions=allow(*CAPTURERS))
    async def update_sales_event(self, info: Info, event_id: EventId, changes: SalesChanges,
                                 expected_version: ExpectedVersion = None) -> CustomerEvent:
        return await update_one(info, EventCategory.SALES, event_id, changes, expected_version)

    @strawberry.mutation(description="BIAN UpdateServicing: change a servicing event, keeping its earlier version.",
                         extensions=allow(*CAPTURERS))
    async def update_servicing_event(self, info: Info, event_id: EventId, changes: ServicingChanges,
                                     expected_version: ExpectedVersion = None) -> CustomerEvent:
        return await update_one(info, EventCategory.SERVICING, event_id, changes, expected_version)

    @strawberry.mutation(description="BIAN UpdateProductProcessing: change a product processing event, keeping its "
                                     "earlier version.", extensions=allow(*CAPTURERS))
    async def update_product_processing_event(self, info: Info, event_id: EventId,
                                              changes: ProductProcessingChanges,
                                              expected_version: ExpectedVersion = None) -> CustomerEvent:
        return await update_one(info, EventCategory.PRODUCT_PROCESSING, event_id, changes, expected_version)

    @strawberry.mutation(description="BIAN UpdateFraud: change a fraud event, keeping its earlier version; "
                                     "relationship managers and admins only.", extensions=allow(*CONFIDENTIAL_READERS))
    async def update_fraud_event(self, info: Info, event_id: EventId, changes: FraudChanges,
                                 expected_version: ExpectedVersion = None) -> CustomerEvent:
        return await update_one(info, EventCategory.FRAUD, event_id, changes, expected_version)

    @strawberry.mutation(description="BIAN UpdateLife: change a life event, keeping its earlier version.",
                         extensions=allow(*CAPTURERS))
    async def update_life_event(self, info: Info, event_id: EventId, changes: LifeChanges,
                                expected_version: ExpectedVersion = None) -> CustomerEvent:
        return await update_one(info, EventCategory.LIFE, event_id, changes, expected_version)
