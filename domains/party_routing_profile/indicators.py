"""Capture, Update and Retrieve of the profile's Status, Rating and Alert indicators (BIAN).

A capture records a new value of an indicator type: it closes the value in force at its
`validFrom` there and supersedes it, so windows of one type never overlap and the history has
no gap. An update either supersedes the current value with changed fields or moves its end.
Each runs in one write transaction that write-locks the PartyState first, then reads what it
must check (under the lock, with the database's clock), then writes: concurrent changes to one
profile queue up instead of interleaving.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Annotated, Any

import strawberry
from neo4j.exceptions import ConstraintError

from domains import idempotency
from domains.inputs import text
from gateway.security.auth import Role, allow
from gateway.security.book import require_reach, require_reach_for
from graph.database import Transaction
from graph.errors import Conflict, Forbidden, NotFound, ValidationFailed
from graph.queries import load
from graph.temporal import aware, native
from resolvers.context import Info
from resolvers.customer_event_history.capture import log_event
from resolvers.customer_event_history.timeline import EventCategory
from resolvers.party_routing_profile.profile import (
    RECORD_INDICATOR,
    IndicatorCategory,
    RoutingIndicator,
    new_indicator_id,
)

ENSURE_PARTY_STATE = load("party_routing_profile/ensure_party_state")
LOCK_PARTY_STATE_OF_INDICATOR = load("party_routing_profile/lock_party_state_of_indicator")
INDICATOR_CHANGE_CONTEXT = load("party_routing_profile/indicator_change_context")
END_INDICATOR = load("party_routing_profile/end_indicator")
INDICATOR_BY_ID = load("party_routing_profile/indicator_by_id")

VALUE_LENGTH = 200
NARRATIVE_LENGTH = 2000
SOURCE_LENGTH = 64
DEFAULT_SOURCE = "GATEWAY"
LABELS = {IndicatorCategory.STATUS: "Status", IndicatorCategory.RATING: "Rating", IndicatorCategory.ALERT: "Alert"}

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


@dataclass(frozen=True)
class Change:
    """One requested new value, checked and ready to record under the profile's lock."""

    operation: str
    category: IndicatorCategory
    type: str
    value: str | None
    narrative: str | None
    valid_from: datetime.datetime | None
    valid_to: datetime.datetime | None
    source: str
    captured_by: str
    idempotency_key: str | None

    @property
    def fingerprint(self) -> str:
        # Who asks is part of the request: another principal reusing a key gets CONFLICT, not this result.
        return idempotency.fingerprint(self.operation, vars(self))


async def capture(info: Info, category: IndicatorCategory, operation: str,
                  input: CaptureRoutingIndicatorInput) -> RoutingIndicator:
    change = Change(
        operation=operation, category=category, type=input.type.strip(),
        value=text(input.value, "input.value", VALUE_LENGTH), narrative=text(input.narrative, "input.narrative",
                                                                             NARRATIVE_LENGTH, required=False),
        valid_from=None if input.valid_from is None else aware(input.valid_from),
        valid_to=None if input.valid_to is None else aware(input.valid_to),
        source=text(input.source, "input.source", SOURCE_LENGTH, required=False) or DEFAULT_SOURCE,
        captured_by=info.context.caller.subject, idempotency_key=idempotency.key(input.idempotency_key, "input.idempotencyKey"),
    )
    check_window(change.valid_from, change.valid_to)
    trusted = info.context.caller.sees_confidential

    async def work(tx: Transaction) -> dict[str, Any]:
        await require_reach(tx, info.context.caller, "input.customerId", f"customer '{input.customer_id}'",
                            customerId=str(input.customer_id))
        profile = await tx.run(ENSURE_PARTY_STATE, customerId=str(input.customer_id), createdBy=change.captured_by,
                               nextReviewDue=None, note=None)
        if not profile:
            raise NotFound(f"no customer '{input.customer_id}'", field="input.customerId")
        context = await change_context(tx, profile[0]["partyStateId"], change, indicator_id=None)
        if (replayed := replay(context, change)) is not None:
            return replayed
        indicator_type = check_type(context, change)
        if indicator_type.get("confidential") and not trusted:
            raise Forbidden(f"only relationship managers and admins may capture {change.type}")
        recorded = await record(tx, profile[0]["partyStateId"], change, context)
        await log_change(tx, str(input.customer_id), recorded, "CAPTURED", change.captured_by)
        return recorded

    return RoutingIndicator.from_record(await transact(info, work), trusted)


