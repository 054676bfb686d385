"""A customer's timeline: which page of its events the arguments ask for, and reading such pages.

Pages are keyset-paginated on (occurredAt, eventId), newest first, so page 5,000 of a long history
costs what page 1 does: events_of_customers.cypher seeks the event_customer_timeline index once
per customer, for many customers in one round trip.

Fraud events are for relationship managers and admins only: other principals never get them,
and asking for the FRAUD category by name is FORBIDDEN rather than an empty page.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from domains.customer_event_history.categories import EventCategory, sees_fraud
from gateway.security.auth import Principal
from graph.database import Database, Record
from graph.errors import Forbidden, ValidationFailed
from graph.queries import load
from graph.temporal import aware

EVENTS_OF_CUSTOMERS_NAME = "customer_event_history/events_of_customers"
EVENTS_OF_CUSTOMERS = load(EVENTS_OF_CUSTOMERS_NAME)

# Open ends of the window and "no cursor yet": the statement compares with them, as null would match nothing.
EARLIEST = datetime.datetime.min.replace(tzinfo=datetime.UTC)
LATEST = datetime.datetime.max.replace(tzinfo=datetime.UTC)
NO_CURSOR = "9999-12-31T23:59:59.999999999Z"
# What Neo4j's toString(DateTime) gives: an ISO-8601 instant with its offset and maybe a zone name.
NEO4J_DATETIME = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})T(?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)"
    r"(?P<offset>Z|[+-]\d{2}:\d{2}(?::\d{2})?)(?:\[(?P<zone>[A-Za-z0-9_+\-/]+)\])?")


@dataclass(frozen=True)
class TimelinePage:
    """The checked arguments of one page; equal pages share one read."""

    size: int
    after_at: str
    after_id: str
    window_from: datetime.datetime
    window_to: datetime.datetime
    categories: tuple[str, ...] | None
    types: tuple[str, ...] | None
    sees_fraud: bool

    def params(self) -> dict[str, Any]:
        return {
            "limit": self.size + 1, "afterAt": self.after_at, "afterId": self.after_id, "from": self.window_from,
            "to": self.window_to, "categories": _listed(self.categories), "types": _listed(self.types),
            "seesFraud": self.sees_fraud,
        }


def page(
    principal: Principal, size: int, after: str | None, categories: list[EventCategory] | None,
    types: list[str] | None, window_from: datetime.datetime | None, window_to: datetime.datetime | None,
) -> TimelinePage:
    """The page of `size` events after the position `after` (an event_key, or None for the newest), or
    VALIDATION / FORBIDDEN naming the argument at fault."""
    fraud = sees_fraud(principal)
    start, end = _window(window_from, window_to)
    after_at, after_id = _after(after)
    return TimelinePage(
        size=size, after_at=after_at, after_id=after_id, window_from=start, window_to=end,
        categories=_categories(categories, fraud), types=_types(types), sees_fraud=fraud,
    )


async def pages(db: Database, customer_ids: Sequence[str], page: TimelinePage) -> list[list[Record]]:
    """Per customer, in order, that page of {event, at}, plus one more row when older events follow."""
    rows = await db.read(EVENTS_OF_CUSTOMERS, customerIds=list(customer_ids), **page.params())
    found = {row["customerId"]: row["events"] for row in rows}
    return [found.get(customer_id, []) for customer_id in customer_ids]


def event_key(occurred_at: str, event_id: str) -> str:
    """The keyset position of an event: its occurredAt exactly as stored (Neo4j's text of it) and its eventId."""
    return f"{occurred_at}|{event_id}"


def _window(start: datetime.datetime | None, end: datetime.datetime | None) -> tuple[datetime.datetime, datetime.datetime]:
    """The bounds in UTC, the offset occurredAt is written with, so equal instants compare equal in Neo4j."""
    start = EARLIEST if start is None else aware(start)
    end = LATEST if end is None else aware(end)
    if end <= start:
        raise ValidationFailed(f"`to` ({end.isoformat()}) must be after `from` ({start.isoformat()})", field="to")
    return start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)


def _after(key: str | None) -> tuple[str, str]:
    if key is None:
        return NO_CURSOR, ""
    occurred_at, _, event_id = key.partition("|")
    if not event_id or not _is_neo4j_datetime(occurred_at):
        raise ValidationFailed("after is not a cursor from this list; pass an endCursor you received", field="after")
    return occurred_at, event_id


def _is_neo4j_datetime(text: str) -> bool:
    """Whether Neo4j's datetime() will parse `text` (checked here, so a forged cursor is VALIDATION, not INTERNAL)."""
    match = NEO4J_DATETIME.fullmatch(text)
    if match is None:
        return False
    try:
        datetime.datetime.fromisoformat(f"{match['date']}T{match['time'][:15]}")
        if match["zone"]:
            zoneinfo.ZoneInfo(match["zone"])
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return False
    return True


def _categories(categories: list[EventCategory] | None, fraud: bool) -> tuple[str, ...] | None:
    if categories is None:
        return None
    if not categories:
        raise ValidationFailed("categories must name at least one category; leave it out for all", field="categories")
    if EventCategory.FRAUD in categories and not fraud:
        raise Forbidden("FRAUD events are shown only to relationship managers and admins", field="categories")
    return tuple(sorted({category.name for category in categories}))  # names are the stored values


def _types(types: list[str] | None) -> tuple[str, ...] | None:
    if types is None:
        return None
    if not types:
        raise ValidationFailed("types must name at least one event type; leave it out for all", field="types")
    return tuple(sorted(set(types)))


def _listed(values: tuple[str, ...] | None) -> list[str] | None:
    return None if values is None else list(values)
