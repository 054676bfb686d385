"""Portfolio analytics over routing profiles: make-up per segment or RM book, weekly trend."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from gateway.security.auth import Role
from gateway.settings import Settings
from graph.database import Database
from tests.support import ANALYST, RM, bank_graph, execute

MAKE_UP = """
query ($groupBy: PortfolioGrouping!, $at: DateTime, $category: IndicatorCategory) {
  routingProfileMakeUp(groupBy: $groupBy, at: $at, category: $category) {
    groupBy asOf category
    groups { key name customers indicators { type category customers share } }
  }
}
"""
TREND = """
query ($from: Date!, $to: Date!, $types: [String!]) {
  routingIndicatorTrend(from: $from, to: $to, types: $types) {
    firstWeek lastWeek
    weeks { weekStart types { type category captured closed } }
  }
}
"""
MARCH_10 = "2026-03-10T12:00:00Z"


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "routing_profiles", "portfolio")


async def answer(bank: Database, settings: Settings, query: str, roles: frozenset[Role], **variables: Any) -> Any:
    result, _ = await execute(bank, settings, query, variables, roles)
    assert result.errors is None, result.errors
    return next(iter(result.data.values()))  # type: ignore[union-attr]


def share(type_: str, category: str, customers: int, fraction: float) -> dict[str, Any]:
    return {"type": type_, "category": category, "customers": customers, "share": fraction}


async def test_make_up_by_segment_as_an_analyst_leaves_out_confidential_types(bank: Database, settings: Settings) -> None:
    assert await answer(bank, settings, MAKE_UP, ANALYST, groupBy="SEGMENT", at=MARCH_10) == {
        "groupBy": "SEGMENT", "asOf": "2026-03-10T12:00:00+00:00", "category": None,
        "groups": [
            {"key": "AFFLUENT", "name": None, "customers": 1, "indicators": [share("DORMANT", "STATUS", 1, 1.0)]},
            {"key": "CORPORATE", "name": None, "customers": 2, "indicators": [
                share("IN_ARREARS", "STATUS", 1, 0.5), share("VALUE_TIER", "RATING", 1, 0.5)]},
            {"key": "MASS", "name": None, "customers": 1, "indicators": [share("VULNERABLE_CUSTOMER", "ALERT", 1, 1.0)]},
            # Eva has no profile but is one of the segment's three customers; Alice's fraud alert is not counted.
            {"key": "PREMIER", "name": None, "customers": 3, "indicators": [
                share("VALUE_TIER", "RATING", 2, 0.6667), share("IN_ARREARS", "STATUS", 1, 0.3333),
                share("VULNERABLE_CUSTOMER", "ALERT", 1, 0.3333)]},
        ],
    }


async def test_make_up_by_relationship_manager_with_unmanaged_customers_last(bank: Database, settings: Settings) -> None:
    make_up = await answer(bank, settings, MAKE_UP, RM, groupBy="RELATIONSHIP_MANAGER", at=MARCH_10)
    assert make_up["groups"] == [
        {"key": "R000001", "name": "Rita Patel", "customers": 3, "indicators": [
            share("VALUE_TIER", "RATING", 2, 0.6667), share("IN_ARREARS", "STATUS", 1, 0.3333),
            share("POSSIBLE_FRAUD", "ALERT", 1, 0.3333), share("VULNERABLE_CUSTOMER", "ALERT", 1, 0.3333)]},
        {"key": "R000002", "name": "Sam Okafor", "customers": 2, "indicators": [
            share("IN_ARREARS", "STATUS", 1, 0.5), share("VALUE_TIER", "RATING", 1, 0.5)]},
        # Chloe and Dieter have no relationship manager: one group with a null key.
        {"key": None, "name": None, "customers": 2, "indicators": [
            share("DORMANT", "STATUS", 1, 0.5), share("VULNERABLE_CUSTOMER", "ALERT", 1, 0.5)]},
    ]


async def test_make_up_of_one_category_at_an_earlier_instant(bank: Database, settings: Settings) -> None:
    # On 25 January Acme's possible fraud was active and Bob's complaint open; Chloe was not yet vulnerable.
    analyst = await answer(bank, settings, MAKE_UP, ANALYST, groupBy="RELATIONSHIP_MANAGER", at="2026-01-25T00:00:00Z",
                        category="ALERT")
    rm = await answer(bank, settings, MAKE_UP, RM, groupBy="RELATIONSHIP_MANAGER", at="2026-01-25T00:00:00Z", category="ALERT")
    assert analyst["category"] == "ALERT"
    assert [(g["key"], g["customers"], g["indicators"]) for g in analyst["groups"]] == [
        ("R000001", 3, [share("COMPLAINT_OPEN", "ALERT", 1, 0.3333)]),
        ("R000002", 2, []),
        (None, 2, []),
    ]
    assert [(g["key"], g["indicators"]) for g in rm["groups"]] == [
        ("R000001", [share("COMPLAINT_OPEN", "ALERT", 1, 0.3333)]),
        ("R000002", [share("POSSIBLE_FRAUD", "ALERT", 1, 0.5)]),
        (None, []),
    ]


def activity(type_: str, category: str, captured: int, closed: int) -> dict[str, Any]:
    return {"type": type_, "category": category, "captured": captured, "closed": closed}


async def test_weekly_trend_over_whole_weeks_with_quiet_weeks_included(bank: Database, settings: Settings) -> None:
    # from is a Wednesday and to a Tuesday: the window widens to the Monday 5 January .. Sunday 15 February.
    assert await answer(bank, settings, TREND, ANALYST, **{"from": "2026-01-07", "to": "2026-02-10"}) == {
        "firstWeek": "2026-01-05", "lastWeek": "2026-02-09",
        "weeks": [
            {"weekStart": "2026-01-05", "types": [activity("IN_ARREARS", "STATUS", 1, 0)]},
            {"weekStart": "2026-01-12", "types": [activity("COMPLAINT_OPEN", "ALERT", 1, 0)]},
            {"weekStart": "2026-01-19", "types": []},  # only Acme's possible fraud, which analysts do not count
            {"weekStart": "2026-01-26", "types": [activity("VULNERABLE_CUSTOMER", "ALERT", 1, 0)]},
            {"weekStart": "2026-02-02", "types": [activity("COMPLAINT_OPEN", "ALERT", 0, 1)]},
            # Alice's 30_DPD closed as her 60_DPD began; Acme's arrears came on Wednesday 11th, after `to`.
            {"weekStart": "2026-02-09", "types": [
                activity("IN_ARREARS", "STATUS", 2, 1), activity("VULNERABLE_CUSTOMER", "ALERT", 1, 0)]},
        ],
    }


async def test_a_relationship_manager_sees_confidential_types_in_the_trend(bank: Database, settings: Settings) -> None:
    trend = await answer(bank, settings, TREND, RM, **{"from": "2026-01-19", "to": "2026-01-26"})
    assert trend["weeks"] == [
        {"weekStart": "2026-01-19", "types": [activity("POSSIBLE_FRAUD", "ALERT", 1, 0)]},
        {"weekStart": "2026-01-26", "types": [
            activity("POSSIBLE_FRAUD", "ALERT", 0, 1), activity("VULNERABLE_CUSTOMER", "ALERT", 1, 0)]},
    ]


async def test_trend_of_some_types_and_of_a_quiet_window(bank: Database, settings: Settings) -> None:
    some = await answer(bank, settings, TREND, ANALYST, **{"from": "2026-02-23", "to": "2026-03-08"},
                     types=["VALUE_TIER", "POSSIBLE_FRAUD"])
    # Alice's GOLD closed and PLATINUM began on Sunday 1 March; her fraud alert of 5 March is confidential.
    assert some["weeks"] == [
        {"weekStart": "2026-02-23", "types": [activity("VALUE_TIER", "RATING", 1, 1)]},
        {"weekStart": "2026-03-02", "types": []},
    ]
    quiet = await answer(bank, settings, TREND, ANALYST, **{"from": "2025-12-01", "to": "2025-12-14"})
    assert quiet == {"firstWeek": "2025-12-01", "lastWeek": "2025-12-08",
                     "weeks": [{"weekStart": "2025-12-01", "types": []}, {"weekStart": "2025-12-08", "types": []}]}


async def test_an_end_still_ahead_is_not_counted_as_closed(bank: Database, settings: Settings) -> None:
    today = datetime.datetime.now(datetime.UTC).date()
    monday = today - datetime.timedelta(days=today.weekday())
    captured = datetime.datetime.combine(monday - datetime.timedelta(days=6), datetime.time(9), datetime.UTC)
    scheduled_end = datetime.datetime.combine(monday + datetime.timedelta(days=8), datetime.time(9), datetime.UTC)
    await bank.write("MATCH (ps:PartyState {partyStateId: 'PS-C0000003'}), (t:IndicatorType {code: 'COMPLAINT_OPEN'}) "
                     "CREATE (ps)-[:HAS_INDICATOR]->(:Indicator:Alert {indicatorId: 'IN-C2', type: 'COMPLAINT_OPEN', "
                     "value: 'SERVICE', validFrom: $captured, validTo: $end, capturedAt: $captured, source: 'CRM'})-[:OF_TYPE]->(t)",
                     captured=captured, end=scheduled_end)
    trend = await answer(bank, settings, TREND, ANALYST, **{"from": str(monday - datetime.timedelta(days=7)),
                                                          "to": str(monday + datetime.timedelta(days=13))})
    assert trend["weeks"] == [
        {"weekStart": str(monday - datetime.timedelta(days=7)), "types": [activity("COMPLAINT_OPEN", "ALERT", 1, 0)]},
        {"weekStart": str(monday), "types": []},
        {"weekStart": str(monday + datetime.timedelta(days=7)), "types": []},
    ]


@pytest.mark.parametrize(("first", "last", "message"), [
    ("2026-02-10", "2026-02-09", "`to` (2026-02-09) is before `from` (2026-02-10)"),
    ("2023-01-02", "2025-12-29", "the window spans 157 ISO weeks; at most 156 are allowed"),
])
async def test_a_reversed_or_too_long_window_is_invalid(bank: Database, settings: Settings, first: str, last: str, message: str) -> None:
    result, context = await execute(bank, settings, TREND, {"from": first, "to": last}, ANALYST)
    assert result.data is None
    assert [(e.message, e.extensions) for e in result.errors or []] == [(message, {"code": "VALIDATION", "field": "to"})]
    assert context.db.round_trips == 0


async def test_three_years_of_weeks_is_the_longest_window(bank: Database, settings: Settings) -> None:
    trend = await answer(bank, settings, TREND, ANALYST, **{"from": "2023-01-08", "to": "2025-12-22"})  # a Sunday .. a Monday
    assert (trend["firstWeek"], trend["lastWeek"], len(trend["weeks"])) == ("2023-01-02", "2025-12-22", 156)


async def test_the_front_end_may_not_read_analytics(bank: Database, settings: Settings) -> None:
    for query, variables in ((MAKE_UP, {"groupBy": "SEGMENT"}), (TREND, {"from": "2026-01-01", "to": "2026-01-31"})):
        result, _ = await execute(bank, settings, query, variables, frozenset({Role.FRONTEND}))
        assert result.data is None
        assert [e.extensions for e in result.errors or []] == [{"code": "FORBIDDEN"}]


async def test_each_answer_is_one_round_trip(bank: Database, settings: Settings) -> None:
    for query, variables in ((MAKE_UP, {"groupBy": "RELATIONSHIP_MANAGER"}), (TREND, {"from": "2026-01-01", "to": "2026-03-31"})):
        result, context = await execute(bank, settings, query, variables, ANALYST)
        assert result.errors is None
        assert context.db.round_trips == 1
