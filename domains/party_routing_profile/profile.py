"""Party Routing Profile (BIAN): a customer's statuses, ratings and alerts, as of any instant.

The profile is the PartyState control record; each indicator is a node that is never
deleted: a new value closes the previous one's validity, so history is the set of nodes
and "active at t" means validFrom <= t < validTo (no validTo: still current).

Visibility: indicators of a confidential type (e.g. POSSIBLE_FRAUD) and the narratives
of alerts are shown only to relationship managers and admins.

Every change to a profile runs in one write transaction that first write-locks the PartyState,
so changes to one customer's profile happen one at a time and never interleave.
"""

from __future__ import annotations

import datetime
import enum
import uuid
from typing import Annotated, Any

import strawberry

from domains.inputs import text
from gateway.security.auth import Role, allow
from gateway.security.book import require_reach
from graph.database import Database, Transaction
from graph.errors import Conflict, NotFound, ValidationFailed
from graph.queries import load
from graph.temporal import instant_or_now, native
from resolvers.batching import batched
from resolvers.context import Info
from resolvers.customer_event_history.capture import log_event
from resolvers.customer_event_history.timeline import EventCategory

PARTY_STATES_OF_CUSTOMERS = load("party_routing_profile/party_states_of_customers")
CUSTOMER_OF_PARTY_STATE = load("party_routing_profile/customer_of_party_state")
ENSURE_PARTY_STATE = load("party_routing_profile/ensure_party_state")
LOCK_PARTY_STATE = load("party_routing_profile/lock_party_state")
UPDATE_PARTY_STATE = load("party_routing_profile/update_party_state")
REQUEST_PROFILE_REVIEW = load("party_routing_profile/request_profile_review")
LAPSE_INDICATORS = load("party_routing_profile/lapse_indicators")
VALUE_TIER_INPUTS = load("party_routing_profile/value_tier_inputs")
RECORD_INDICATOR = load("party_routing_profile/record_indicator")



@strawberry.enum(description="The BIAN behaviour qualifier an indicator belongs to.")
class IndicatorCategory(enum.Enum):
    STATUS = strawberry.enum_value("STATUS", description="A condition such as IN_ARREARS or DORMANT.")
    RATING = strawberry.enum_value("RATING", description="A graded assessment such as CREDIT_RATING or VALUE_TIER.")
    ALERT = strawberry.enum_value("ALERT", description="A warning such as POSSIBLE_FRAUD or VULNERABLE_CUSTOMER.")


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
    def from_record(cls, row: dict[str, Any], reveal_narrative: bool) -> RoutingIndicator:
        category = IndicatorCategory(row["category"])
        hide = category is IndicatorCategory.ALERT and not reveal_narrative
        return cls(
            indicator_id=strawberry.ID(row["indicatorId"]), category=category, type=row["type"], value=row["value"],
            narrative=None if hide else row.get("narrative"), valid_from=native(row["validFrom"]),
            valid_to=native(row.get("validTo")), captured_at=native(row["capturedAt"]), source=row["source"],
            captured_by=row.get("capturedBy"), closed_at=native(row.get("closedAt")), closed_by=row.get("closedBy"),
        )

    def active_at(self, instant: datetime.datetime) -> bool:
        return self.valid_from <= instant and (self.valid_to is None or instant < self.valid_to)


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
    row = await batched(info, PARTY_STATES_OF_CUSTOMERS, keys_param="customerIds", key_column="customerId",
                        value_column="partyState").load(customer_id)
    if row is None:
        return None
    trusted = info.context.caller.sees_confidential
    visible = [RoutingIndicator.from_record(i, trusted) for i in row["indicators"] if trusted or not i["confidential"]]
    order = list(IndicatorCategory)
    visible.sort(key=lambda i: (order.index(i.category), i.type, i.valid_from))
    requests = sorted((ProfileReviewRequest.from_record(r) for r in row["reviewRequests"]),
                      key=lambda r: r.requested_at, reverse=True)
    return PartyState(
        party_state_id=strawberry.ID(row["partyStateId"]), customer_id=strawberry.ID(row["customerId"]),
        created_at=native(row["createdAt"]), updated_at=native(row.get("updatedAt")),
        version=int(row.get("version") or 0), next_review_due=native(row.get("nextReviewDue")), note=row.get("note"),
        review_requests=requests, as_of=instant_or_now(at),
        indicators=visible,
    )


async def party_state_by_id(info: Info, party_state_id: str, field: str) -> PartyState:
    """The profile named by its id, read after any change this request made; NOT_FOUND if none."""
    rows = await info.context.db.read(CUSTOMER_OF_PARTY_STATE, partyStateId=party_state_id)
    if not rows:
        raise NotFound(f"no routing profile '{party_state_id}'", field=field)
    state = await routing_profile(info, rows[0]["customerId"], None)
    assert state is not None  # the profile exists: the read above found it
    return state


