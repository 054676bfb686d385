"""Update and Retrieve of customer events (BIAN Update<Category>, Retrieve<Category>).

An update never loses what the event said: under the event's write lock, its current
properties become an EventVersion (who superseded it, when, which fields changed) before the
changes apply. What the event references (customer, products, resource, lead, allocation,
fraud case) does not change; a wrong reference is corrected by capturing a new event.
"""

from __future__ import annotations

import datetime
import enum
from typing import Any

import strawberry

from domains.inputs import text
from gateway.security.auth import Principal
from gateway.security.book import require_reach
from gateway.settings import Settings
from graph.database import Database, Transaction
from graph.errors import Conflict, NotFound, ValidationFailed
from graph.queries import load
from graph.temporal import aware, native
from resolvers.customer_event_history.capture import (
    DETAILS,
    RECORD_LENGTH,
    SHORT_LENGTH,
    EventChannel,
    SalesEventType,
    ServicingEventType,
)
from resolvers.customer_event_history.timeline import EventCategory

LOCK_EVENT = load("customer_event_history/lock_event")
UPDATE_EVENT = load("customer_event_history/update_event")
EVENT_BY_ID = load("customer_event_history/event_by_id")


@strawberry.input(description="Changes to an event; only the fields given change, and null clears an optional one.")
class EventChangesInput:
    type: str | None = strawberry.field(default=strawberry.UNSET, description="A corrected event type of the same category.")
    occurred_at: datetime.datetime | None = strawberry.field(default=strawberry.UNSET, description="A corrected instant.")
    channel: EventChannel | None = strawberry.field(default=strawberry.UNSET, description="A corrected channel.")
    record: str | None = strawberry.field(default=strawberry.UNSET, description="New details of the event.")
    result: str | None = strawberry.field(default=strawberry.UNSET, description="How it ended, e.g. once resolved.")
    location: str | None = strawberry.field(default=strawberry.UNSET, description="Where it was captured.")


@strawberry.input(description="Changes to a relationship event (BIAN UpdateRelationship).")
class UpdateRelationshipEventInput(EventChangesInput):
    relationship_action: str | None = strawberry.field(default=strawberry.UNSET, description="What was done or agreed.")


@strawberry.input(description="Changes to a sales event (BIAN UpdateSales).")
class UpdateSalesEventInput(EventChangesInput):
    sales_event_type: SalesEventType | None = strawberry.field(default=strawberry.UNSET, description="How it came about.")
    commission_agreement_reference: str | None = strawberry.field(
        default=strawberry.UNSET, description="BIAN CommissionAgreementReference.")


@strawberry.input(description="Changes to a servicing event (BIAN UpdateServicing).")
class UpdateServicingEventInput(EventChangesInput):
    servicing_event_type: ServicingEventType | None = strawberry.field(
        default=strawberry.UNSET, description="Self-service or assisted.")
    contact_record_reference: str | None = strawberry.field(
        default=strawberry.UNSET, description="BIAN CustomerContactRecordReference.")
    channel_device_type: str | None = strawberry.field(default=strawberry.UNSET, description="BIAN ChannelDeviceType.")
    contact_purpose: str | None = strawberry.field(default=strawberry.UNSET, description="BIAN ContactPurpose.")


@strawberry.input(description="Changes to a product processing event (BIAN UpdateProductProcessing).")
class UpdateProductProcessingEventInput(EventChangesInput):
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="BIAN ProductActionEventDescription.")


@strawberry.input(description="Changes to a fraud event (BIAN UpdateFraud).")
class UpdateFraudEventInput(EventChangesInput):
    fraud_case_reference: str | None = strawberry.field(default=strawberry.UNSET, description="BIAN FraudCaseReference.")
    contact_record_reference: str | None = strawberry.field(
        default=strawberry.UNSET, description="BIAN CustomerContactRecordReference.")


@strawberry.input(description="Changes to a life event (BIAN UpdateLife).")
class UpdateLifeEventInput(EventChangesInput):
    contact_record_reference: str | None = strawberry.field(
        default=strawberry.UNSET, description="BIAN CustomerContactRecordReference.")


COMMON = (("type", "type", 64), ("occurred_at", "occurredAt", 0), ("channel", "channel", 0),
          ("record", "record", RECORD_LENGTH), ("result", "result", 64), ("location", "location", SHORT_LENGTH))


def requested_changes(changes: EventChangesInput, category: EventCategory, settings: Settings,
                      now: datetime.datetime) -> dict[str, Any]:
    """The given fields as stored properties, checked; VALIDATION names the field at fault."""
    fields = [*COMMON, *((attribute, name, RECORD_LENGTH) for attribute, name in DETAILS[category])]
    asked: dict[str, Any] = {}
    for attribute, name, length in fields:
        value = getattr(changes, attribute)
        if value is strawberry.UNSET:
            continue
        if isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, datetime.datetime):
            value = aware(value)
            if value > now + datetime.timedelta(seconds=settings.event_future_tolerance_seconds):
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
            raise NotFound(f"no {category.name.lower().replace('_', ' ')} event '{event_id}'", field="eventId")
        version = int(event.get("version") or 1)  # written without one (e.g. in Browser): version 1
        if expected_version is not None and version != expected_version:
            raise Conflict(f"event '{event_id}' is at version {version}, not {expected_version}; "
                           "read it again and reapply your change", field="expectedVersion")
        if "type" in asked and asked["type"] not in rows[0]["knownTypes"]:
            noun = category.name.lower().replace("_", " ")
            raise ValidationFailed(f"unknown {noun} event type '{asked['type']}'; known {noun} types: "
                                   f"{', '.join(rows[0]['knownTypes'])}", field="changes.type")
        changed = {name: value for name, value in asked.items() if not _same(event.get(name), value)}
        if not changed:
            return event  # nothing differs: writing a version would only add noise
        updated = await tx.run(UPDATE_EVENT, eventId=event_id, changes=changed, changedFields=sorted(changed),
                               now=now, updatedBy=principal.subject)
        return dict(updated[0]["event"])

    return await db.transact(work)


async def retrieve(db: Database, principal: Principal, category: EventCategory, event_id: str) -> dict[str, Any]:
    rows = await db.read(EVENT_BY_ID, eventId=event_id)
    event = dict(rows[0]["event"]) if rows else None
    if event is None or not visible(event, category, principal):
        raise NotFound(f"no {category.name.lower().replace('_', ' ')} event '{event_id}'", field="eventId")
    return event


def visible(event: dict[str, Any], category: EventCategory, principal: Principal) -> bool:
    """An event of this category that the principal may see (fraud events: RMs and admins)."""
    if event["category"] != category.name:
        return False
    return category is not EventCategory.FRAUD or principal.sees_confidential


def _same(stored: Any, asked: Any) -> bool:
    if isinstance(asked, datetime.datetime) and stored is not None:
        return bool(native(stored) == asked)
    return bool(stored == asked)
