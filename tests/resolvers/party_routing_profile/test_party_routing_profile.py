"""The routing profile on the customer: active indicators as of an instant, history, visibility."""

from __future__ import annotations

import dataclasses

import pytest

from gateway.security.auth import Role
from gateway.settings import Settings
from graph.database import Database
from graph.seed import seed_bank
from tests.support import ADMIN, bank_graph, execute, fails, run

PROFILE = """
query ($id: ID!, $at: DateTime, $types: [String!]) {
  customer(customerId: $id) { routingProfile(at: $at) {
    partyStateId asOf
    activeIndicators { category type value narrative }
    history(types: $types) { indicatorId value validFrom validTo source capturedBy }
  } }
}
"""
RM = frozenset({Role.RELATIONSHIP_MANAGER})
FRONTEND = frozenset({Role.FRONTEND})


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "routing_profiles")


async def profile(bank: Database, settings: Settings, roles: frozenset[Role], **variables: object) -> object:
    result, _ = await execute(bank, settings, PROFILE, {"id": "C0000001", **variables}, roles)
    assert result.errors is None, result.errors
    return result.data["customer"]["routingProfile"]  # type: ignore[index]


async def test_a_relationship_manager_sees_every_active_indicator_with_narratives(bank: Database, settings: Settings) -> None:
    state = await profile(bank, settings, ADMIN, at="2026-03-10T12:00:00Z", types=["IN_ARREARS"])
    assert state == {
        "partyStateId": "PS-C0000001", "asOf": "2026-03-10T12:00:00+00:00",
        "activeIndicators": [
            {"category": "STATUS", "type": "IN_ARREARS", "value": "60_DPD", "narrative": "February payment missed too"},
            {"category": "RATING", "type": "VALUE_TIER", "value": "PLATINUM", "narrative": None},
            {"category": "ALERT", "type": "POSSIBLE_FRAUD", "value": "ACCOUNT_TAKEOVER", "narrative": "Login from a new device abroad"},
            {"category": "ALERT", "type": "VULNERABLE_CUSTOMER", "value": "BEREAVEMENT", "narrative": "Partner passed away in January"},
        ],
        # A new value closed the old one's window exactly where it began: no gap, no overlap.
        "history": [
            {"indicatorId": "IN-2", "value": "60_DPD", "validFrom": "2026-02-10T00:00:00+00:00", "validTo": None,
             "source": "CORE_BANKING", "capturedBy": "batch"},
            {"indicatorId": "IN-1", "value": "30_DPD", "validFrom": "2026-01-10T00:00:00+00:00",
             "validTo": "2026-02-10T00:00:00+00:00", "source": "CORE_BANKING", "capturedBy": "batch"},
        ],
    }


async def test_the_front_end_sees_neither_confidential_alerts_nor_alert_narratives(bank: Database, settings: Settings) -> None:
    query = "query { customer(customerId: \"C0000001\") { routingProfile(at: \"2026-03-10T12:00:00Z\") { " \
            "activeIndicators { category type value narrative } } } }"
    state = (await run(bank, settings, query, FRONTEND))["customer"]["routingProfile"]
    assert state["activeIndicators"] == [
        {"category": "STATUS", "type": "IN_ARREARS", "value": "60_DPD", "narrative": "February payment missed too"},
        {"category": "RATING", "type": "VALUE_TIER", "value": "PLATINUM", "narrative": None},
        {"category": "ALERT", "type": "VULNERABLE_CUSTOMER", "value": "BEREAVEMENT", "narrative": None},
    ]


async def test_the_front_end_reads_the_active_profile_not_its_history(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, PROFILE, FRONTEND, id="C0000001")
    assert (error["code"], error["message"]) == ("FORBIDDEN", "PartyState.history needs one of the roles: admin, relationship_manager")
    error = await fails(bank, settings, "query { routingStatus(indicatorId: \"IN-1\") { value } }", FRONTEND)
    assert error["code"] == "FORBIDDEN"
    current = await run(bank, settings, "query { routingStatus(indicatorId: \"IN-2\") { value } }", FRONTEND)
    assert current == {"routingStatus": {"value": "60_DPD"}}


