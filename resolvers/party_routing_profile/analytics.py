"""Portfolio analytics over routing profiles in GraphQL: the make-up and trend types and fields. The
reads and their rules (windows, what confidentiality leaves out) are in domains/party_routing_profile/analytics.py.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

import strawberry

from domains.party_routing_profile import analytics
from gateway.security.auth import Role, allow
from graph.temporal import instant_or_now, native
from resolvers.context import Info
from resolvers.party_routing_profile.profile import IndicatorCategory
from resolvers.portfolio import PortfolioGrouping

ANALYTICS_ROLES = (Role.ANALYST, Role.RELATIONSHIP_MANAGER, Role.ADMIN)


@strawberry.type(description="How many customers of a group have an indicator of one type active.")
class IndicatorShare:
    type: str = strawberry.field(description="The IndicatorType code, e.g. IN_ARREARS.")
    category: IndicatorCategory = strawberry.field(description="Status, rating or alert.")
    customers: int = strawberry.field(description="Customers of the group with an indicator of this type active.")
    share: float = strawberry.field(description="`customers` over the group's customers, 0 to 1, rounded to 4 decimals.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> IndicatorShare:
        return cls(type=row["type"], category=IndicatorCategory(row["category"]), customers=row["customers"],
                   share=row["share"])


@strawberry.type(description="The routing-profile make-up of one group of customers.")
class PortfolioGroupMakeUp:
    key: str | None = strawberry.field(
        description="The segment code, or the relationship manager's resourceId; null for the customers without an RM.")
    name: str | None = strawberry.field(description="The relationship manager's name; null for segments and unmanaged customers.")
    customers: int = strawberry.field(description="Customers in the group, whatever their status, with or without a profile.")
    indicators: list[IndicatorShare] = strawberry.field(
        description="Per indicator type active in the group, most customers first, then by code; types none has are left out.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> PortfolioGroupMakeUp:
        return cls(key=row["groupKey"], name=row["name"], customers=row["customers"],
                   indicators=[IndicatorShare.from_record(i) for i in row["indicators"]])


@strawberry.type(description="The routing-profile make-up of the portfolio: which indicators how many customers have.")
class RoutingProfileMakeUp:
    group_by: PortfolioGrouping = strawberry.field(description="How the customers are grouped.")
    as_of: datetime.datetime = strawberry.field(description="The instant the indicators were evaluated at.")
    category: IndicatorCategory | None = strawberry.field(description="The only category counted; null for all.")
    groups: list[PortfolioGroupMakeUp] = strawberry.field(
        description="The groups: segments by code; RM books by resourceId, then the unmanaged customers.")


@strawberry.type(description="Indicators of one type captured and closed in one week.")
class IndicatorTypeActivity:
    type: str = strawberry.field(description="The IndicatorType code, e.g. IN_ARREARS.")
    category: IndicatorCategory = strawberry.field(description="Status, rating or alert.")
    captured: int = strawberry.field(description="Indicators of this type whose capturedAt falls in the week.")
    closed: int = strawberry.field(
        description="Indicators of this type whose validTo falls in the week and is not in the future.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> IndicatorTypeActivity:
        return cls(type=row["type"], category=IndicatorCategory(row["category"]), captured=row["captured"],
                   closed=row["closed"])


@strawberry.type(description="One ISO week (Monday to Sunday, UTC) of the indicator trend.")
class IndicatorTrendWeek:
    week_start: datetime.date = strawberry.field(description="The week's Monday.")
    types: list[IndicatorTypeActivity] = strawberry.field(
        description="The types with indicators captured or closed in the week, by code; empty for a quiet week.")


@strawberry.type(description="Routing indicators captured and closed per ISO week and type.")
class RoutingIndicatorTrend:
    first_week: datetime.date = strawberry.field(description="The Monday of the week holding `from`.")
    last_week: datetime.date = strawberry.field(description="The Monday of the week holding `to`.")
    weeks: list[IndicatorTrendWeek] = strawberry.field(
        description="Every week from firstWeek to lastWeek in order, quiet weeks included (with no types).")


@strawberry.type
class AnalyticsQuery:
    @strawberry.field(
        description="Portfolio make-up: per segment or relationship manager's book, how many customers have each "
                    "indicator type active. Confidential types are counted only for relationship managers and admins.",
        extensions=allow(*ANALYTICS_ROLES),
    )
    async def routing_profile_make_up(
        self, info: Info,
        group_by: Annotated[PortfolioGrouping, strawberry.argument(description="Group by segment or by relationship manager.")],
        at: Annotated[datetime.datetime | None, strawberry.argument(
            description="The instant to evaluate indicators at (default: now; without a zone, UTC).")] = None,
        category: Annotated[IndicatorCategory | None, strawberry.argument(
            description="Count only indicators of this category (default: all).")] = None,
    ) -> RoutingProfileMakeUp:
        as_of = instant_or_now(at)
        rows = await analytics.make_up(info.context.db, info.context.caller, group_by.name, as_of, category)
        return RoutingProfileMakeUp(group_by=group_by, as_of=as_of, category=category,
                                    groups=[PortfolioGroupMakeUp.from_record(row) for row in rows])

    @strawberry.field(
        description="Indicator trend: per ISO week and type, indicators captured and closed, over whole weeks from "
                    "the one holding `from` to the one holding `to` (at most 156). Confidential types are counted "
                    "only for relationship managers and admins.",
        extensions=allow(*ANALYTICS_ROLES),
    )
    async def routing_indicator_trend(
        self, info: Info,
        from_: Annotated[datetime.date, strawberry.argument(name="from", description="A day in the first week.")],
        to: Annotated[datetime.date, strawberry.argument(description="A day in the last week; not before `from`.")],
        types: Annotated[list[str] | None, strawberry.argument(
            description="Only these IndicatorType codes (default: all).")] = None,
    ) -> RoutingIndicatorTrend:
        first_week, last_week, rows = await analytics.trend(info.context.db, info.context.caller, from_, to, types)
        weeks = [IndicatorTrendWeek(week_start=native(row["weekStart"]),
                                    types=[IndicatorTypeActivity.from_record(t) for t in row["types"]]) for row in rows]
        return RoutingIndicatorTrend(first_week=first_week, last_week=last_week, weeks=weeks)

