"""Party Routing Profile in GraphQL: the PartyState type, its indicators and review requests, and the
profile's Retrieve/Initiate/Update/Execute/Request fields. The rules are in
domains/party_routing_profile/profile.py.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Any, cast

import strawberry

from domains.party_routing_profile import profile
from domains.party_routing_profile.profile import IndicatorCategory, Monitoring, in_force
from gateway.security.auth import Role, allow
from graph.temporal import instant_or_now, native
from resolvers.batching import batched
from resolvers.context import Info
from resolvers.described_enum import described_enum

__all__ = ["IndicatorCategory", "PartyState", "RoutingIndicator", "routing_profile"]

PROFILE_WRITERS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN)
PROFILE_MANAGERS = (Role.RELATIONSHIP_MANAGER, Role.ADMIN)


described_enum(IndicatorCategory, "The BIAN behaviour qualifier an indicator belongs to.", {
    "STATUS": "A condition such as IN_ARREARS or DORMANT.",
    "RATING": "A graded assessment such as CREDIT_RATING or VALUE_TIER.",
    "ALERT": "A warning such as POSSIBLE_FRAUD or VULNERABLE_CUSTOMER.",
})


@strawberry.type(description="One value of one routing-profile indicator, with its validity window.")
class RoutingIndicator:
    indicator_id: strawberry.ID = strawberry.field(description="The indicator value's identifier.")
    category: IndicatorCategory = strawberry.field(description="Status, rating or alert.")
    type: str = strawberry.field(description="The IndicatorType code, e.g. IN_ARREARS.")
    value: str = strawberry.field(description="The value, e.g. 30_DPD for IN_ARREARS or GOLD for VALUE_TIER.")
    narrative: str | None = strawberry.field(
        description="Free text on why; for alerts only relationship managers and admins see it.")
    valid_from: datetime.datetime = strawberry.field(description="When the value took effect.")
    valid_to: datetime.datetime | None = strawberry.field(description="When it stopped; null while current.")
    captured_at: datetime.datetime = strawberry.field(description="When it was recorded.")
    source: str = strawberry.field(description="The system or channel it came from, e.g. RISK_ENGINE.")
    captured_by: str | None = strawberry.field(description="Who recorded it.")
    closed_at: datetime.datetime | None = strawberry.field(
        description="When its window was closed (by a newer value, an update or a lapse); null while open.")
    closed_by: str | None = strawberry.field(description="Who or what closed it.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> RoutingIndicator:
        """An indicator as a rule of domains/party_routing_profile has shown it (profile.shown)."""
        return cls(
            indicator_id=strawberry.ID(row["indicatorId"]), category=IndicatorCategory(row["category"]), type=row["type"],
            value=row["value"], narrative=row.get("narrative"), valid_from=native(row["validFrom"]),
            valid_to=native(row.get("validTo")), captured_at=native(row["capturedAt"]), source=row["source"],
            captured_by=row.get("capturedBy"), closed_at=native(row.get("closedAt")), closed_by=row.get("closedBy"),
        )

    def active_at(self, instant: datetime.datetime) -> bool:
        return in_force(self.valid_from, self.valid_to, instant)


@strawberry.enum(description="Where a manual review of a routing profile stands.")
class ReviewRequestStatus(enum.Enum):
    OPEN = strawberry.enum_value("OPEN", description="Waiting for someone to review the profile.")
    COMPLETED = strawberry.enum_value("COMPLETED", description="Reviewed; the outcome says what was found.")


@strawberry.type(description="A request for manual review of a routing profile (BIAN Request), kept on the profile.")
class ProfileReviewRequest:
    review_request_id: strawberry.ID = strawberry.field(description="The request's identifier.")
    reason: str = strawberry.field(description="Why a review is wanted.")
    status: ReviewRequestStatus = strawberry.field(description="Open or completed.")
    requested_at: datetime.datetime = strawberry.field(description="When it was requested.")
    requested_by: str = strawberry.field(description="Who requested it.")
    completed_at: datetime.datetime | None = strawberry.field(description="When the review was completed.")
    completed_by: str | None = strawberry.field(description="Who completed it.")
    outcome: str | None = strawberry.field(description="What the review found or changed.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> ProfileReviewRequest:
        return cls(
            review_request_id=strawberry.ID(row["reviewRequestId"]), reason=row["reason"],
            status=ReviewRequestStatus(row["status"]), requested_at=native(row["requestedAt"]),
            requested_by=row["requestedBy"], completed_at=native(row.get("completedAt")),
            completed_by=row.get("completedBy"), outcome=row.get("outcome"),
        )


@strawberry.type(description="A customer's routing profile (BIAN PartyState): the indicators that steer servicing.")
class PartyState:
    party_state_id: strawberry.ID = strawberry.field(description="The profile's identifier, PS-<customerId>.")
    customer_id: strawberry.ID = strawberry.field(description="The customer the profile belongs to.")
    created_at: datetime.datetime = strawberry.field(description="When profile monitoring began.")
    updated_at: datetime.datetime | None = strawberry.field(description="When the profile last changed.")
    version: int = strawberry.field(description="Counts the profile's changes; every change adds one.")
    next_review_due: datetime.date | None = strawberry.field(description="When the profile is next due for review.")
    note: str | None = strawberry.field(description="Monitoring note kept on the profile.")
    review_requests: list[ProfileReviewRequest] = strawberry.field(
        description="Manual reviews requested on the profile, newest first.")
    as_of: datetime.datetime = strawberry.field(description="The instant `activeIndicators` answers for.")
    indicators: strawberry.Private[list[RoutingIndicator]]

    @strawberry.field(description="The indicators in force at `asOf`, statuses first, then ratings, then alerts.")
    def active_indicators(self) -> list[RoutingIndicator]:
        return [i for i in self.indicators if i.active_at(self.as_of)]

    @strawberry.field(description="Every value each indicator ever had, newest first; optionally only some types. "
                                  "Front ends read the active profile only: relationship managers and admins.",
                      extensions=allow(Role.RELATIONSHIP_MANAGER, Role.ADMIN))
    def history(
        self, types: Annotated[list[str] | None, strawberry.argument(description="Only these IndicatorType codes.")] = None,
    ) -> list[RoutingIndicator]:
        wanted = [i for i in self.indicators if types is None or i.type in types]
        return sorted(wanted, key=lambda i: (i.valid_from, str(i.indicator_id)), reverse=True)


async def routing_profile(info: Info, customer_id: str, at: datetime.datetime | None) -> PartyState | None:
    """The customer's PartyState as the principal may see it, as of `at` (default: now)."""
    row = await batched(info, profile.PARTY_STATES_OF_CUSTOMERS, keys_param="customerIds", key_column="customerId",
                        value_column="partyState").load(customer_id)
    if row is None:
        return None
    state = profile.profile(row, info.context.caller.sees_confidential)
    return PartyState(
        party_state_id=strawberry.ID(state["partyStateId"]), customer_id=strawberry.ID(state["customerId"]),
        created_at=native(state["createdAt"]), updated_at=native(state.get("updatedAt")),
        version=int(state.get("version") or 0), next_review_due=native(state.get("nextReviewDue")),
        note=state.get("note"), review_requests=[ProfileReviewRequest.from_record(r) for r in state["reviewRequests"]],
        as_of=instant_or_now(at), indicators=[RoutingIndicator.from_record(i) for i in state["indicators"]],
    )