async def require_profile_reach(db: Database | Transaction, info: Info, party_state_id: strawberry.ID) -> None:
    """The book rule for a profile named by its partyStateId argument (security.book)."""
    await require_reach(db, info.context.caller, "partyStateId", f"routing profile '{party_state_id}'",
                        partyStateId=str(party_state_id))


async def lock_party_state(tx: Transaction, party_state_id: str, field: str) -> dict[str, Any]:
    """Write-locks the profile for the rest of the transaction; NOT_FOUND if there is none."""
    rows = await tx.run(LOCK_PARTY_STATE, partyStateId=party_state_id)
    if not rows:
        raise NotFound(f"no routing profile '{party_state_id}'", field=field)
    return rows[0]


# Value tier, derived from holdings on refresh: each active holding scores by its product
# family, the total picks the tier, and the customer's segment sets a floor beneath it.
FAMILY_SCORE = {"INVESTMENTS": 3, "LENDING": 2, "BUSINESS_BANKING": 2, "INSURANCE": 2}  # any other family: 1
TIER_THRESHOLDS = (("PLATINUM", 10), ("GOLD", 6), ("SILVER", 3), ("BRONZE", 0))
TIER_FLOOR = {"PRIVATE": "GOLD", "PREMIER": "SILVER", "CORPORATE": "SILVER"}
TIERS = ("BRONZE", "SILVER", "GOLD", "PLATINUM")


def value_tier(segment: str | None, held_families: list[str]) -> tuple[str, int]:
    """The tier the holdings earn (never below the segment's floor) and their score."""
    score = sum(FAMILY_SCORE.get(family, 1) for family in held_families)
    earned = next(tier for tier, threshold in TIER_THRESHOLDS if score >= threshold)
    floor = TIER_FLOOR.get(segment or "", "BRONZE")
    return max(earned, floor, key=TIERS.index), score


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


