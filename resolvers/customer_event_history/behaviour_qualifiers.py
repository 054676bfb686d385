"""The root fields of BIAN's six behaviour qualifiers, Capture/Update/Retrieve of each event
category, and the bulk capture feeds use. The work is in `capture` and `changes`."""

from __future__ import annotations

from typing import Annotated

import strawberry

from domains.customer_event_history import capture, changes
from domains.customer_event_history.capture import MAX_BULK, Outcome
from gateway.security.auth import CONFIDENTIAL_READERS, allow
from graph.errors import ValidationFailed
from graph.temporal import now as now_utc
from resolvers.context import Info
from resolvers.customer_event_history.categories import EventCategory
from resolvers.customer_event_history.event_log import CAPTURERS
from resolvers.customer_event_history.inputs import (
    CaptureFraudEventInput,
    CaptureLifeEventInput,
    CaptureProductProcessingEventInput,
    CaptureRelationshipEventInput,
    CaptureSalesEventInput,
    CaptureServicingEventInput,
    EventChangesInput,
    EventInput,
    UpdateFraudEventInput,
    UpdateLifeEventInput,
    UpdateProductProcessingEventInput,
    UpdateRelationshipEventInput,
    UpdateSalesEventInput,
    UpdateServicingEventInput,
    given_changes,
    new_event,
)
from resolvers.customer_event_history.timeline import TIMELINE_READERS, CustomerEvent

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
    event = await capture.capture_event(info.context.db, info.context.caller, category, new_event(input, category),
                                        info.context.settings.event_future_tolerance_seconds)
    return CustomerEvent.from_record(event)


async def update_one(info: Info, category: EventCategory, event_id: strawberry.ID,
                     asked: EventChangesInput, expected_version: int | None) -> CustomerEvent:
    now = now_utc()
    wanted = changes.requested_changes(given_changes(asked, category), category,
                                       info.context.settings.event_future_tolerance_seconds, now)
    return CustomerEvent.from_record(
        await changes.update(info.context.db, info.context.caller, category, str(event_id), wanted, expected_version, now))


async def retrieve_one(info: Info, category: EventCategory, event_id: strawberry.ID) -> CustomerEvent:
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
        chosen = [item.chosen() for item in events]
        outcomes = await capture.capture_events(
            info.context.db, info.context.caller,
            [(category, f"events[{index}].{key}.", new_event(input, category))
             for index, (category, key, input) in enumerate(chosen)],
            info.context.settings.event_future_tolerance_seconds)
        return [EventCaptureOutcome.from_outcome(outcome) for outcome in outcomes]

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
