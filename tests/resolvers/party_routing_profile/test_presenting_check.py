"""The presenting-customer check: identity, active status and steering, in one round trip."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.security.auth import Role
from gateway.settings import Settings
from graph.database import Database
from graph.queries import load
from tests.support import ADMIN, FRONTEND, bank_graph, execute, plan_afresh

CHECK = """
query ($id: ID!, $at: DateTime) {
  presentingCustomerCheck(customerId: $id, at: $at) {
    customerId asOf exists active customerStatus segment salesBlocked priorityBoost
    requiredSkills { code name minProficiency } routesTo { poolId name }
    blockingIndicators { indicatorId type narrative }
    steeringIndicators { indicatorId type narrative }
    withheldIndicators
  }
}
"""
MARCH_10 = "2026-03-10T12:00:00Z"


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "routing_profiles", "portfolio")


async def check(bank: Database, settings: Settings, roles: frozenset[Role], customer_id: str, at: str | None = MARCH_10) -> Any:
    result, _ = await execute(bank, settings, CHECK, {"id": customer_id, "at": at}, roles)
    assert result.errors is None, result.errors
    return result.data["presentingCustomerCheck"]  # type: ignore[index]


async def test_a_relationship_manager_sees_every_active_indicator_that_steers(bank: Database, settings: Settings) -> None:
    assert await check(bank, settings, ADMIN, "C0000001") == {
        "customerId": "C0000001", "asOf": "2026-03-10T12:00:00+00:00", "exists": True, "active": True,
        "customerStatus": "ACTIVE", "segment": "PREMIER", "salesBlocked": True,
        "priorityBoost": 5,  # IN_ARREARS 1 + VALUE_TIER 0 + POSSIBLE_FRAUD 3 + VULNERABLE_CUSTOMER 1
        # VULNERABLE_CUSTOMER_CARE is asked at 1 (arrears), 3 (vulnerable) and 4 (fraud): the highest wins.
        "requiredSkills": [
            {"code": "COLLECTIONS", "name": "Collections", "minProficiency": 2},
            {"code": "FRAUD_INVESTIGATION", "name": "Fraud investigation", "minProficiency": 3},
            {"code": "VULNERABLE_CUSTOMER_CARE", "name": "Vulnerable customer care", "minProficiency": 4},
        ],
        "routesTo": [
            {"poolId": "POOL-COLLECTIONS", "name": "Collections"},
            {"poolId": "POOL-FRAUD", "name": "Fraud desk"},
            {"poolId": "POOL-VULNERABLE-CARE", "name": "Vulnerable customer care"},
        ],
        "blockingIndicators": [
            {"indicatorId": "IN-2", "type": "IN_ARREARS", "narrative": "February payment missed too"},
            {"indicatorId": "IN-5", "type": "POSSIBLE_FRAUD", "narrative": "Login from a new device abroad"},
        ],
        # The VALUE_TIER rating is active but steers nothing.
        "steeringIndicators": [
            {"indicatorId": "IN-2", "type": "IN_ARREARS", "narrative": "February payment missed too"},
            {"indicatorId": "IN-5", "type": "POSSIBLE_FRAUD", "narrative": "Login from a new device abroad"},
            {"indicatorId": "IN-6", "type": "VULNERABLE_CUSTOMER", "narrative": "Partner passed away in January"},
        ],
        "withheldIndicators": 0,
    }


async def test_the_front_end_is_steered_by_a_fraud_alert_it_may_not_see(bank: Database, settings: Settings) -> None:
    assert await check(bank, settings, FRONTEND, "C0000001") == {
        "customerId": "C0000001", "asOf": "2026-03-10T12:00:00+00:00", "exists": True, "active": True,
        "customerStatus": "ACTIVE", "segment": "PREMIER", "salesBlocked": True,
        "priorityBoost": 5,  # the withheld fraud alert's 3 included
        # Neither the fraud skill, nor its level 4 of vulnerable customer care, nor its pool leaks.
        "requiredSkills": [
            {"code": "COLLECTIONS", "name": "Collections", "minProficiency": 2},
            {"code": "VULNERABLE_CUSTOMER_CARE", "name": "Vulnerable customer care", "minProficiency": 3},
        ],
        "routesTo": [
            {"poolId": "POOL-COLLECTIONS", "name": "Collections"},
            {"poolId": "POOL-VULNERABLE-CARE", "name": "Vulnerable customer care"},
        ],
        "blockingIndicators": [{"indicatorId": "IN-2", "type": "IN_ARREARS", "narrative": "February payment missed too"}],
        "steeringIndicators": [
            {"indicatorId": "IN-2", "type": "IN_ARREARS", "narrative": "February payment missed too"},
            {"indicatorId": "IN-6", "type": "VULNERABLE_CUSTOMER", "narrative": None},  # alert narratives withheld
        ],
        "withheldIndicators": 1,
    }


async def test_sales_are_blocked_when_the_only_blocking_indicator_is_withheld(bank: Database, settings: Settings) -> None:
    # Acme's possible fraud was active from 20 to 28 January; its arrears began on 11 February.
    during, after = [await check(bank, settings, FRONTEND, "C0000004", at) for at in ("2026-01-25T00:00:00Z", "2026-01-29T00:00:00Z")]
    steering = {"salesBlocked", "priorityBoost", "requiredSkills", "routesTo", "blockingIndicators", "steeringIndicators",
                "withheldIndicators"}
    assert {k: v for k, v in during.items() if k in steering} == {
        "salesBlocked": True, "priorityBoost": 3, "requiredSkills": [], "routesTo": [], "blockingIndicators": [],
        "steeringIndicators": [], "withheldIndicators": 1,
    }
    assert {k: v for k, v in after.items() if k in steering} == {
        "salesBlocked": False, "priorityBoost": 0, "requiredSkills": [], "routesTo": [], "blockingIndicators": [],
        "steeringIndicators": [], "withheldIndicators": 0,
    }


async def test_an_unknown_customer_does_not_exist_rather_than_an_error(bank: Database, settings: Settings) -> None:
    assert await check(bank, settings, FRONTEND, "C9999999") == {
        "customerId": "C9999999", "asOf": "2026-03-10T12:00:00+00:00", "exists": False, "active": False,
        "customerStatus": None, "segment": None, "salesBlocked": False, "priorityBoost": 0, "requiredSkills": [],
        "routesTo": [], "blockingIndicators": [], "steeringIndicators": [], "withheldIndicators": 0,
    }


async def test_a_dormant_customer_exists_but_is_not_active(bank: Database, settings: Settings) -> None:
    dieter = await check(bank, settings, FRONTEND, "C0000005")
    assert (dieter["exists"], dieter["active"], dieter["customerStatus"], dieter["segment"]) == (True, False, "DORMANT", "AFFLUENT")
    assert (dieter["salesBlocked"], dieter["priorityBoost"], dieter["steeringIndicators"]) == (False, 0, [])


async def test_a_customer_without_a_profile_is_not_steered(bank: Database, settings: Settings) -> None:
    eva = await check(bank, settings, ADMIN, "C0000007", at=None)  # at defaults to now
    assert (eva["exists"], eva["active"], eva["salesBlocked"], eva["priorityBoost"], eva["requiredSkills"]) == (True, True, False, 0, [])


async def test_at_defaults_to_now(bank: Database, settings: Settings) -> None:
    # Now (after March 2026) Alice's current indicators are the same as on 10 March.
    now = await check(bank, settings, ADMIN, "C0000001", at=None)
    march = await check(bank, settings, ADMIN, "C0000001")
    assert now["asOf"] > "2026-03-10"
    assert {**now, "asOf": None} == {**march, "asOf": None}


async def test_the_check_costs_one_round_trip(bank: Database, settings: Settings) -> None:
    result, context = await execute(bank, settings, CHECK, {"id": "C0000001", "at": MARCH_10}, FRONTEND)
    assert result.errors is None
    assert context.db.round_trips == 1


async def test_the_customer_is_found_through_the_customer_id_constraint(bank: Database, settings: Settings) -> None:
    plan = await plan_afresh(bank, "EXPLAIN", load("party_routing_profile/presenting_customer_check"),
                             customerId="C0000001", at=None, seesConfidential=False)
    assert plan is not None
    operators = set(_operators(plan))
    assert "NodeUniqueIndexSeek" in operators
    assert not operators & {"AllNodesScan", "NodeByLabelScan", "NodeIndexScan"}


def _operators(plan: dict[str, Any]) -> list[str]:
    return [plan["operatorType"].split("@")[0], *(op for child in plan.get("children", []) for op in _operators(child))]


async def test_analysts_may_not_run_the_check(bank: Database, settings: Settings) -> None:
    result, context = await execute(bank, settings, CHECK, {"id": "C0000001"}, frozenset({Role.ANALYST}))
    assert result.data is None
    assert [e.extensions for e in result.errors or []] == [{"code": "FORBIDDEN"}]
    assert context.db.round_trips == 0