async def party_state_by_id(info: Info, party_state_id: str) -> PartyState:
    """The profile named by its id, read after any change this request made; NOT_FOUND if none."""
    state = await routing_profile(info, await profile.customer_of(info.context.db, party_state_id, "partyStateId"), None)
    assert state is not None  # the profile exists: customer_of found it
    return state


async def party_state_payload(info: Info, party_state_id: str, within: str | None = None,
                              customer_id: str | None = None) -> PartyState:
    """The profile a mutation returns (or its payload's field `within` holds), read after its change: the
    whole selection in one compiled read where it compiles (resolvers/compiled/payload.py), else as
    routing_profile reads it (its customer looked up first unless known)."""
    payloads = info.context.payloads
    if payloads is not None:
        raw = info._raw_info  # the field's nodes and GraphQL type, which Strawberry's Info does not expose
        read = await payloads.read("partyRoutingProfile", raw.field_nodes, raw.return_type, info.path.as_list(),
                                   within, partyStateId=party_state_id)
        if read is not None:
            # Completed as it is by the execution context (resolvers/schema.py, GatewayExecution).
            return cast(PartyState, read)
    if customer_id is None:
        return await party_state_by_id(info, party_state_id)
    state = await routing_profile(info, customer_id, None)
    assert state is not None  # the mutation has just written it
    return state


@strawberry.enum(description="An automated action on a routing profile (BIAN Execute).")
class ProfileAction(enum.Enum):
    REFRESH = strawberry.enum_value(
        "REFRESH", description="Close indicators whose type's validity has run out, and re-derive the value "
                               "tier from the customer's active holdings.")


@strawberry.type(description="What a refresh of a routing profile changed.")
class ProfileRefresh:
    party_state: PartyState = strawberry.field(description="The profile after the refresh.")
    lapsed: list[RoutingIndicator] = strawberry.field(
        description="Indicators closed because their type's validity period (validityDays) ran out.")
    derived: list[RoutingIndicator] = strawberry.field(
        description="Indicators re-derived with a new value, e.g. VALUE_TIER from holdings; empty when unchanged.")