NOTE_LENGTH = 2000
REASON_LENGTH = 2000
PROFILE_WRITERS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN)
PROFILE_MANAGERS = (Role.RELATIONSHIP_MANAGER, Role.ADMIN)


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
        await require_profile_reach(info.context.db, info, party_state_id)
        rows = await info.context.db.read(CUSTOMER_OF_PARTY_STATE, partyStateId=str(party_state_id))
        state = None if not rows else await routing_profile(info, rows[0]["customerId"], at)
        if state is None:
            raise NotFound(f"no routing profile '{party_state_id}'", field="partyStateId")
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
        note = text(input.note, "input.note", NOTE_LENGTH, required=False)

        async def initiate(tx: Transaction) -> None:
            await require_reach(tx, info.context.caller, "input.customerId", f"customer '{input.customer_id}'",
                                customerId=str(input.customer_id))
            rows = await tx.run(ENSURE_PARTY_STATE, customerId=str(input.customer_id), createdBy=info.context.caller.subject,
                                nextReviewDue=input.next_review_due, note=note)
            if not rows:
                raise NotFound(f"no customer '{input.customer_id}'", field="input.customerId")
            if not rows[0]["created"]:
                raise Conflict(f"customer '{input.customer_id}' already has routing profile "
                               f"'{rows[0]['partyStateId']}'; update it instead", field="input.customerId")

        await info.context.db.transact(initiate)
        state = await routing_profile(info, str(input.customer_id), None)
        assert state is not None  # just created
        return state

    @strawberry.mutation(description="BIAN Update: change a profile's monitoring settings, or complete its open "
                                     "review requests with an outcome.",
                         extensions=allow(*PROFILE_MANAGERS))
    async def update_party_routing_profile(
        self, info: Info,
        party_state_id: Annotated[strawberry.ID, strawberry.argument(description="The profile's id.")],
        changes: Annotated[UpdatePartyRoutingProfileInput, strawberry.argument(description="What to change.")],
    ) -> PartyState:
        given = [name for name, value in (("nextReviewDue", changes.next_review_due), ("note", changes.note))
                 if value is not strawberry.UNSET]
        outcome = text(changes.review_outcome, "changes.reviewOutcome", NOTE_LENGTH, required=False)
        if not given and outcome is None:
            raise ValidationFailed("give nextReviewDue, note or reviewOutcome", field="changes")
        note = None if changes.note is strawberry.UNSET else text(changes.note, "changes.note", NOTE_LENGTH, required=False)
        next_review_due = None if changes.next_review_due is strawberry.UNSET else changes.next_review_due

        async def update(tx: Transaction) -> None:
            await require_profile_reach(tx, info, party_state_id)
            locked = await lock_party_state(tx, str(party_state_id), "partyStateId")
            await tx.run(UPDATE_PARTY_STATE, partyStateId=locked["partyStateId"], set=given, nextReviewDue=next_review_due,
                         note=note, reviewOutcome=outcome, now=locked["now"], updatedBy=info.context.caller.subject)

        await info.context.db.transact(update)
        return await party_state_by_id(info, str(party_state_id), "partyStateId")

    @strawberry.mutation(description="BIAN Execute: run an automated action on a profile, e.g. REFRESH.",
                         extensions=allow(*PROFILE_MANAGERS))
    async def execute_party_routing_profile(
        self, info: Info,
        party_state_id: Annotated[strawberry.ID, strawberry.argument(description="The profile's id.")],
        action: Annotated[ProfileAction, strawberry.argument(description="What to run.")] = ProfileAction.REFRESH,
    ) -> ProfileRefresh:
        by = info.context.caller.subject

        async def refresh(tx: Transaction) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            await require_profile_reach(tx, info, party_state_id)
            locked = await lock_party_state(tx, str(party_state_id), "partyStateId")
            now = locked["now"]
            lapsed: list[dict[str, Any]] = (await tx.run(LAPSE_INDICATORS, partyStateId=locked["partyStateId"],
                                                         now=now, closedBy=by))[0]["lapsed"]
            inputs = (await tx.run(VALUE_TIER_INPUTS, customerId=locked["customerId"], now=now))[0]
            tier, score = value_tier(inputs["segment"], inputs["heldFamilies"])
            future_dated = inputs["latestTierFrom"] is not None and inputs["latestTierFrom"] >= now
            if not inputs["tierDefined"] or tier == inputs["currentTier"] or future_dated:
                await log_refresh(tx, locked["customerId"], lapsed, [], by)
                return lapsed, []
            derived = await tx.run(
                RECORD_INDICATOR, partyStateId=locked["partyStateId"], type="VALUE_TIER", label="Rating",
                indicatorId=new_indicator_id(), value=tier, validFrom=now, validTo=None, now=now,
                narrative=f"Derived from {len(inputs['heldFamilies'])} active holdings (score {score})",
                source="PROFILE_REFRESH", capturedBy=by, idempotencyKey=None, idempotencyFingerprint=None)
            await log_refresh(tx, locked["customerId"], lapsed, [derived[0]["indicator"]], by)
            return lapsed, [derived[0]["indicator"]]

        lapsed, derived = await info.context.db.transact(refresh)
        trusted = info.context.caller.sees_confidential
        return ProfileRefresh(
            party_state=await party_state_by_id(info, str(party_state_id), "partyStateId"),
            lapsed=[RoutingIndicator.from_record(row, trusted) for row in lapsed if trusted or not row["confidential"]],
            derived=[RoutingIndicator.from_record(row, trusted) for row in derived],
        )

    @strawberry.mutation(description="BIAN Request: ask for a manual review of a profile; the request stays OPEN on "
                                     "the profile until an update completes it.",
                         extensions=allow(*PROFILE_WRITERS))
    async def request_party_routing_profile_review(
        self, info: Info,
        party_state_id: Annotated[strawberry.ID, strawberry.argument(description="The profile's id.")],
        reason: Annotated[str, strawberry.argument(description="Why a review is wanted, at most 2000 characters.")],
    ) -> ProfileReviewRequest:
        why = text(reason, "reason", REASON_LENGTH)
        request_id = f"RR-{uuid.uuid4()}"

        async def request(tx: Transaction) -> None:
            await require_profile_reach(tx, info, party_state_id)
            locked = await lock_party_state(tx, str(party_state_id), "partyStateId")
            await tx.run(REQUEST_PROFILE_REVIEW, partyStateId=locked["partyStateId"], reviewRequestId=request_id,
                         reason=why, now=locked["now"], requestedBy=info.context.caller.subject)

        await info.context.db.transact(request)
        state = await party_state_by_id(info, str(party_state_id), "partyStateId")
        return next(r for r in state.review_requests if r.review_request_id == request_id)


async def log_refresh(tx: Transaction, customer_id: str, lapsed: list[dict[str, Any]], derived: list[dict[str, Any]],
                      by: str) -> None:
    """A refresh that changed something is an event in the customer's history; one that did not is not."""
    if not lapsed and not derived:
        return
    # A lapsed confidential indicator is not named: relationship events are visible beyond RMs.
    closed = ", ".join(i["type"] for i in lapsed if not i["confidential"]) or "none named"
    changed = ", ".join(f"{i['type']} = {i['value']}" for i in derived) or "none"
    await log_event(tx, customer_id, EventCategory.RELATIONSHIP, "ROUTING_PROFILE_REFRESHED", by=by,
                    record=f"lapsed: {closed}; re-derived: {changed}", result="REFRESHED")


def new_indicator_id() -> str:
    return f"IN-{uuid.uuid4()}"
