"""Whose book a read of the relationship manager's book, the activity review or the book analytics
covers, and the bounds of their arguments.

The resource asked for defaults to the one the principal acts as (security.book.acting_resource). A
relationship manager reads only its own book; admins and analysts read any (security.book.require_own_resource).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from domains.found import unknown
from gateway.security.auth import Principal
from gateway.security.book import require_own_resource
from graph.errors import NotFound, ValidationFailed

MAX_DAYS = 365
MAX_LIMIT = 200


def book_resource(who: Principal, resource_id: str | None) -> str:
    """The resourceId whose book is read, or FORBIDDEN on resourceId for an RM asking for another's."""
    return require_own_resource(who, resource_id, "resourceId", "reads only its own book (admins and analysts read any)")


def unknown_resource(resource_id: str) -> NotFound:
    return unknown("servicing resource", resource_id, "resourceId")


def check_between(value: int, least: int, most: int, field: str) -> int:
    """`value`, or VALIDATION on `field` saying the allowed range."""
    if not least <= value <= most:
        raise ValidationFailed(f"{field} must be {least}-{most}, not {value}", field=field)
    return value


def check_days(value: int, field: str) -> int:
    return check_between(value, 1, MAX_DAYS, field)


def codes(values: Iterable[enum.Enum]) -> list[str]:
    """The codes of a set of statuses, sorted, for a statement's parameter (the vocabulary's names are its codes)."""
    return sorted(value.name for value in values)
