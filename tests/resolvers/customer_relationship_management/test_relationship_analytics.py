"""Relationship analytics (plan coverage, goal attainment, an RM book's make-up and performance),
asserted exactly against the shared bank (tests/data/relationship_plans.cypher) with
tests/data/book_extras.cypher and tests/data/book_analytics.cypher (Bob's rejected plan, whose
achieved goal must count nowhere).

Rita (R000301) manages Alice (ACTIVE plan, review overdue), Bob (no open plan) and Acme (SUSPENDED);
Sam (R000302) manages Dieter (CLOSED plan) and Acme Holdings (ACTIVE); Rita is BACKUP_FOR Sam and
Tom (R000303) BACKUP_FOR Rita. Goals: Alice's CROSS_SELL ON_TRACK and RETAIN AT_RISK, Acme's
GROW_WALLET_SHARE NOT_STARTED, Acme Holdings' RISK_REDUCTION ACHIEVED and GROW_WALLET_SHARE MISSED.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest

from gateway.security.auth import Principal
from gateway.settings import Settings
from graph.database import Database
from graph.queries import load
from resolvers.customer_relationship_management.vocabulary import GoalResult
from tests.support import ADMIN, ANALYST, FRONTEND, RM, bank_graph, execute, fails, plan_afresh, run

RITA = Principal("R000301", RM)
SAM = Principal("R000302", RM)
TOM = Principal("R000303", RM)

COVERAGE = """query ($groupBy: PlanCoverageGrouping) {
  relationshipPlanCoverage(groupBy: $groupBy) {
    key label managedCustomers withActivePlan coverage withOpenPlan overdueReviews
  }
}"""
ATTAINMENT = """query ($groupBy: GoalAttainmentGrouping) {
  relationshipGoalAttainment(groupBy: $groupBy) {
    key label goals notStarted onTrack atRisk achieved missed attainmentRate
  }
}"""
PERFORMANCE = """query ($resourceId: ID, $days: Int) {
  relationshipManagerPerformance(resourceId: $resourceId, days: $days) {
    resource { resourceId name } days
    makeUp { customers covered bySegment { key count } byKind { key count } byValueTier { key count }
             averageProductsHeld plansByStatus { key count } }
    performance { leadsWon leadsLost conversionRate contactsHeld incidentsOpened incidentsResolved
                  averageResolutionDays goalAttainmentRate eventActivity { recent earlier changePercent } }
  }
}"""


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "relationship_plans", "book_extras", "book_analytics")


def coverage(key: str, label: str, managed: int, active: int, share: float, open_: int, overdue: int) -> dict[str, Any]:
    return {"key": key, "label": label, "managedCustomers": managed, "withActivePlan": active, "coverage": share,
            "withOpenPlan": open_, "overdueReviews": overdue}


RITA_COVERAGE = coverage("R000301", "Rita Hale", 3, 1, 0.3333, 2, 1)
SAM_COVERAGE = coverage("R000302", "Sam Ortiz", 2, 1, 0.5, 1, 0)


async def test_plan_coverage_per_relationship_manager_and_segment(bank: Database, settings: Settings) -> None:
    for roles in (ADMIN, ANALYST):
        data = await run(bank, settings, COVERAGE, roles)
        assert data["relationshipPlanCoverage"] == [RITA_COVERAGE, SAM_COVERAGE]
    data = await run(bank, settings, COVERAGE, ANALYST, groupBy="SEGMENT")
    assert data["relationshipPlanCoverage"] == [  # Chloe has no RM: not a managed customer
        coverage("AFFLUENT", "AFFLUENT", 1, 0, 0.0, 0, 0), coverage("CORPORATE", "CORPORATE", 2, 1, 0.5, 2, 0),
        coverage("PREMIER", "PREMIER", 2, 1, 0.5, 1, 1)]


async def test_a_relationship_manager_sees_the_coverage_of_its_own_book(bank: Database, settings: Settings) -> None:
    assert (await run(bank, settings, COVERAGE, RITA))["relationshipPlanCoverage"] == [RITA_COVERAGE, SAM_COVERAGE]
    assert (await run(bank, settings, COVERAGE, SAM))["relationshipPlanCoverage"] == [SAM_COVERAGE]
    assert (await run(bank, settings, COVERAGE, TOM))["relationshipPlanCoverage"] == [RITA_COVERAGE]


def goals(key: str, label: str, total: int, counts: dict[str, int], rate: float | None) -> dict[str, Any]:
    return {"key": key, "label": label, "goals": total, "notStarted": counts.get("notStarted", 0),
            "onTrack": counts.get("onTrack", 0), "atRisk": counts.get("atRisk", 0),
            "achieved": counts.get("achieved", 0), "missed": counts.get("missed", 0), "attainmentRate": rate}


async def test_goal_attainment_leaves_rejected_plans_out(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, ATTAINMENT, ANALYST)
    assert data["relationshipGoalAttainment"] == [
        goals("CROSS_SELL", "CROSS_SELL", 1, {"onTrack": 1}, None),
        goals("GROW_WALLET_SHARE", "GROW_WALLET_SHARE", 2, {"notStarted": 1, "missed": 1}, 0.0),
        goals("RETAIN", "RETAIN", 1, {"atRisk": 1}, None),
        goals("RISK_REDUCTION", "RISK_REDUCTION", 1, {"achieved": 1}, 1.0)]
    data = await run(bank, settings, ATTAINMENT, ADMIN, groupBy="RELATIONSHIP_MANAGER")
    assert data["relationshipGoalAttainment"] == [
        goals("R000301", "Rita Hale", 3, {"notStarted": 1, "onTrack": 1, "atRisk": 1}, None),
        goals("R000302", "Sam Ortiz", 2, {"achieved": 1, "missed": 1}, 0.5)]
    data = await run(bank, settings, ATTAINMENT, ADMIN, groupBy="PLAN_TYPE")
    assert data["relationshipGoalAttainment"] == [
        goals("FINANCIAL", "FINANCIAL", 2, {"achieved": 1, "missed": 1}, 0.5),
        goals("MANAGEMENT", "MANAGEMENT", 2, {"onTrack": 1, "atRisk": 1}, None),
        goals("STRATEGY", "STRATEGY", 1, {"notStarted": 1}, None)]


async def test_a_relationship_manager_sees_the_goals_of_its_own_book(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, ATTAINMENT, SAM)
    assert data["relationshipGoalAttainment"] == [
        goals("GROW_WALLET_SHARE", "GROW_WALLET_SHARE", 1, {"missed": 1}, 0.0),
        goals("RISK_REDUCTION", "RISK_REDUCTION", 1, {"achieved": 1}, 1.0)]


def test_the_goal_results_the_statement_counts_are_the_vocabulary() -> None:
    text = load("customer_relationship_management/analytics_goal_attainment")
    assert set(re.findall(r"g\.result = '(\w+)'", text)) == {result.value for result in GoalResult}


RITA_MAKE_UP = {
    "customers": 3, "covered": 2,
    "bySegment": [{"key": "CORPORATE", "count": 1}, {"key": "PREMIER", "count": 2}],
    "byKind": [{"key": "ORGANIZATION", "count": 1}, {"key": "PERSON", "count": 2}],
    "byValueTier": [{"key": "GOLD", "count": 1}, {"key": None, "count": 2}],
    "averageProductsHeld": 1.33,
    "plansByStatus": [{"key": "ACTIVE", "count": 1}, {"key": "REJECTED", "count": 1},
                      {"key": "SUSPENDED", "count": 1}],
}


async def test_ritas_book_make_up_and_performance(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, PERFORMANCE, RITA)
    assert data["relationshipManagerPerformance"] == {
        "resource": {"resourceId": "R000301", "name": "Rita Hale"}, "days": 90, "makeUp": RITA_MAKE_UP,
        "performance": {
            "leadsWon": 1, "leadsLost": 1, "conversionRate": 0.5, "contactsHeld": 1, "incidentsOpened": 2,
            "incidentsResolved": 1, "averageResolutionDays": 10.0, "goalAttainmentRate": None,
            "eventActivity": {"recent": 5, "earlier": 10, "changePercent": -50.0}}}


async def test_a_shorter_window(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, PERFORMANCE, ADMIN, resourceId="R000301", days=14)
    assert data["relationshipManagerPerformance"]["performance"] == {
        "leadsWon": 0, "leadsLost": 0, "conversionRate": None, "contactsHeld": 0, "incidentsOpened": 0,
        "incidentsResolved": 1, "averageResolutionDays": 10.0, "goalAttainmentRate": None,
        "eventActivity": {"recent": 0, "earlier": 1, "changePercent": -100.0}}


async def test_sams_book_read_by_an_analyst(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, PERFORMANCE, ANALYST, resourceId="R000302")
    assert data["relationshipManagerPerformance"] == {
        "resource": {"resourceId": "R000302", "name": "Sam Ortiz"}, "days": 90,
        "makeUp": {"customers": 2, "covered": 0,
                   "bySegment": [{"key": "AFFLUENT", "count": 1}, {"key": "CORPORATE", "count": 1}],
                   "byKind": [{"key": "ORGANIZATION", "count": 1}, {"key": "PERSON", "count": 1}],
                   "byValueTier": [{"key": "PLATINUM", "count": 1}, {"key": None, "count": 1}],
                   "averageProductsHeld": 0.0,
                   "plansByStatus": [{"key": "ACTIVE", "count": 1}, {"key": "CLOSED", "count": 1}]},
        "performance": {
            "leadsWon": 0, "leadsLost": 0, "conversionRate": None, "contactsHeld": 0, "incidentsOpened": 1,
            "incidentsResolved": 0, "averageResolutionDays": None, "goalAttainmentRate": 0.5,
            "eventActivity": {"recent": 0, "earlier": 0, "changePercent": None}}}


async def test_who_may_read_the_analytics(bank: Database, settings: Settings) -> None:
    for query in (COVERAGE, ATTAINMENT, PERFORMANCE):
        assert (await fails(bank, settings, query, FRONTEND))["code"] == "FORBIDDEN"
    error = await fails(bank, settings, PERFORMANCE, SAM, resourceId="R000301")
    assert (error["code"], error["field"]) == ("FORBIDDEN", "resourceId")
    error = await fails(bank, settings, PERFORMANCE, ADMIN, resourceId="R999999")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "resourceId")
    for days in (0, 366):
        error = await fails(bank, settings, PERFORMANCE, RITA, days=days)
        assert (error["code"], error["field"]) == ("VALIDATION", "days")


async def test_each_answer_costs_one_round_trip(bank: Database, settings: Settings) -> None:
    for query in (COVERAGE, ATTAINMENT, PERFORMANCE):
        result, context = await execute(bank, settings, query, {}, RITA)
        assert result.errors is None
        assert context.db.round_trips == 1


async def test_the_book_activity_seeks_each_customers_timeline(bank: Database, settings: Settings) -> None:
    at = datetime.datetime.now(datetime.UTC)
    plan = await plan_afresh(bank, "EXPLAIN", load("customer_relationship_management/"
                                                   "analytics_relationship_manager_performance"), performance={
        "resourceId": "R000301", "now": at, "since": at - datetime.timedelta(days=90),
        "earlierFrom": at - datetime.timedelta(days=180), "categories": ["SALES", "LIFE"],
        "excludedPlanStatuses": ["REJECTED"], "won": "WON", "lost": "LOST", "held": "HELD"})
    event_reads = [(operator, details) for operator, details in _operators(plan) if "e:Event" in details]
    assert event_reads, "the plan reads no events"
    assert all(operator == "NodeIndexSeek" and "e:Event(customerId, occurredAt)" in details
               for operator, details in event_reads), event_reads
    assert "AllNodesScan" not in {operator for operator, _ in _operators(plan)}


def _operators(plan: dict[str, Any]) -> list[tuple[str, str]]:
    here = (plan["operatorType"].split("@")[0], str(plan.get("args", {}).get("Details", "")))
    return [here, *(op for child in plan.get("children", []) for op in _operators(child))]
