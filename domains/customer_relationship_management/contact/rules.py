"""The rules plan contacts follow, checked in Python before (or, for the contact's own state, right
after) the plan is locked: input limits and time rules (VALIDATION naming the field), and the
contact's status moves (CONFLICT naming the current status and the allowed ones).
"""

from __future__ import annotations

import datetime
from typing import Any

from domains.customer_relationship_management.vocabulary import ContactStatus
from domains.inputs import text
from graph.errors import Conflict, ValidationFailed
from graph.temporal import aware, native

DEFAULT_DURATION_MINUTES = 60
MAX_NARRATIVE = 2000
MAX_SHORT = 200
DURATIONS = range(5, 481)  # minutes
OUTCOMES = frozenset({ContactStatus.HELD, ContactStatus.NO_SHOW})
FINAL = frozenset({ContactStatus.NO_SHOW, ContactStatus.CANCELLED})


def narrative(value: str | None, field: str, *, required: bool = False) -> str | None:
    return text(value, field, MAX_NARRATIVE, required=required)


def short(value: str | None, field: str) -> str | None:
    return text(value, field, MAX_SHORT, required=False)


def duration(value: int | None, field: str) -> int:
    if value is None:
        return DEFAULT_DURATION_MINUTES
    if value not in DURATIONS:
        raise ValidationFailed(f"{field} is {value}; a contact lasts {DURATIONS.start} to {DURATIONS.stop - 1} minutes",
                               field=field)
    return value


def future(value: datetime.datetime, field: str, at: datetime.datetime) -> datetime.datetime:
    """`value` (UTC without a zone) when it is after `at`: a contact is scheduled for a time to come."""
    instant = aware(value)
    if instant <= at:
        raise ValidationFailed(f"{field} is {instant.isoformat()}, not in the future: a SCHEDULED contact is for a "
                               "time to come (record one that took place with status HELD)", field=field)
    return instant


def past(value: datetime.datetime, field: str, at: datetime.datetime) -> datetime.datetime:
    """`value` (UTC without a zone) when it is not after `at`: a HELD contact took place."""
    instant = aware(value)
    if instant > at:
        raise ValidationFailed(f"{field} is {instant.isoformat()}, in the future: a HELD contact records one that took "
                               "place (schedule a future one with status SCHEDULED)", field=field)
    return instant


def require_status(contact: dict[str, Any], allowed: frozenset[ContactStatus], doing: str, field: str) -> None:
    """CONFLICT naming the contact's status and the ones `doing` may start from."""
    current = ContactStatus(contact["status"])
    if current not in allowed:
        names = ", ".join(s.name for s in ContactStatus if s in allowed)
        final = " (a final status)" if current in FINAL else ""
        raise Conflict(f"contact {contact['contactId']} is {current.name}{final}: {doing} is allowed only from "
                       f"{names}", field=field)


def require_due(contact: dict[str, Any], outcome: ContactStatus, field: str, at: datetime.datetime) -> None:
    """CONFLICT when recording how a contact went before its time has come."""
    scheduled: datetime.datetime = native(contact["scheduledAt"])
    if scheduled > at:
        raise Conflict(f"contact {contact['contactId']} is scheduled for {scheduled.isoformat()}: it cannot be "
                       f"recorded {outcome.name} before then (reschedule or cancel it instead)", field=field)


def clash(row: dict[str, Any], field: str) -> None:
    """CONFLICT naming the resource's other SCHEDULED contact that overlaps (contact_booking.cypher's row)."""
    if row["clashId"] is not None:
        at: datetime.datetime = native(row["clashAt"])
        raise Conflict(f"servicing resource {row['resourceId']} is already booked then: contact {row['clashId']} at "
                       f"{at.isoformat()} for {row['clashMinutes']} minutes overlaps; choose another time or "
                       "resource", field=field)