async def update(info: Info, category: IndicatorCategory, operation: str,
                 input: UpdateRoutingIndicatorInput) -> RoutingIndicator:
    supersede = any(v is not None for v in (input.value, input.narrative, input.source))
    if not supersede and input.valid_to is None:
        raise ValidationFailed("give value, narrative, source or validTo to change", field="input")
    valid_to = None if input.valid_to is None else aware(input.valid_to)
    by = info.context.caller.subject
    key = idempotency.key(input.idempotency_key, "input.idempotencyKey")
    trusted = info.context.caller.sees_confidential
    noun = category.name.lower()

    async def work(tx: Transaction) -> dict[str, Any]:
        await require_reach(tx, info.context.caller, "input.indicatorId", f"{noun} '{input.indicator_id}'",
                            indicatorId=str(input.indicator_id))
        locked = await tx.run(LOCK_PARTY_STATE_OF_INDICATOR, indicatorId=str(input.indicator_id))
        if not locked:
            raise NotFound(f"no {noun} '{input.indicator_id}'", field="input.indicatorId")
        party_state_id, type_code = locked[0]["partyStateId"], locked[0]["type"]
        probe = Change(operation, category, type_code, None, None, None, None, "", by, key)
        context = await change_context(tx, party_state_id, probe, indicator_id=str(input.indicator_id))
        target = context["target"]
        if target["category"] != category.name or (context["indicatorType"]["confidential"] and not trusted):
            raise NotFound(f"no {noun} '{input.indicator_id}'", field="input.indicatorId")
        now = context["now"]
        if not supersede:
            ended = await end(tx, party_state_id, target, valid_to, context, by)
            if ended.get("closedAt") != target.get("closedAt"):  # asking again for the same end logs nothing
                await log_change(tx, locked[0]["customerId"], ended, "ENDED", by)
            return ended
        change = Change(
            operation=operation, category=category, type=type_code,
            value=text(input.value, "input.value", VALUE_LENGTH) if input.value is not None else target["value"],
            narrative=(text(input.narrative, "input.narrative", NARRATIVE_LENGTH, required=False)
                       if input.narrative is not None else target.get("narrative")),
            valid_from=aware(input.effective_from) if input.effective_from is not None else None,
            valid_to=valid_to if valid_to is not None else _open_end(target, now),
            source=target["source"] if input.source is None else text(input.source, "input.source", SOURCE_LENGTH) or "",
            captured_by=by, idempotency_key=key,
        )
        if (replayed := replay(context, change)) is not None:
            return replayed
        require_latest(context, target, noun)
        check_type(context, change)
        recorded = await record(tx, party_state_id, change, context)
        await log_change(tx, locked[0]["customerId"], recorded, "UPDATED", by)
        return recorded

    return RoutingIndicator.from_record(await transact(info, work), trusted)


async def log_change(tx: Transaction, customer_id: str, indicator: dict[str, Any], step: str, by: str) -> None:
    """Every change of an indicator is an event in the customer's history, in the same transaction.
    Confidential ones (e.g. POSSIBLE_FRAUD) are fraud events, which only RMs and admins see."""
    category = indicator["category"].lower()
    if indicator["confidential"]:
        kind, event_type = EventCategory.FRAUD, "FRAUD_ALERT_CAPTURED" if step == "CAPTURED" else "FRAUD_ALERT_UPDATED"
    else:
        kind, event_type = EventCategory.RELATIONSHIP, f"ROUTING_INDICATOR_{step}"
    await log_event(tx, customer_id, kind, event_type, by=by, result=step,
                    record=f"{category} {indicator['type']} = {indicator['value']} ({indicator['indicatorId']})")


