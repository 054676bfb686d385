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
from typing import Annotated, Any, LiteralString

import strawberry

from gateway.security.auth import Principal, Role, allow
from gateway.security.book import require_reach_for
from graph.errors import Forbidden, NotFound, ValidationFailed
from graph.queries import load
from graph.temporal import instant_or_now, native
from resolvers.context import Info
from resolvers.customer_event_history.timeline import EventCategory
from resolvers.portfolio import PortfolioGrouping

EVENT_ACTIVITY_OF_CUSTOMER = load("customer_event_history/event_activity_of_customer")
EVENT_TREND_OF_CUSTOMER = load("customer_event_history/event_trend_of_customer")
EVENT_ACTIVITY_BY_SEGMENT = load("customer_event_history/event_activity_by_segment")
EVENT_ACTIVITY_BY_RELATIONSHIP_MANAGER = load("customer_event_history/event_activity_by_relationship_manager")

ANALYTICS_ROLES = (Role.ANALYST, Role.RELATIONSHIP_MANAGER, Role.ADMIN)
MAX_BUCKETS = 400
MAX_TREND_DAYS = 365
STEADY_PERCENT = 10.0


@strawberry.enum(description="The length of one bucket of customerEventActivity; buckets are UTC.")
class ActivityPeriod(enum.Enum):
    DAY = strawberry.enum_value("DAY", description="One bucket per calendar day.")
    WEEK = strawberry.enum_value("WEEK", description="One bucket per ISO week, Monday to Sunday, keyed by its Monday.")
    MONTH = strawberry.enum_value("MONTH", description="One bucket per calendar month, keyed by its first day.")


@strawberry.enum(description="Which way a customer's event count moved from the earlier window to the recent one.")
class TrendDirection(enum.Enum):
    RISING = strawberry.enum_value(
        "RISING", description="More than 10% more events; or some events after none.")
    STEADY = strawberry.enum_value(
        "STEADY", description="Within ±10% (both ends included); or no events in either window.")
    FALLING = strawberry.enum_value("FALLING", description="More than 10% fewer events.")


ACTIVITY_QUERIES: dict[PortfolioGrouping, LiteralString] = {
    PortfolioGrouping.SEGMENT: EVENT_ACTIVITY_BY_SEGMENT,
    PortfolioGrouping.RELATIONSHIP_MANAGER: EVENT_ACTIVITY_BY_RELATIONSHIP_MANAGER,
}
PERIOD_NOUNS = {ActivityPeriod.DAY: "days", ActivityPeriod.WEEK: "ISO weeks", ActivityPeriod.MONTH: "months"}


