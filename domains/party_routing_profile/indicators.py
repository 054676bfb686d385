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
from typing import Any

from neo4j.exceptions import ConstraintError

from domains import idempotency
from domains.customer_event_history.capture import log_event
from domains.customer_event_history.categories import EventCategory
from domains.found import found, unknown
from domains.inputs import text
from domains.party_routing_profile.profile import (
    ENSURE_PARTY_STATE,
    LABELS,
    LOCK_PARTY_STATE,
    RECORD_INDICATOR,
    IndicatorCategory,
    in_force,
    new_indicator_id,
    shown,
)
from gateway.security.auth import Principal
from gateway.security.book import require_reach
from graph.database import Database, Transaction
from graph.errors import Conflict, Forbidden, ValidationFailed
from graph.queries import load
from graph.temporal import aware, native, now

__all__ = ["ENSURE_PARTY_STATE", "LOCK_PARTY_STATE", "Change", "IndicatorChange", "NewIndicator", "capture",
           "change_context", "check_type", "end", "log_change", "record", "retrieve", "update"]

LOCK_PARTY_STATE_OF_INDICATOR = load("party_routing_profile/lock_party_state_of_indicator")
INDICATOR_CHANGE_CONTEXT = load("party_routing_profile/indicator_change_context")
END_INDICATOR = load("party_routing_profile/end_indicator")
INDICATOR_BY_ID = load("party_routing_profile/indicator_by_id")

VALUE_LENGTH = 200
NARRATIVE_LENGTH = 2000
SOURCE_LENGTH = 64
DEFAULT_SOURCE = "GATEWAY"


@dataclass(frozen=True)
class NewIndicator:
    """BIAN Capture: a new value of one indicator type on a customer's profile, as asked."""

    customer_id: str
    type: str
    value: str
    narrative: str | None = None
    valid_from: datetime.datetime | None = None
    valid_to: datetime.datetime | None = None
    source: str | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True)
class IndicatorChange:
    """BIAN Update: with value, narrative or source it supersedes the current value from effective_from;
    with only valid_to it moves the current value's end."""

    indicator_id: str
    value: str | None = None
    narrative: str | None = None
    effective_from: datetime.datetime | None = None
    valid_to: datetime.datetime | None = None
    source: str | None = None
    idempotency_key: str | None = None


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


async def capture(db: Database, principal: Principal, category: IndicatorCategory, operation: str,
                  asked: NewIndicator) -> dict[str, Any]:
    """Records the new value (starting a profile if the customer has none); the value as the principal sees it."""
    change = Change(
        operation=operation, category=category, type=asked.type.strip(),
        value=text(asked.value, "input.value", VALUE_LENGTH), narrative=text(asked.narrative, "input.narrative",
                                                                             NARRATIVE_LENGTH, required=False),
        valid_from=None if asked.valid_from is None else aware(asked.valid_from),
        valid_to=None if asked.valid_to is None else aware(asked.valid_to),
        source=text(asked.source, "input.source", SOURCE_LENGTH, required=False) or DEFAULT_SOURCE,
        captured_by=principal.subject, idempotency_key=idempotency.key(asked.idempotency_key, "input.idempotencyKey"),
    )
    check_window(change.valid_from, change.valid_to)
    trusted = principal.sees_confidential
    customer_id = asked.customer_id

    async def work(tx: Transaction) -> dict[str, Any]:
        await require_reach(tx, principal, "input.customerId", f"customer '{customer_id}'", customerId=customer_id)
        profile = found(await tx.run(ENSURE_PARTY_STATE, customerId=customer_id, createdBy=change.captured_by,
                                     nextReviewDue=None, note=None), "customer", customer_id, "input.customerId")
        context = await change_context(tx, profile["partyStateId"], change, indicator_id=None)
        if (replayed := replay(context, change)) is not None:
            return replayed
        indicator_type = check_type(context, change)
        if indicator_type.get("confidential") and not trusted:
            raise Forbidden(f"only relationship managers and admins may capture {change.type}")
        recorded = await record(tx, profile["partyStateId"], change, context)
        await log_change(tx, customer_id, recorded, "CAPTURED", change.captured_by)
        return recorded

    return shown(await transact(db, work), trusted)


