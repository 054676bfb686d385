"""Event analytics: a customer's activity per bucket and trend, portfolio activity per segment or ADMIN book."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from domains.customer_event_history.analytics import change
from gateway.settings import Settings
from graph.database import Database
from graph.queries import load
from resolvers.customer_event_history.analytics import TrendDirection
from tests.support import ADMIN, ANALYST, FRONTEND, bank_graph, execute, plan_afresh

ACTIVITY = """
query ($id: ID!, $period: ActivityPeriod!, $from: Date!, $to: Date!, $categories: [EventCategory!]) {
  customerEventActivity(customerId: $id, period: $period, from: $from, to: $to, categories: $categories) {
    customerId period firstBucket lastBucket categories events
    buckets { start events categories { category events } }
  }
}
"""
TREND = """
query ($id: ID!, $days: Int, $categories: [EventCategory!], $at: DateTime) {
  customerEventTrend(customerId: $id, days: $days, categories: $categories, at: $at) {
    customerId days asOf recentFrom earlierFrom categories recent earlier changePercent direction
    byCategory { category recent earlier changePercent direction }
  }
}
"""
PORTFOLIO = """
query ($groupBy: PortfolioGrouping!, $from: Date!, $to: Date!, $categories: [EventCategory!]) {
  portfolioEventActivity(groupBy: $groupBy, from: $from, to: $to, categories: $categories) {
    groupBy from to categories
    groups { key name customers activeCustomers events eventsPerCustomer categories { category events activeCustomers } }
  }
}
"""
MARCH_10 = "2026-03-10T12:00:00Z"
VISIBLE_TO_ANALYSTS = ["RELATIONSHIP", "SALES", "SERVICING", "PRODUCT_PROCESSING", "LIFE"]
ALL_CATEGORIES = ["RELATIONSHIP", "SALES", "SERVICING", "PRODUCT_PROCESSING", "FRAUD", "LIFE"]


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "routing_profiles", "portfolio", "event_activity")


async def answer(bank: Database, settings: Settings, query: str, roles: Any, **variables: Any) -> Any:
    result, context = await execute(bank, settings, query, variables, roles)
    assert result.errors is None, result.errors
    assert context.db.round_trips == 1
    return next(iter(result.data.values()))  # type: ignore[union-attr]


async def refused(bank: Database, settings: Settings, query: str, roles: Any, **variables: Any) -> tuple[str, dict[str, Any], int]:
    """The one error, its extensions, and the round trips spent before it."""
    result, context = await execute(bank, settings, query, variables, roles)
    assert result.data is None
    assert result.errors is not None and len(result.errors) == 1, result.errors
    return result.errors[0].message, result.errors[0].extensions or {}, context.db.round_trips


def bucket(start: str, *counts: tuple[str, int]) -> dict[str, Any]:
    return {"start": start, "events": sum(n for _, n in counts),
            "categories": [{"category": category, "events": n} for category, n in counts]}


def category_trend(category: str, recent: int, earlier: int, percent: float | None, direction: str) -> dict[str, Any]:
    return {"category": category, "recent": recent, "earlier": earlier, "changePercent": percent, "direction": direction}


def activity(category: str, events: int, customers: int) -> dict[str, Any]:
    return {"category": category, "events": events, "activeCustomers": customers}


def group(key: str | None, name: str | None, customers: int, active: int, events: int, per_customer: float,
          *categories: dict[str, Any]) -> dict[str, Any]:
    return {"key": key, "name": name, "customers": customers, "activeCustomers": active, "events": events,
            "eventsPerCustomer": per_customer, "categories": list(categories)}


async def test_monthly_activity_as_an_analyst_leaves_out_fraud(bank: Database, settings: Settings) -> None:
    # The window widens to whole months: 1 January .. 31 March. The +02:00 event of New Year's
    # morning is still 31 December in UTC, so it is not counted.
    assert await answer(bank, settings, ACTIVITY, ANALYST, id="C0000001", period="MONTH",
                        **{"from": "2026-01-15", "to": "2026-03-10"}) == {
        "customerId": "C0000001", "period": "MONTH", "firstBucket": "2026-01-01", "lastBucket": "2026-03-01",
        "categories": VISIBLE_TO_ANALYSTS, "events": 8,
        "buckets": [
            bucket("2026-01-01", ("SALES", 1), ("SERVICING", 1)),
            bucket("2026-02-01", ("LIFE", 1), ("SERVICING", 2)),
            bucket("2026-03-01", ("RELATIONSHIP", 1), ("SERVICING", 2)),
        ],
    }


async def test_a_relationship_manager_sees_fraud_in_the_activity(bank: Database, settings: Settings) -> None:
    for roles in (ADMIN, ADMIN):
        alice = await answer(bank, settings, ACTIVITY, roles, id="C0000001", period="MONTH",
                             **{"from": "2026-01-01", "to": "2026-03-31"})
        assert (alice["categories"], alice["events"]) == (ALL_CATEGORIES, 12)
        assert alice["buckets"] == [
            bucket("2026-01-01", ("FRAUD", 3), ("SALES", 1), ("SERVICING", 1)),
            bucket("2026-02-01", ("LIFE", 1), ("SERVICING", 2)),
            bucket("2026-03-01", ("FRAUD", 1), ("RELATIONSHIP", 1), ("SERVICING", 2)),
        ]


async def test_daily_buckets_are_utc_days(bank: Database, settings: Settings) -> None:
    new_year = await answer(bank, settings, ACTIVITY, ANALYST, id="C0000001", period="DAY",
                            **{"from": "2025-12-31", "to": "2026-01-01"})
    assert (new_year["firstBucket"], new_year["lastBucket"], new_year["events"]) == ("2025-12-31", "2026-01-01", 1)
    assert new_year["buckets"] == [bucket("2025-12-31", ("SERVICING", 1)), bucket("2026-01-01")]


async def test_weekly_activity_of_some_categories_with_quiet_weeks(bank: Database, settings: Settings) -> None:
    # A Wednesday .. a Thursday: the ISO weeks of Monday 12 and Monday 19 January.
    rm = await answer(bank, settings, ACTIVITY, ADMIN, id="C0000001", period="WEEK",
                      **{"from": "2026-01-14", "to": "2026-01-22"}, categories=["FRAUD", "SALES"])
    assert rm == {
        "customerId": "C0000001", "period": "WEEK", "firstBucket": "2026-01-12", "lastBucket": "2026-01-19",
        "categories": ["SALES", "FRAUD"], "events": 4,
        "buckets": [bucket("2026-01-12", ("SALES", 1)), bucket("2026-01-19", ("FRAUD", 3))],
    }
    analyst = await answer(bank, settings, ACTIVITY, ANALYST, id="C0000001", period="WEEK",
                           **{"from": "2026-01-14", "to": "2026-01-22"})
    assert analyst["buckets"] == [bucket("2026-01-12", ("SALES", 1)), bucket("2026-01-19")]
    eva = await answer(bank, settings, ACTIVITY, ADMIN, id="C0000007", period="WEEK", **{"from": "2026-03-02", "to": "2026-03-10"})
    assert (eva["events"], eva["buckets"]) == (0, [bucket("2026-03-02"), bucket("2026-03-09")])


@pytest.mark.parametrize(("period", "first", "last", "message"), [
    ("DAY", "2026-02-10", "2026-02-09", "`to` (2026-02-09) is before `from` (2026-02-10)"),
    ("DAY", "2025-01-01", "2026-02-05", "the window spans 401 days; at most 400 are allowed"),
    ("WEEK", "2018-05-02", "2025-12-31", "the window spans 401 ISO weeks; at most 400 are allowed"),
    ("MONTH", "2000-01-31", "2033-05-01", "the window spans 401 months; at most 400 are allowed"),
])
async def test_a_reversed_or_too_long_activity_window_is_invalid(
    bank: Database, settings: Settings, period: str, first: str, last: str, message: str,
) -> None:
    assert await refused(bank, settings, ACTIVITY, ANALYST, id="C0000001", period=period, **{"from": first, "to": last}) == (
        message, {"code": "VALIDATION", "field": "to"}, 0)


async def test_four_hundred_buckets_is_the_longest_window(bank: Database, settings: Settings) -> None:
    days = await answer(bank, settings, ACTIVITY, ANALYST, id="C0000001", period="DAY", **{"from": "2025-01-01", "to": "2026-02-04"})
    months = await answer(bank, settings, ACTIVITY, ANALYST, id="C0000001", period="MONTH", **{"from": "2000-01-31", "to": "2033-04-30"})
    assert (len(days["buckets"]), days["events"]) == (400, 4)  # 31 December, 5 and 12 January, 2 February
    assert (months["firstBucket"], months["lastBucket"], len(months["buckets"]), months["events"]) == (
        "2000-01-01", "2033-04-01", 400, 9)


async def test_trend_of_the_last_30_days_as_a_relationship_manager(bank: Database, settings: Settings) -> None:
    # The event at exactly `at` is not counted: the recent window ends before it.
    assert await answer(bank, settings, TREND, ADMIN, id="C0000001", at=MARCH_10) == {
        "customerId": "C0000001", "days": 30, "asOf": "2026-03-10T12:00:00+00:00",
        "recentFrom": "2026-02-08T12:00:00+00:00", "earlierFrom": "2026-01-09T12:00:00+00:00",
        "categories": ALL_CATEGORIES, "recent": 5, "earlier": 5, "changePercent": 0.0, "direction": "STEADY",
        "byCategory": [
            category_trend("FRAUD", 1, 3, -66.7, "FALLING"),
            category_trend("LIFE", 1, 0, None, "RISING"),
            category_trend("RELATIONSHIP", 1, 0, None, "RISING"),
            category_trend("SALES", 0, 1, -100.0, "FALLING"),
            category_trend("SERVICING", 2, 1, 100.0, "RISING"),
        ],
    }


async def test_without_fraud_an_analyst_sees_the_same_trend_rising(bank: Database, settings: Settings) -> None:
    trend = await answer(bank, settings, TREND, ANALYST, id="C0000001", at=MARCH_10)
    assert (trend["categories"], trend["recent"], trend["earlier"], trend["changePercent"], trend["direction"]) == (
        VISIBLE_TO_ANALYSTS, 4, 2, 100.0, "RISING")
    assert [t["category"] for t in trend["byCategory"]] == ["LIFE", "RELATIONSHIP", "SALES", "SERVICING"]


async def test_falling_steady_and_quiet_trends(bank: Database, settings: Settings) -> None:
    bob = await answer(bank, settings, TREND, ANALYST, id="C0000002", at=MARCH_10)
    week = await answer(bank, settings, TREND, ANALYST, id="C0000001", days=7, at=MARCH_10)
    eva = await answer(bank, settings, TREND, ADMIN, id="C0000007", days=90, at=MARCH_10)
    assert (bob["recent"], bob["earlier"], bob["changePercent"], bob["direction"]) == (1, 2, -50.0, "FALLING")
    assert bob["byCategory"] == [category_trend("SALES", 0, 1, -100.0, "FALLING"), category_trend("SERVICING", 1, 1, 0.0, "STEADY")]
    assert (week["recentFrom"], week["recent"], week["earlier"], week["direction"]) == ("2026-03-03T12:00:00+00:00", 1, 1, "STEADY")
    assert (eva["recent"], eva["earlier"], eva["changePercent"], eva["direction"], eva["byCategory"]) == (0, 0, None, "STEADY", [])


async def test_the_trend_ends_now_by_default(bank: Database, settings: Settings) -> None:
    now = datetime.datetime.now(datetime.UTC)
    await bank.write("MATCH (log:CustomerEventLog {customerId: 'C0000007'}) UNWIND $events AS e "
                     "CREATE (log)-[:RECORDED]->(:Event:LifeEvent {eventId: e.id, customerId: 'C0000007', category: 'LIFE', "
                     "type: 'RELOCATION', occurredAt: e.at, channel: 'BRANCH', record: 'Customer moved home', result: 'RECORDED'})",
                     events=[{"id": "EV-C0000007-01", "at": now - datetime.timedelta(days=40)},
                             {"id": "EV-C0000007-02", "at": now - datetime.timedelta(days=3)}])
    trend = await answer(bank, settings, TREND, ANALYST, id="C0000007", categories=["LIFE"])
    as_of = datetime.datetime.fromisoformat(trend["asOf"])
    assert now <= as_of <= datetime.datetime.now(datetime.UTC)
    assert (trend["days"], datetime.datetime.fromisoformat(trend["recentFrom"]), datetime.datetime.fromisoformat(trend["earlierFrom"])) == (
        30, as_of - datetime.timedelta(days=30), as_of - datetime.timedelta(days=60))
    assert (trend["categories"], trend["recent"], trend["earlier"], trend["changePercent"], trend["direction"]) == (
        ["LIFE"], 1, 1, 0.0, "STEADY")


@pytest.mark.parametrize(("recent", "earlier", "percent", "direction"), [
    (11, 10, 10.0, TrendDirection.STEADY), (9, 10, -10.0, TrendDirection.STEADY),
    (12, 10, 20.0, TrendDirection.RISING), (8, 10, -20.0, TrendDirection.FALLING),
    (3, 0, None, TrendDirection.RISING), (0, 0, None, TrendDirection.STEADY), (0, 3, -100.0, TrendDirection.FALLING),
    (2, 3, -33.3, TrendDirection.FALLING),
])
def test_within_ten_percent_either_way_is_steady(recent: int, earlier: int, percent: float | None, direction: TrendDirection) -> None:
    assert change(recent, earlier) == (percent, direction)


@pytest.mark.parametrize("days", [0, 366, -30])
async def test_days_outside_one_to_365_are_invalid(bank: Database, settings: Settings, days: int) -> None:
    assert await refused(bank, settings, TREND, ADMIN, id="C0000001", days=days) == (
        f"days must be 1-365, not {days}", {"code": "VALIDATION", "field": "days"}, 0)


async def test_an_unknown_customer_is_not_found(bank: Database, settings: Settings) -> None:
    expected = ("no customer has the id C9999999", {"code": "NOT_FOUND", "field": "customerId"}, 1)
    window = {"from": "2026-01-01", "to": "2026-01-31"}
    assert await refused(bank, settings, ACTIVITY, ADMIN, id="C9999999", period="DAY", **window) == expected
    assert await refused(bank, settings, TREND, ADMIN, id="C9999999") == expected


async def test_portfolio_activity_by_segment_as_an_analyst(bank: Database, settings: Settings) -> None:
    # 10 March is included to its end: Alice's event at noon counts.
    assert await answer(bank, settings, PORTFOLIO, ANALYST, groupBy="SEGMENT", **{"from": "2026-01-01", "to": "2026-03-10"}) == {
        "groupBy": "SEGMENT", "from": "2026-01-01", "to": "2026-03-10", "categories": VISIBLE_TO_ANALYSTS,
        "groups": [
            group("AFFLUENT", None, 1, 0, 0, 0.0),  # Dieter's only event is from 2024
            group("CORPORATE", None, 2, 1, 2, 1.0, activity("PRODUCT_PROCESSING", 1, 1), activity("RELATIONSHIP", 1, 1)),
            group("MASS", None, 1, 1, 2, 2.0, activity("LIFE", 1, 1), activity("SERVICING", 1, 1)),
            # Eva has no events but is one of the segment's three customers.
            group("PREMIER", None, 3, 2, 11, 3.67, activity("LIFE", 1, 1), activity("RELATIONSHIP", 1, 1),
                  activity("SALES", 2, 2), activity("SERVICING", 7, 2)),
        ],
    }


async def test_portfolio_activity_by_relationship_manager_with_unmanaged_customers_last(bank: Database, settings: Settings) -> None:
    activity_of_books = await answer(bank, settings, PORTFOLIO, ADMIN, groupBy="RELATIONSHIP_MANAGER",
                                     **{"from": "2026-01-01", "to": "2026-03-10"})
    assert activity_of_books["categories"] == ALL_CATEGORIES
    assert activity_of_books["groups"] == [
        group("R000001", "Rita Patel", 3, 2, 15, 5.0, activity("FRAUD", 4, 1), activity("LIFE", 1, 1),
              activity("RELATIONSHIP", 1, 1), activity("SALES", 2, 2), activity("SERVICING", 7, 2)),
        group("R000002", "Sam Okafor", 2, 1, 3, 1.5, activity("FRAUD", 1, 1), activity("PRODUCT_PROCESSING", 1, 1),
              activity("RELATIONSHIP", 1, 1)),
        # Chloe and Dieter have no relationship manager: one group with a null key.
        group(None, None, 2, 1, 2, 1.0, activity("LIFE", 1, 1), activity("SERVICING", 1, 1)),
    ]


async def test_portfolio_fraud_activity_of_one_day(bank: Database, settings: Settings) -> None:
    fraud = await answer(bank, settings, PORTFOLIO, ADMIN, groupBy="SEGMENT", **{"from": "2026-01-20", "to": "2026-01-20"},
                         categories=["FRAUD"])
    assert (fraud["categories"], fraud["groups"]) == (["FRAUD"], [
        group("AFFLUENT", None, 1, 0, 0, 0.0),
        group("CORPORATE", None, 2, 1, 1, 0.5, activity("FRAUD", 1, 1)),
        group("MASS", None, 1, 0, 0, 0.0),
        group("PREMIER", None, 3, 1, 2, 0.67, activity("FRAUD", 2, 1)),  # Alice's third came on the 21st
    ])


async def test_a_reversed_portfolio_window_is_invalid(bank: Database, settings: Settings) -> None:
    assert await refused(bank, settings, PORTFOLIO, ANALYST, groupBy="SEGMENT", **{"from": "2026-02-10", "to": "2026-02-09"}) == (
        "`to` (2026-02-09) is before `from` (2026-02-10)", {"code": "VALIDATION", "field": "to"}, 0)


CATEGORY_QUERIES = (
    (ACTIVITY, {"id": "C0000001", "period": "DAY", "from": "2026-01-01", "to": "2026-01-31"}),
    (TREND, {"id": "C0000001"}),
    (PORTFOLIO, {"groupBy": "SEGMENT", "from": "2026-01-01", "to": "2026-01-31"}),
)


@pytest.mark.parametrize(("query", "variables"), CATEGORY_QUERIES)
async def test_analysts_may_not_ask_for_fraud(bank: Database, settings: Settings, query: str, variables: dict[str, Any]) -> None:
    assert await refused(bank, settings, query, ANALYST, **variables, categories=["SALES", "FRAUD"]) == (
        "FRAUD events are counted only for relationship managers and admins", {"code": "FORBIDDEN", "field": "categories"}, 0)


@pytest.mark.parametrize(("query", "variables"), CATEGORY_QUERIES)
async def test_an_empty_category_list_is_invalid(bank: Database, settings: Settings, query: str, variables: dict[str, Any]) -> None:
    assert await refused(bank, settings, query, ADMIN, **variables, categories=[]) == (
        "categories must name at least one category; leave it out for all", {"code": "VALIDATION", "field": "categories"}, 0)


@pytest.mark.parametrize(("query", "variables"), CATEGORY_QUERIES)
async def test_the_front_end_may_not_read_event_analytics(
    bank: Database, settings: Settings, query: str, variables: dict[str, Any],
) -> None:
    _, extensions, round_trips = await refused(bank, settings, query, FRONTEND, **variables)
    assert (extensions, round_trips) == ({"code": "FORBIDDEN"}, 0)


@pytest.mark.parametrize("name", ["event_activity_of_customer", "event_trend_of_customer",
                                  "event_activity_by_segment", "event_activity_by_relationship_manager"])
async def test_events_are_read_through_the_customer_timeline_index(bank: Database, name: str) -> None:
    params = {"customerId": "C0000001", "period": "WEEK", "fromDate": datetime.date(2026, 1, 1),
              "toDate": datetime.date(2026, 3, 31), "at": datetime.datetime(2026, 3, 10, tzinfo=datetime.UTC), "days": 30,
              "categories": ALL_CATEGORIES}
    plan = await plan_afresh(bank, "EXPLAIN", load(f"customer_event_history/{name}"), **params)
    assert plan is not None
    event_reads = [(operator, details) for operator, details in _operators(plan) if "e:Event" in details]
    assert event_reads, "the plan reads no events"
    assert all(operator == "NodeIndexSeek" and "e:Event(customerId, occurredAt)" in details
               for operator, details in event_reads), event_reads
    assert "AllNodesScan" not in {operator for operator, _ in _operators(plan)}


def _operators(plan: dict[str, Any]) -> list[tuple[str, str]]:
    here = (plan["operatorType"].split("@")[0], str(plan.get("args", {}).get("Details", "")))
    return [here, *(op for child in plan.get("children", []) for op in _operators(child))]