async def change_context(tx: Transaction, party_state_id: str, change: Change, indicator_id: str | None) -> dict[str, Any]:
    rows = await tx.run(INDICATOR_CHANGE_CONTEXT, partyStateId=party_state_id, type=change.type,
                        kind=change.category.name, indicatorId=indicator_id, idempotencyKey=change.idempotency_key)
    return rows[0]


def replay(context: dict[str, Any], change: Change) -> dict[str, Any] | None:
    """The stored result of an earlier request with the same idempotency key, if any."""
    prior = context["prior"]
    if prior is None or change.idempotency_key is None:
        return None
    idempotency.replay(prior.get("idempotencyFingerprint"), change.fingerprint, change.idempotency_key,
                       "input.idempotencyKey")
    return dict(prior)


def check_type(context: dict[str, Any], change: Change) -> dict[str, Any]:
    """The indicator type's policy; VALIDATION listing the category's types if it is not one of them."""
    indicator_type = context["indicatorType"]
    noun = change.category.name.lower()
    if indicator_type is None or indicator_type["kind"] != change.category.name:
        known = ", ".join(context["knownTypes"]) or "none are defined"
        what = "unknown" if indicator_type is None else f"{indicator_type['kind'].lower()}, not {noun},"
        raise ValidationFailed(f"{what} type '{change.type}'; known {noun} types: {known}", field="input.type")
    allowed = indicator_type.get("allowedValues")
    if allowed and change.value not in allowed:
        raise ValidationFailed(f"'{change.value}' is not a value of {change.type}; allowed: {', '.join(allowed)}",
                               field="input.value")
    return dict(indicator_type)


def check_window(valid_from: datetime.datetime | None, valid_to: datetime.datetime | None) -> None:
    if valid_from is not None and valid_to is not None and valid_to <= valid_from:
        raise ValidationFailed(f"validTo ({valid_to.isoformat()}) must be after validFrom ({valid_from.isoformat()})",
                               field="input.validTo")


def require_latest(context: dict[str, Any], target: dict[str, Any], noun: str) -> None:
    """Only the type's latest value may change, and only while it is in force (or yet to start)."""
    latest, now = context["latest"], context["now"]
    ended = target.get("validTo") is not None and target["validTo"] <= now
    if latest["indicatorId"] != target["indicatorId"] or ended:
        raise Conflict(f"{noun} '{target['indicatorId']}' is no longer current; the latest {target['type']} value is "
                       f"'{latest['indicatorId']}'. Read the profile again and update that one", field="input.indicatorId")


async def record(tx: Transaction, party_state_id: str, change: Change, context: dict[str, Any]) -> dict[str, Any]:
    now = context["now"]
    valid_from = change.valid_from or native(now)
    latest = context["latest"]
    if latest is not None and valid_from <= native(latest["validFrom"]):
        raise ValidationFailed(
            f"the latest {change.type} value took effect at {native(latest['validFrom']).isoformat()}; "
            "a new value must take effect after it", field="input.validFrom" if change.valid_from else "input")
    check_window(valid_from, change.valid_to)
    rows = await tx.run(
        RECORD_INDICATOR, partyStateId=party_state_id, type=change.type, label=LABELS[change.category],
        indicatorId=new_indicator_id(), value=change.value, narrative=change.narrative,
        validFrom=change.valid_from or now, validTo=change.valid_to, now=now, source=change.source,
        capturedBy=change.captured_by, idempotencyKey=change.idempotency_key,
        idempotencyFingerprint=None if change.idempotency_key is None else change.fingerprint,
    )
    return dict(rows[0]["indicator"])


