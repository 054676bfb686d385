"""Event analytics (BIAN Customer Event History analytics): activity and trend of one customer, portfolio activity.

Each answer is one read statement from cypher/customer_event_history/, aggregated in Neo4j;
analysts run the same files in Neo4j Browser with the `:param` lines at their top. A
customer's events are read through the event_customer_timeline index (customerId,
occurredAt). Periods and days are UTC. FRAUD events are counted only for relationship
managers and admins: for analysts they are left out of every count, and asking for them by
name is FORBIDDEN. The statements count only the `$categories` they are given; this module
decides that list, so the rule lives in one place.

A trend compares the events of the last N days with the N days before. Its direction is
STEADY while the change stays within ±STEADY_PERCENT (10%, both ends included), RISING or
FALLING beyond; with no earlier events there is no percentage, and the direction is RISING
if there are recent events, else STEADY.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass
from typing import Any, LiteralString

from domains.customer_event_history.categories import EventCategory, sees_fraud
from domains.found import found
from gateway.security.auth import Principal
from gateway.security.book import require_reach
from graph.database import Database, Record
from graph.errors import Forbidden, ValidationFailed
from graph.queries import load

EVENT_ACTIVITY_OF_CUSTOMER = load("customer_event_history/event_activity_of_customer")
EVENT_TREND_OF_CUSTOMER = load("customer_event_history/event_trend_of_customer")
EVENT_ACTIVITY_BY_SEGMENT = load("customer_event_history/event_activity_by_segment")
EVENT_ACTIVITY_BY_RELATIONSHIP_MANAGER = load("customer_event_history/event_activity_by_relationship_manager")

MAX_BUCKETS = 400
MAX_TREND_DAYS = 365
STEADY_PERCENT = 10.0
# The portfolio groupings (PortfolioGrouping), by name, and the statement of each.
ACTIVITY_QUERIES: dict[str, LiteralString] = {
    "SEGMENT": EVENT_ACTIVITY_BY_SEGMENT,
    "RELATIONSHIP_MANAGER": EVENT_ACTIVITY_BY_RELATIONSHIP_MANAGER,
}


class ActivityPeriod(enum.Enum):
    """The length of one bucket of a customer's activity; buckets are UTC."""

    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"


class TrendDirection(enum.Enum):
    """Which way an event count moved from the earlier window to the recent one (see the module doc)."""

    RISING = "RISING"
    STEADY = "STEADY"
    FALLING = "FALLING"


PERIOD_NOUNS = {ActivityPeriod.DAY: "days", ActivityPeriod.WEEK: "ISO weeks", ActivityPeriod.MONTH: "months"}


@dataclass(frozen=True)
class Activity:
    """A customer's activity: the window's bucket starts, the categories counted, a row per bucket."""

    first_bucket: datetime.date
    last_bucket: datetime.date
    categories: list[EventCategory]
    buckets: list[Record]


async def customer_activity(db: Database, principal: Principal, customer_id: str, period: ActivityPeriod,
                            first_day: datetime.date, last_day: datetime.date,
                            categories: list[EventCategory] | None) -> Activity:
    first_bucket, last_bucket = activity_window(first_day, last_day, period)
    counted = counted_categories(principal, categories)
    await require_reach(db, principal, "customerId", f"customer with customerId {customer_id!r}", customerId=customer_id)
    rows = await db.read(EVENT_ACTIVITY_OF_CUSTOMER, customerId=customer_id, period=period.name,
                         fromDate=first_day, toDate=last_day, categories=[c.value for c in counted])
    found(rows, "customer", customer_id, "customerId")  # a known customer has a row per bucket, quiet ones too
    return Activity(first_bucket, last_bucket, counted, rows)


async def customer_trend(db: Database, principal: Principal, customer_id: str, days: int,
                         categories: list[EventCategory] | None,
                         as_of: datetime.datetime) -> tuple[list[EventCategory], dict[str, Any]]:
    """The categories counted and the trend's row: recent, earlier, recentFrom, earlierFrom, per category."""
    if not 1 <= days <= MAX_TREND_DAYS:
        raise ValidationFailed(f"days must be 1-{MAX_TREND_DAYS}, not {days}", field="days")
    counted = counted_categories(principal, categories)
    await require_reach(db, principal, "customerId", f"customer with customerId {customer_id!r}", customerId=customer_id)
    rows = await db.read(EVENT_TREND_OF_CUSTOMER, customerId=customer_id, at=as_of, days=days,
                         categories=[c.value for c in counted])
    return counted, dict(found(rows, "customer", customer_id, "customerId"))


async def portfolio_activity(db: Database, principal: Principal, grouping: str, first_day: datetime.date,
                             last_day: datetime.date,
                             categories: list[EventCategory] | None) -> tuple[list[EventCategory], list[Record]]:
    """The categories counted and a row per group of `grouping` (a key of ACTIVITY_QUERIES)."""
    if last_day < first_day:
        raise reversed_window(first_day, last_day)
    counted = counted_categories(principal, categories)
    rows = await db.read(ACTIVITY_QUERIES[grouping], fromDate=first_day, toDate=last_day,
                         categories=[c.value for c in counted])
    return counted, rows


def counted_categories(principal: Principal, categories: list[EventCategory] | None) -> list[EventCategory]:
    """The categories to count, in declaration order: those asked for, else all the principal may see."""
    fraud = sees_fraud(principal)
    if categories is None:
        return [c for c in EventCategory if fraud or c is not EventCategory.FRAUD]
    if not categories:
        raise ValidationFailed("categories must name at least one category; leave it out for all", field="categories")
    if EventCategory.FRAUD in categories and not fraud:
        raise Forbidden("FRAUD events are counted only for relationship managers and admins", field="categories")
    return [c for c in EventCategory if c in categories]


def activity_window(first_day: datetime.date, last_day: datetime.date, period: ActivityPeriod) -> tuple[datetime.date, datetime.date]:
    """The starts of the first and last buckets, or ValidationFailed on `to` for a reversed or too long window."""
    if last_day < first_day:
        raise reversed_window(first_day, last_day)
    first, last = bucket_start(first_day, period), bucket_start(last_day, period)
    if period is ActivityPeriod.MONTH:
        buckets = (last.year - first.year) * 12 + last.month - first.month + 1
    else:
        buckets = (last - first).days // (7 if period is ActivityPeriod.WEEK else 1) + 1
    if buckets > MAX_BUCKETS:
        raise ValidationFailed(f"the window spans {buckets} {PERIOD_NOUNS[period]}; at most {MAX_BUCKETS} are allowed",
                               field="to")
    return first, last


def bucket_start(day: datetime.date, period: ActivityPeriod) -> datetime.date:
    if period is ActivityPeriod.WEEK:
        return day - datetime.timedelta(days=day.weekday())
    if period is ActivityPeriod.MONTH:
        return day.replace(day=1)
    return day


def change(recent: int, earlier: int) -> tuple[float | None, TrendDirection]:
    """The change in percent (1 decimal; None without earlier events) and its direction, as the module doc says."""
    if earlier == 0:
        return None, TrendDirection.RISING if recent > 0 else TrendDirection.STEADY
    percent = (recent - earlier) * 100 / earlier
    if abs(percent) <= STEADY_PERCENT:
        return round(percent, 1), TrendDirection.STEADY
    return round(percent, 1), TrendDirection.RISING if percent > 0 else TrendDirection.FALLING


def reversed_window(first_day: datetime.date, last_day: datetime.date) -> ValidationFailed:
    return ValidationFailed(f"`to` ({last_day}) is before `from` ({first_day})", field="to")
