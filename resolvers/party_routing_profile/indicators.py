"""Capture, Update and Retrieve of the profile's Status, Rating and Alert indicators in GraphQL: the
inputs and root fields. The lifecycle rules are in domains/party_routing_profile/indicators.py.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from domains.party_routing_profile import indicators
from domains.party_routing_profile.indicators import (
    IndicatorChange,
    NewIndicator,
)
from domains.party_routing_profile.profile import IndicatorCategory
from gateway.security.auth import Role, allow
from resolvers.context import Info
from resolvers.party_routing_profile.profile import RoutingIndicator

__all__ = ["IndicatorMutation", "IndicatorQuery"]

READERS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN)
STATUS_WRITERS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN)
RATING_AND_ALERT_WRITERS = (Role.RELATIONSHIP_MANAGER, Role.ADMIN)


@strawberry.input(description="A new value of one indicator type on a customer's routing profile (BIAN Capture).")
class CaptureRoutingIndicatorInput:
    customer_id: strawberry.ID = strawberry.field(
        description="The customer; a routing profile is started if the customer has none.")
    type: str = strawberry.field(description="The IndicatorType code, e.g. IN_ARREARS; it must be of this category.")
    value: str = strawberry.field(description="The value; one of the type's allowedValues when it has them.")
    narrative: str | None = strawberry.field(default=None, description="Why, at most 2000 characters.")
    valid_from: datetime.datetime | None = strawberry.field(
        default=None, description="When the value takes effect (default: now); after the type's latest value began.")
    valid_to: datetime.datetime | None = strawberry.field(
        default=None, description="When it stops, if known; after validFrom. Null: until a newer value.")
    source: str | None = strawberry.field(default=None, description="The system or channel it comes from (default GATEWAY).")
    idempotency_key: str | None = strawberry.field(
        default=None, description="A key unique to this request: a retry with it returns the first result, writing nothing.")


@strawberry.input(description="A change to the current value of an indicator (BIAN Update). With value, narrative or "
                              "source it supersedes the value from effectiveFrom; with only validTo it moves its end.")
class UpdateRoutingIndicatorInput:
    indicator_id: strawberry.ID = strawberry.field(description="The value to change; it must be its type's latest.")
    value: str | None = strawberry.field(default=None, description="The new value (default: unchanged).")
    narrative: str | None = strawberry.field(default=None, description="The new narrative (default: unchanged).")
    effective_from: datetime.datetime | None = strawberry.field(
        default=None, description="When the changed value takes effect (default: now).")
    valid_to: datetime.datetime | None = strawberry.field(
        default=None, description="When the value stops; alone, it ends the current value there (e.g. arrears cleared).")
    source: str | None = strawberry.field(default=None, description="The system or channel the change comes from.")
    idempotency_key: str | None = strawberry.field(
        default=None, description="A key unique to this request: a retry with it returns the first result, writing nothing.")


async def capture(info: Info, category: IndicatorCategory, operation: str,
                  input: CaptureRoutingIndicatorInput) -> RoutingIndicator:
    asked = NewIndicator(
        customer_id=str(input.customer_id), type=input.type, value=input.value, narrative=input.narrative,
        valid_from=input.valid_from, valid_to=input.valid_to, source=input.source,
        idempotency_key=input.idempotency_key)
    return RoutingIndicator.from_record(
        await indicators.capture(info.context.db, info.context.caller, category, operation, asked))


async def update(info: Info, category: IndicatorCategory, operation: str,
                 input: UpdateRoutingIndicatorInput) -> RoutingIndicator:
    asked = IndicatorChange(
        indicator_id=str(input.indicator_id), value=input.value, narrative=input.narrative,
        effective_from=input.effective_from, valid_to=input.valid_to, source=input.source,
        idempotency_key=input.idempotency_key)
    return RoutingIndicator.from_record(
        await indicators.update(info.context.db, info.context.caller, category, operation, asked))


async def retrieve(info: Info, category: IndicatorCategory, indicator_id: strawberry.ID) -> RoutingIndicator:
    return RoutingIndicator.from_record(
        await indicators.retrieve(info.context.db, info.context.caller, category, str(indicator_id)))


IndicatorIdArgument = Annotated[strawberry.ID, strawberry.argument(description="The indicator value's id.")]
CaptureArgument = Annotated[CaptureRoutingIndicatorInput, strawberry.argument(description="The new value.")]
UpdateArgument = Annotated[UpdateRoutingIndicatorInput, strawberry.argument(description="The change.")]


@strawberry.type
class IndicatorQuery:
    @strawberry.field(description="BIAN RetrieveStatus: one status value by id; front ends only values in force.",
                      extensions=allow(*READERS))
    async def routing_status(self, info: Info, indicator_id: IndicatorIdArgument) -> RoutingIndicator:
        return await retrieve(info, IndicatorCategory.STATUS, indicator_id)

    @strawberry.field(description="BIAN RetrieveRating: one rating value by id; front ends only values in force.",
                      extensions=allow(*READERS))
    async def routing_rating(self, info: Info, indicator_id: IndicatorIdArgument) -> RoutingIndicator:
        return await retrieve(info, IndicatorCategory.RATING, indicator_id)

    @strawberry.field(description="BIAN RetrieveAlert: one alert value by id; front ends only values in force, and "
                                  "confidential alerts and narratives only for relationship managers and admins.",
                      extensions=allow(*READERS))
    async def routing_alert(self, info: Info, indicator_id: IndicatorIdArgument) -> RoutingIndicator:
        return await retrieve(info, IndicatorCategory.ALERT, indicator_id)


@strawberry.type
class IndicatorMutation:
    @strawberry.mutation(description="BIAN CaptureStatus: record a new status value; it closes the one in force.",
                         extensions=allow(*STATUS_WRITERS))
    async def capture_routing_status(self, info: Info, input: CaptureArgument) -> RoutingIndicator:
        return await capture(info, IndicatorCategory.STATUS, "captureRoutingStatus", input)

    @strawberry.mutation(description="BIAN UpdateStatus: supersede the current status value, or end it.",
                         extensions=allow(*STATUS_WRITERS))
    async def update_routing_status(self, info: Info, input: UpdateArgument) -> RoutingIndicator:
        return await update(info, IndicatorCategory.STATUS, "updateRoutingStatus", input)

    @strawberry.mutation(description="BIAN CaptureRating: record a new rating value; it closes the one in force.",
                         extensions=allow(*RATING_AND_ALERT_WRITERS))
    async def capture_routing_rating(self, info: Info, input: CaptureArgument) -> RoutingIndicator:
        return await capture(info, IndicatorCategory.RATING, "captureRoutingRating", input)

    @strawberry.mutation(description="BIAN UpdateRating: supersede the current rating value, or end it.",
                         extensions=allow(*RATING_AND_ALERT_WRITERS))
    async def update_routing_rating(self, info: Info, input: UpdateArgument) -> RoutingIndicator:
        return await update(info, IndicatorCategory.RATING, "updateRoutingRating", input)

    @strawberry.mutation(description="BIAN CaptureAlert: record a new alert value; it closes the one in force.",
                         extensions=allow(*RATING_AND_ALERT_WRITERS))
    async def capture_routing_alert(self, info: Info, input: CaptureArgument) -> RoutingIndicator:
        return await capture(info, IndicatorCategory.ALERT, "captureRoutingAlert", input)

    @strawberry.mutation(description="BIAN UpdateAlert: supersede the current alert value, or end it.",
                         extensions=allow(*RATING_AND_ALERT_WRITERS))
    async def update_routing_alert(self, info: Info, input: UpdateArgument) -> RoutingIndicator:
        return await update(info, IndicatorCategory.ALERT, "updateRoutingAlert", input)