async def end(tx: Transaction, party_state_id: str, target: dict[str, Any], valid_to: datetime.datetime | None,
              context: dict[str, Any], by: str) -> dict[str, Any]:
    """Moves the end of the type's latest value; asking for the end it already has changes nothing."""
    assert valid_to is not None  # update() asks for validTo when nothing else is given
    indicator_type = context["indicatorType"]
    if target.get("validTo") is not None and native(target["validTo"]) == valid_to:
        return {**target, "confidential": bool(indicator_type.get("confidential"))}
    require_latest(context, target, target["category"].lower())
    check_window(native(target["validFrom"]), valid_to)
    rows = await tx.run(END_INDICATOR, partyStateId=party_state_id, indicatorId=target["indicatorId"],
                        validTo=valid_to, now=context["now"], closedBy=by)
    return dict(rows[0]["indicator"])


def _open_end(target: dict[str, Any], now: Any) -> datetime.datetime | None:
    """A planned end the superseded value had (still ahead) carries over to the new value."""
    valid_to = target.get("validTo")
    return native(valid_to) if valid_to is not None and valid_to > now else None


async def transact(info: Info, work: Any) -> dict[str, Any]:
    try:
        result: dict[str, Any] = await info.context.db.transact(work)
    except ConstraintError as error:
        # Another profile's change with the same idempotency key committed first.
        raise Conflict("this idempotency key was already used for a different request; use a new key",
                       field="input.idempotencyKey") from error
    return result


async def retrieve(info: Info, category: IndicatorCategory, indicator_id: str) -> RoutingIndicator:
    rows = await info.context.db.read(INDICATOR_BY_ID, indicatorId=indicator_id)
    trusted = info.context.caller.sees_confidential
    row = rows[0]["indicator"] if rows else None
    if row is None or row["category"] != category.name or (row["confidential"] and not trusted):
        raise NotFound(f"no {category.name.lower()} '{indicator_id}'", field="indicatorId")
    indicator = RoutingIndicator.from_record(row, trusted)
    if not trusted and not indicator.active_at(datetime.datetime.now(datetime.UTC)):
        raise Forbidden(f"{category.name.lower()} '{indicator_id}' is not in force; "
                        "only relationship managers and admins read a profile's history")
    return indicator


IndicatorIdArgument = Annotated[strawberry.ID, strawberry.argument(description="The indicator value's id.")]
CaptureArgument = Annotated[CaptureRoutingIndicatorInput, strawberry.argument(description="The new value.")]
UpdateArgument = Annotated[UpdateRoutingIndicatorInput, strawberry.argument(description="The change.")]


@strawberry.type
class IndicatorQuery:
    @strawberry.field(description="BIAN RetrieveStatus: one status value by id; front ends only values in force.",
                      extensions=allow(*READERS))
    async def routing_status(self, info: Info, indicator_id: IndicatorIdArgument) -> RoutingIndicator:
        await require_reach_for(info, "indicatorId", f"status '{indicator_id}'", indicatorId=str(indicator_id))
        return await retrieve(info, IndicatorCategory.STATUS, str(indicator_id))

    @strawberry.field(description="BIAN RetrieveRating: one rating value by id; front ends only values in force.",
                      extensions=allow(*READERS))
    async def routing_rating(self, info: Info, indicator_id: IndicatorIdArgument) -> RoutingIndicator:
        await require_reach_for(info, "indicatorId", f"rating '{indicator_id}'", indicatorId=str(indicator_id))
        return await retrieve(info, IndicatorCategory.RATING, str(indicator_id))

    @strawberry.field(description="BIAN RetrieveAlert: one alert value by id; front ends only values in force, and "
                                  "confidential alerts and narratives only for relationship managers and admins.",
                      extensions=allow(*READERS))
    async def routing_alert(self, info: Info, indicator_id: IndicatorIdArgument) -> RoutingIndicator:
        await require_reach_for(info, "indicatorId", f"alert '{indicator_id}'", indicatorId=str(indicator_id))
        return await retrieve(info, IndicatorCategory.ALERT, str(indicator_id))


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