@strawberry.input(description="Starts monitoring a customer's routing profile (BIAN Initiate).")
class InitiatePartyRoutingProfileInput:
    customer_id: strawberry.ID = strawberry.field(description="The customer to monitor.")
    next_review_due: datetime.date | None = strawberry.field(default=None, description="When to review the profile first.")
    note: str | None = strawberry.field(default=None, description="Monitoring note, at most 2000 characters.")


@strawberry.input(description="Changes to a profile's monitoring settings (BIAN Update); only given fields change.")
class UpdatePartyRoutingProfileInput:
    next_review_due: datetime.date | None = strawberry.field(
        default=strawberry.UNSET, description="The next review date; null clears it.")
    note: str | None = strawberry.field(default=strawberry.UNSET, description="The monitoring note; null clears it.")
    review_outcome: str | None = strawberry.field(
        default=None, description="Completes every open review request with this outcome.")


@strawberry.type
class ProfileQuery:
    @strawberry.field(description="BIAN Retrieve: a routing profile by its id. Not for analysts; confidential "
                                  "indicators and alert narratives only for relationship managers and admins.",
                      extensions=allow(*PROFILE_WRITERS))
    async def party_routing_profile(
        self, info: Info,
        party_state_id: Annotated[strawberry.ID, strawberry.argument(description="The profile's id, PS-<customerId>.")],
        at: Annotated[datetime.datetime | None, strawberry.argument(
            description="The instant whose active indicators to show (default: now; without a zone, UTC).")] = None,
    ) -> PartyState:
        customer_id = await profile.retrieve(info.context.db, info.context.caller, str(party_state_id))
        state = await routing_profile(info, customer_id, at)
        assert state is not None  # the profile exists: retrieve found it
        return state


@strawberry.type
class ProfileMutation:
    @strawberry.mutation(description="BIAN Initiate: start monitoring a customer's routing profile. CONFLICT if the "
                                     "customer has one (capturing an indicator also starts one).",
                         extensions=allow(*PROFILE_WRITERS))
    async def initiate_party_routing_profile(
        self, info: Info,
        input: Annotated[InitiatePartyRoutingProfileInput, strawberry.argument(description="The customer and settings.")],
    ) -> PartyState:
        party_state_id = await profile.initiate(info.context.db, info.context.caller,
                                                Monitoring(str(input.customer_id), input.next_review_due, input.note))
        return await party_state_payload(info, party_state_id, customer_id=str(input.customer_id))

    @strawberry.mutation(description="BIAN Update: change a profile's monitoring settings, or complete its open "
                                     "review requests with an outcome.",
                         extensions=allow(*PROFILE_MANAGERS))
    async def update_party_routing_profile(
        self, info: Info,
        party_state_id: Annotated[strawberry.ID, strawberry.argument(description="The profile's id.")],
        changes: Annotated[UpdatePartyRoutingProfileInput, strawberry.argument(description="What to change.")],
    ) -> PartyState:
        given = {name: value for name, value in (("nextReviewDue", changes.next_review_due), ("note", changes.note))
                 if value is not strawberry.UNSET}
        await profile.update(info.context.db, info.context.caller, str(party_state_id), given, changes.review_outcome)
        return await party_state_payload(info, str(party_state_id))

    @strawberry.mutation(description="BIAN Execute: run an automated action on a profile, e.g. REFRESH.",
                         extensions=allow(*PROFILE_MANAGERS))
    async def execute_party_routing_profile(
        self, info: Info,
        party_state_id: Annotated[strawberry.ID, strawberry.argument(description="The profile's id.")],
        action: Annotated[ProfileAction, strawberry.argument(description="What to run.")] = ProfileAction.REFRESH,
    ) -> ProfileRefresh:
        refreshed = await profile.refresh(info.context.db, info.context.caller, str(party_state_id))
        return ProfileRefresh(
            party_state=await party_state_payload(info, str(party_state_id), within="partyState"),
            lapsed=[RoutingIndicator.from_record(row) for row in refreshed.lapsed],
            derived=[RoutingIndicator.from_record(row) for row in refreshed.derived],
        )

    @strawberry.mutation(description="BIAN Request: ask for a manual review of a profile; the request stays OPEN on "
                                     "the profile until an update completes it.",
                         extensions=allow(*PROFILE_WRITERS))
    async def request_party_routing_profile_review(
        self, info: Info,
        party_state_id: Annotated[strawberry.ID, strawberry.argument(description="The profile's id.")],
        reason: Annotated[str, strawberry.argument(description="Why a review is wanted, at most 2000 characters.")],
    ) -> ProfileReviewRequest:
        request_id = await profile.request_review(info.context.db, info.context.caller, str(party_state_id), reason)
        state = await party_state_by_id(info, str(party_state_id))
        return next(r for r in state.review_requests if r.review_request_id == request_id)
