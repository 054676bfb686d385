"""Event analytics in GraphQL: the types and root fields of a customer's activity and trend and of
the portfolio's activity. The rules (categories counted, windows, the trend's direction) and the
reads are in domains/customer_event_history/analytics.py.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

import strawberry

from domains.customer_event_history import analytics
from domains.customer_event_history.analytics import ActivityPeriod, TrendDirection, change, counted_categories
from gateway.security.auth import Role, allow
from graph.temporal import instant_or_now, native
from resolvers.context import Info
from resolvers.customer_event_history.categories import EventCategory
from resolvers.described_enum import described_enum
from resolvers.portfolio import PortfolioGrouping

__all__ = ["ActivityPeriod", "EventAnalyticsQuery", "TrendDirection", "change", "counted_categories"]

ANALYTICS_ROLES = (Role.ANALYST, Role.RELATIONSHIP_MANAGER, Role.ADMIN)

described_enum(ActivityPeriod, "The length of one bucket of customerEventActivity; buckets are UTC.", {
    "DAY": "One bucket per calendar day.",
    "WEEK": "One bucket per ISO week, Monday to Sunday, keyed by its Monday.",
    "MONTH": "One bucket per calendar month, keyed by its first day.",
})
described_enum(TrendDirection, "Which way a customer's event count moved from the earlier window to the recent one.", {
    "RISING": "More than 10% more events; or some events after none.",
    "STEADY": "Within ±10% (both ends included); or no events in either window.",
    "FALLING": "More than 10% fewer events.",
})


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
        activity = await analytics.customer_activity(info.context.db, info.context.caller, str(customer_id), period,
                                                     from_, to, categories)
        buckets = [EventActivityBucket.from_record(row) for row in activity.buckets]
        return CustomerEventActivity(customer_id=customer_id, period=period, first_bucket=activity.first_bucket,
                                     last_bucket=activity.last_bucket, categories=activity.categories,
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
        as_of = instant_or_now(at)
        counted, row = await analytics.customer_trend(info.context.db, info.context.caller, str(customer_id), days,
                                                      categories, as_of)
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
        counted, rows = await analytics.portfolio_activity(info.context.db, info.context.caller, group_by.name,
                                                           from_, to, categories)
        return PortfolioEventActivity(group_by=group_by, from_=from_, to=to, categories=counted,
                                      groups=[PortfolioGroupEventActivity.from_record(row) for row in rows])