@strawberry.type(description="How many events of one category fell in a bucket.")
class EventCategoryCount:
    category: EventCategory = strawberry.field(description="The event category.")
    events: int = strawberry.field(description="Events of this category in the bucket; at least 1.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> EventCategoryCount:
        return cls(category=EventCategory(row["category"]), events=row["events"])


@strawberry.type(description="One period bucket of a customer's event activity.")
class EventActivityBucket:
    start: datetime.date = strawberry.field(description="The bucket's first day: the day, the week's Monday or the month's 1st.")
    events: int = strawberry.field(description="Events counted in the bucket, all categories together.")
    categories: list[EventCategoryCount] = strawberry.field(
        description="Per category with events in the bucket, by category code; empty for a quiet bucket.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> EventActivityBucket:
        counts = [EventCategoryCount.from_record(c) for c in row["categories"]]
        return cls(start=native(row["start"]), events=sum(c.events for c in counts), categories=counts)


@strawberry.type(description="A customer's events per period bucket and category.")
class CustomerEventActivity:
    customer_id: strawberry.ID = strawberry.field(description="The customer.")
    period: ActivityPeriod = strawberry.field(description="The length of a bucket.")
    first_bucket: datetime.date = strawberry.field(description="The start of the bucket holding `from`.")
    last_bucket: datetime.date = strawberry.field(description="The start of the bucket holding `to`.")
    categories: list[EventCategory] = strawberry.field(
        description="The categories counted: those asked for, or every category the principal may see.")
    events: int = strawberry.field(description="Events counted over the whole window.")
    buckets: list[EventActivityBucket] = strawberry.field(
        description="Every bucket from firstBucket to lastBucket in order, quiet ones included.")


@strawberry.type(description="Events of one category in the recent window against the earlier one.")
class CategoryEventTrend:
    category: EventCategory = strawberry.field(description="The event category.")
    recent: int = strawberry.field(description="Events of this category in the recent window.")
    earlier: int = strawberry.field(description="Events of this category in the earlier window.")
    change_percent: float | None = strawberry.field(
        description="(recent - earlier) / earlier × 100, to 1 decimal; null when earlier is 0.")
    direction: TrendDirection = strawberry.field(description="RISING, STEADY or FALLING (see TrendDirection).")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> CategoryEventTrend:
        percent, direction = change(row["recent"], row["earlier"])
        return cls(category=EventCategory(row["category"]), recent=row["recent"], earlier=row["earlier"],
                   change_percent=percent, direction=direction)


@strawberry.type(description="A customer's events in the last N days against the N days before.")
class CustomerEventTrend:
    customer_id: strawberry.ID = strawberry.field(description="The customer.")
    days: int = strawberry.field(description="N: the length of each window in days.")
    as_of: datetime.datetime = strawberry.field(description="The end of the recent window (excluded).")
    recent_from: datetime.datetime = strawberry.field(description="The start of the recent window: asOf minus N days.")
    earlier_from: datetime.datetime = strawberry.field(
        description="The start of the earlier window, which ends where the recent one starts: asOf minus 2N days.")
    categories: list[EventCategory] = strawberry.field(
        description="The categories counted: those asked for, or every category the principal may see.")
    recent: int = strawberry.field(description="Events counted in the recent window.")
    earlier: int = strawberry.field(description="Events counted in the earlier window.")
    change_percent: float | None = strawberry.field(
        description="(recent - earlier) / earlier × 100, to 1 decimal; null when earlier is 0.")
    direction: TrendDirection = strawberry.field(description="RISING, STEADY or FALLING (see TrendDirection).")
    by_category: list[CategoryEventTrend] = strawberry.field(
        description="Per category with events in either window, by category code.")


@strawberry.type(description="One event category's activity in a group of customers.")
class PortfolioCategoryActivity:
    category: EventCategory = strawberry.field(description="The event category.")
    events: int = strawberry.field(description="Events of this category the group's customers had; at least 1.")
    active_customers: int = strawberry.field(description="Customers of the group with at least one such event.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> PortfolioCategoryActivity:
        return cls(category=EventCategory(row["category"]), events=row["events"],
                   active_customers=row["activeCustomers"])


@strawberry.type(description="The event activity of one group of customers.")
class PortfolioGroupEventActivity:
    key: str | None = strawberry.field(
        description="The segment code, or the relationship manager's resourceId; null for the customers without an RM.")
    name: str | None = strawberry.field(description="The relationship manager's name; null for segments and unmanaged customers.")
    customers: int = strawberry.field(description="Customers in the group, whatever their status, with or without events.")
    active_customers: int = strawberry.field(description="Customers of the group with at least one event counted.")
    events: int = strawberry.field(description="Events counted for the group's customers.")
    events_per_customer: float = strawberry.field(description="`events` over `customers`, to 2 decimals.")
    categories: list[PortfolioCategoryActivity] = strawberry.field(
        description="Per category with events in the group, by category code.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> PortfolioGroupEventActivity:
        return cls(key=row["groupKey"], name=row["name"], customers=row["customers"],
                   active_customers=row["activeCustomers"], events=row["events"],
                   events_per_customer=row["eventsPerCustomer"],
                   categories=[PortfolioCategoryActivity.from_record(c) for c in row["categories"]])


@strawberry.type(description="Event activity of the portfolio, per segment or relationship manager's book.")
class PortfolioEventActivity:
    group_by: PortfolioGrouping = strawberry.field(description="How the customers are grouped.")
    from_: datetime.date = strawberry.field(name="from", description="The first day counted (UTC).")
    to: datetime.date = strawberry.field(description="The last day counted (UTC), included.")
    categories: list[EventCategory] = strawberry.field(
        description="The categories counted: those asked for, or every category the principal may see.")
    groups: list[PortfolioGroupEventActivity] = strawberry.field(
        description="The groups: segments by code; RM books by resourceId, then the unmanaged customers.")


CustomerId = Annotated[strawberry.ID, strawberry.argument(description="The customer's identifier, e.g. C0000042.")]
Categories = Annotated[list[EventCategory] | None, strawberry.argument(
    description="Count only these categories (default: all the principal may see); FRAUD is FORBIDDEN to analysts.")]


@strawberry.type
class EventAnalyticsQuery:
    @strawberry.field(
        description="A customer's event activity: per period bucket and category, the events of the customer, over "
                    "whole buckets from the one holding `from` to the one holding `to` (at most 400). FRAUD events "
                    "are counted only for relationship managers and admins.",
        extensions=allow(*ANALYTICS_ROLES),
    )
    async def customer_event_activity(
        self, info: Info, customer_id: CustomerId,
        period: Annotated[ActivityPeriod, strawberry.argument(description="The length of a bucket.")],
        from_: Annotated[datetime.date, strawberry.argument(name="from", description="A day in the first bucket.")],
        to: Annotated[datetime.date, strawberry.argument(description="A day in the last bucket; not before `from`.")],
        categories: Categories = None,
    ) -> CustomerEventActivity:
        first_bucket, last_bucket = activity_window(from_, to, period)
        counted = counted_categories(info.context.caller, categories)
        await require_reach_for(info, "customerId", f"customer with customerId {customer_id!r}", customerId=str(customer_id))
        rows = await info.context.db.read(EVENT_ACTIVITY_OF_CUSTOMER, customerId=str(customer_id), period=period.name,
                                          fromDate=from_, toDate=to, categories=[c.value for c in counted])
        if not rows:
            raise unknown_customer(customer_id)
        buckets = [EventActivityBucket.from_record(row) for row in rows]
        return CustomerEventActivity(customer_id=customer_id, period=period, first_bucket=first_bucket,
                                     last_bucket=last_bucket, categories=counted,
                                     events=sum(b.events for b in buckets), buckets=buckets)

    @strawberry.field(
        description="A customer's event trend: events in the last `days` days before `at` against the `days` days "
                    "before those, with the change in percent and its direction. FRAUD events are counted only for "
                    "relationship managers and admins.",
        extensions=allow(*ANALYTICS_ROLES),
    )
    async def customer_event_trend(
        self, info: Info, customer_id: CustomerId,
        days: Annotated[int, strawberry.argument(description="The length of each window in days, 1-365.")] = 30,
        categories: Categories = None,
        at: Annotated[datetime.datetime | None, strawberry.argument(
            description="The end of the recent window, excluded (default: now; without a zone, UTC).")] = None,
    ) -> CustomerEventTrend:
        if not 1 <= days <= MAX_TREND_DAYS:
            raise ValidationFailed(f"days must be 1-{MAX_TREND_DAYS}, not {days}", field="days")
        counted = counted_categories(info.context.caller, categories)
        as_of = instant_or_now(at)
        await require_reach_for(info, "customerId", f"customer with customerId {customer_id!r}", customerId=str(customer_id))
        rows = await info.context.db.read(EVENT_TREND_OF_CUSTOMER, customerId=str(customer_id), at=as_of, days=days,
                                          categories=[c.value for c in counted])
        if not rows:
            raise unknown_customer(customer_id)
        row = rows[0]
        percent, direction = change(row["recent"], row["earlier"])
        return CustomerEventTrend(
            customer_id=customer_id, days=days, as_of=as_of, recent_from=native(row["recentFrom"]),
            earlier_from=native(row["earlierFrom"]), categories=counted, recent=row["recent"], earlier=row["earlier"],
            change_percent=percent, direction=direction,
            by_category=[CategoryEventTrend.from_record(c) for c in row["categories"]],
        )

    @strawberry.field(
        description="Portfolio event activity: per segment or relationship manager's book, customers, active "
                    "customers, events per category and per customer from `from` to `to`. FRAUD events are counted "
                    "only for relationship managers and admins.",
        extensions=allow(*ANALYTICS_ROLES),
    )
    async def portfolio_event_activity(
        self, info: Info,
        group_by: Annotated[PortfolioGrouping, strawberry.argument(description="Group by segment or by relationship manager.")],
        from_: Annotated[datetime.date, strawberry.argument(name="from", description="The first day counted (UTC).")],
        to: Annotated[datetime.date, strawberry.argument(description="The last day counted (UTC), included; not before `from`.")],
        categories: Categories = None,
    ) -> PortfolioEventActivity:
        if to < from_:
            raise reversed_window(from_, to)
        counted = counted_categories(info.context.caller, categories)
        rows = await info.context.db.read(ACTIVITY_QUERIES[group_by], fromDate=from_, toDate=to,
                                          categories=[c.value for c in counted])
        return PortfolioEventActivity(group_by=group_by, from_=from_, to=to, categories=counted,
                                      groups=[PortfolioGroupEventActivity.from_record(row) for row in rows])


def counted_categories(principal: Principal, categories: list[EventCategory] | None) -> list[EventCategory]:
    """The categories to count, in declaration order: those asked for, else all the principal may see."""
    sees_fraud = principal.sees_confidential
    if categories is None:
        return [c for c in EventCategory if sees_fraud or c is not EventCategory.FRAUD]
    if not categories:
        raise ValidationFailed("categories must name at least one category; leave it out for all", field="categories")
    if EventCategory.FRAUD in categories and not sees_fraud:
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


def unknown_customer(customer_id: strawberry.ID) -> NotFound:
    return NotFound(f"no customer with customerId {str(customer_id)!r}", field="customerId")