async def test_the_profile_as_of_an_earlier_instant(bank: Database, settings: Settings) -> None:
    state = await profile(bank, settings, ADMIN, at="2026-01-20T00:00:00")  # no zone: UTC
    assert [(i["type"], i["value"]) for i in state["activeIndicators"]] == [  # type: ignore[index]
        ("IN_ARREARS", "30_DPD"), ("VALUE_TIER", "GOLD")]
    assert len(state["history"]) == 6  # type: ignore[index, arg-type]


async def test_a_window_ends_exactly_at_validto(bank: Database, settings: Settings) -> None:
    state = await profile(bank, settings, ADMIN, at="2026-02-10T00:00:00Z")
    assert [(i["type"], i["value"]) for i in state["activeIndicators"]][:1] == [("IN_ARREARS", "60_DPD")]  # type: ignore[index]


async def test_empty_and_missing_profiles(bank: Database, settings: Settings) -> None:
    query = "{ bob: customer(customerId: \"C0000002\") { routingProfile { activeIndicators { type } } } " \
            "chloe: customer(customerId: \"C0000003\") { routingProfile { partyStateId } } }"
    result, _ = await execute(bank, settings, query, roles=ADMIN)
    assert result.data == {"bob": {"routingProfile": {"activeIndicators": []}}, "chloe": {"routingProfile": None}}


async def test_analysts_may_not_read_a_customers_profile(bank: Database, settings: Settings) -> None:
    result, _ = await execute(bank, settings, PROFILE, {"id": "C0000001"}, frozenset({Role.ANALYST}))
    assert result.data == {"customer": {"routingProfile": None}}
    assert [e.extensions for e in result.errors or []] == [{"code": "FORBIDDEN"}]


async def test_profiles_of_a_whole_page_cost_one_round_trip(bank: Database, settings: Settings) -> None:
    query = "{ customers(first: 6) { edges { node { routingProfile { activeIndicators { type } } } } } }"
    # Through the resolvers: the page, then every profile of it in one statement.
    result, context = await execute(bank, dataclasses.replace(settings, compiled_reads=False), query, roles=ADMIN)
    assert result.errors is None
    assert context.db.round_trips == 2
    compiled, compiled_context = await execute(bank, settings, query, roles=ADMIN)  # resolvers/compiled/
    assert compiled.data == result.data and compiled_context.db.round_trips == 1


VOCABULARY = """
query ($category: IndicatorCategory) {
  indicatorTypes(category: $category) {
    code category blocksSales priorityBoost confidential
    requiredSkills { code minProficiency } routesTo { poolId }
  }
}
"""


async def test_every_role_reads_the_seeded_vocabulary_with_its_routing_policy(clean_graph: Database, settings: Settings) -> None:
    await seed_bank(clean_graph, customers=20, seed=7, progress=False)
    for role in Role:
        result, _ = await execute(clean_graph, settings, VOCABULARY, {"category": "ALERT"}, frozenset({role}))
        assert result.errors is None
        assert result.data == {"indicatorTypes": [
            {"code": "COMPLAINT_OPEN", "category": "ALERT", "blocksSales": False, "priorityBoost": 1, "confidential": False,
             "requiredSkills": [{"code": "COMPLAINTS_HANDLING", "minProficiency": 2}], "routesTo": None},
            {"code": "POSSIBLE_FRAUD", "category": "ALERT", "blocksSales": True, "priorityBoost": 3, "confidential": True,
             "requiredSkills": [{"code": "FRAUD_INVESTIGATION", "minProficiency": 3}], "routesTo": {"poolId": "POOL-FRAUD"}},
            {"code": "VULNERABLE_CUSTOMER", "category": "ALERT", "blocksSales": False, "priorityBoost": 1, "confidential": False,
             "requiredSkills": [{"code": "VULNERABLE_CUSTOMER_CARE", "minProficiency": 2}],
             "routesTo": {"poolId": "POOL-VULNERABLE-CARE"}},
        ]}, role
    everything, _ = await execute(clean_graph, settings, VOCABULARY)
    codes = {(t["category"], t["code"]) for t in everything.data["indicatorTypes"]}  # type: ignore[index]
    assert {("STATUS", c) for c in ("IN_ARREARS", "ACCOUNT_IN_DISTRESS", "SALES_PROSPECT", "DORMANT", "KYC_EXPIRED")} <= codes
    assert {("RATING", c) for c in ("CREDIT_RATING", "VALUE_TIER", "PROFITABILITY")} <= codes