async def update(db: Database, principal: Principal, category: IndicatorCategory, operation: str,
                 asked: IndicatorChange) -> dict[str, Any]:
    """Supersedes the type's current value, or moves its end; the value as the principal sees it."""
    supersede = any(v is not None for v in (asked.value, asked.narrative, asked.source))
    if not supersede and asked.valid_to is None:
        raise ValidationFailed("give value, narrative, source or validTo to change", field="input")
    valid_to = None if asked.valid_to is None else aware(asked.valid_to)
    by = principal.subject
    key = idempotency.key(asked.idempotency_key, "input.idempotencyKey")
    trusted = principal.sees_confidential
    noun = category.name.lower()
    indicator_id = asked.indicator_id

    async def work(tx: Transaction) -> dict[str, Any]:
        await require_reach(tx, principal, "input.indicatorId", f"{noun} '{indicator_id}'", indicatorId=indicator_id)
        locked = found(await tx.run(LOCK_PARTY_STATE_OF_INDICATOR, indicatorId=indicator_id), noun, indicator_id,
                       "input.indicatorId")
        party_state_id, type_code = locked["partyStateId"], locked["type"]
        probe = Change(operation, category, type_code, None, None, None, None, "", by, key)
        context = await change_context(tx, party_state_id, probe, indicator_id=indicator_id)
        target = context["target"]
        if target["category"] != category.name or (context["indicatorType"]["confidential"] and not trusted):
            raise unknown(noun, indicator_id, "input.indicatorId")
        now = context["now"]
        if not supersede:
            ended = await end(tx, party_state_id, target, valid_to, context, by)
            if ended.get("closedAt") != target.get("closedAt"):  # asking again for the same end logs nothing
                await log_change(tx, locked["customerId"], ended, "ENDED", by)
            return ended
        change = Change(
            operation=operation, category=category, type=type_code,
            value=text(asked.value, "input.value", VALUE_LENGTH) if asked.value is not None else target["value"],
            narrative=(text(asked.narrative, "input.narrative", NARRATIVE_LENGTH, required=False)
                       if asked.narrative is not None else target.get("narrative")),
            valid_from=aware(asked.effective_from) if asked.effective_from is not None else None,
            valid_to=valid_to if valid_to is not None else _open_end(target, now),
            source=target["source"] if asked.source is None else text(asked.source, "input.source", SOURCE_LENGTH) or "",
            captured_by=by, idempotency_key=key,
        )
        if (replayed := replay(context, change)) is not None:
            return replayed
        require_latest(context, target, noun)
        check_type(context, change)
        recorded = await record(tx, party_state_id, change, context)
        await log_change(tx, locked["customerId"], recorded, "UPDATED", by)
        return recorded

    return shown(await transact(db, work), trusted)


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


async def transact(db: Database, work: Any) -> dict[str, Any]:
    try:
        result: dict[str, Any] = await db.transact(work)
    except ConstraintError as error:
        # Another profile's change with the same idempotency key committed first.
        raise Conflict("this idempotency key was already used for a different request; use a new key",
                       field="input.idempotencyKey") from error
    return result


async def retrieve(db: Database, principal: Principal, category: IndicatorCategory, indicator_id: str) -> dict[str, Any]:
    """One value by id, as the principal sees it; only relationship managers and admins read values not in force."""
    noun = category.name.lower()
    await require_reach(db, principal, "indicatorId", f"{noun} '{indicator_id}'", indicatorId=indicator_id)
    rows = await db.read(INDICATOR_BY_ID, indicatorId=indicator_id)
    trusted = principal.sees_confidential
    row = rows[0]["indicator"] if rows else None
    if row is None or row["category"] != category.name or (row["confidential"] and not trusted):
        raise unknown(noun, indicator_id, "indicatorId")
    if not trusted and not in_force(native(row["validFrom"]), native(row.get("validTo")), now()):
        raise Forbidden(f"{noun} '{indicator_id}' is not in force; "
                        "only relationship managers and admins read a profile's history")
    return shown(row, trusted)
