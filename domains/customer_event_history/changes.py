"""Update and Retrieve of customer events (BIAN Update<Category>, Retrieve<Category>).

An update never loses what the event said: under the event's write lock, its current
properties become an EventVersion (who superseded it, when, which fields changed) before the
changes apply. What the event references (customer, products, resource, lead, allocation,
fraud case) does not change; a wrong reference is corrected by capturing a new event.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from domains.customer_event_history.capture import CODED, DETAILS, RECORD_LENGTH, SHORT_LENGTH
from domains.customer_event_history.categories import EventCategory, noun, sees_fraud
from domains.found import unknown
from domains.inputs import text
from gateway.security.auth import Principal
from gateway.security.book import require_reach
from graph.database import Database, Transaction
from graph.errors import Conflict, ValidationFailed
from graph.queries import load
from graph.temporal import aware, native

LOCK_EVENT = load("customer_event_history/lock_event")
UPDATE_EVENT = load("customer_event_history/update_event")
EVENT_BY_ID = load("customer_event_history/event_by_id")


# The fields every category's update may change, as (input attribute, stored property, text length).
COMMON = (("type", "type", 64), ("occurred_at", "occurredAt", 0), ("channel", "channel", 0),
          ("record", "record", RECORD_LENGTH), ("result", "result", 64), ("location", "location", SHORT_LENGTH))


def changeable(category: EventCategory) -> list[tuple[str, str, int]]:
    """The fields an update of the category may change: COMMON, then its DETAILS."""
    return [*COMMON, *((attribute, name, RECORD_LENGTH) for attribute, name in DETAILS[category])]


def requested_changes(given: Mapping[str, Any], category: EventCategory, future_tolerance_seconds: float,
                      now: datetime.datetime) -> dict[str, Any]:
    """The fields `given` (by stored property; codes as their names, None clears) checked as stored
    properties; VALIDATION names the field at fault."""
    asked: dict[str, Any] = {}
    for _, name, length in changeable(category):
        if name not in given:
            continue
        value = given[name]
        if name == "channel" or name in CODED:
            pass  # a code the schema already restricts
        elif isinstance(value, datetime.datetime):
            value = aware(value)
            if value > now + datetime.timedelta(seconds=future_tolerance_seconds):
                raise ValidationFailed(f"occurredAt {value.isoformat()} is in the future", field="changes.occurredAt")
        elif isinstance(value, str) or value is None:
            value = text(value, f"changes.{name}", length, required=name == "type")
            value = value.upper() if name == "type" and value else value
        asked[name] = value
    if not asked:
        raise ValidationFailed("give at least one field to change", field="changes")
    return asked


async def update(db: Database, principal: Principal, category: EventCategory, event_id: str, asked: dict[str, Any],
                 expected_version: int | None, now: datetime.datetime) -> dict[str, Any]:
    """The event after the changes, in one write transaction under its lock."""

    async def work(tx: Transaction) -> dict[str, Any]:
        await require_reach(tx, principal, "eventId", f"event '{event_id}'", eventId=event_id)
        rows = await tx.run(LOCK_EVENT, eventId=event_id)
        event = dict(rows[0]["event"]) if rows else None
        if event is None or not visible(event, category, principal):
            raise unknown(f"{noun(category)} event", event_id, "eventId")
        version = int(event.get("version") or 1)  # written without one (e.g. in Browser): version 1
        if expected_version is not None and version != expected_version:
            raise Conflict(f"event '{event_id}' is at version {version}, not {expected_version}; "
                           "read it again and reapply your change", field="expectedVersion")
        if "type" in asked and asked["type"] not in rows[0]["knownTypes"]:
            what = noun(category)
            raise ValidationFailed(f"unknown {what} event type '{asked['type']}'; known {what} types: "
                                   f"{', '.join(rows[0]['knownTypes'])}", field="changes.type")
        changed = {name: value for name, value in asked.items() if not _same(event.get(name), value)}
        if not changed:
            return event  # nothing differs: writing a version would only add noise
        updated = await tx.run(UPDATE_EVENT, eventId=event_id, changes=changed, changedFields=sorted(changed),
                               now=now, updatedBy=principal.subject)
        return dict(updated[0]["event"])

    return await db.transact(work)


async def retrieve(db: Database, principal: Principal, category: EventCategory, event_id: str) -> dict[str, Any]:
    """The event of this category, if the principal may see it and reaches its customer."""
    await require_reach(db, principal, "eventId", f"event '{event_id}'", eventId=event_id)
    rows = await db.read(EVENT_BY_ID, eventId=event_id)
    event = dict(rows[0]["event"]) if rows else None
    if event is None or not visible(event, category, principal):
        raise unknown(f"{noun(category)} event", event_id, "eventId")
    return event


def visible(event: dict[str, Any], category: EventCategory, principal: Principal) -> bool:
    """An event of this category that the principal may see (fraud events: RMs and admins)."""
    if event["category"] != category.name:
        return False
    return category is not EventCategory.FRAUD or sees_fraud(principal)


def _same(stored: Any, asked: Any) -> bool:
    if isinstance(asked, datetime.datetime) and stored is not None:
        return bool(native(stored) == asked)
    return bool(stored == asked)
