"""The PartyState control record: Initiate, Update, Execute (refresh), Request (review), Retrieve."""

from __future__ import annotations

from typing import Any

import pytest

from gateway.settings import Settings
from graph.database import Database
from tests.support import ADMIN, ANALYST, FRONTEND, bank_graph, fails, run

STATE = "partyStateId customerId version nextReviewDue note reviewRequests { reason status requestedBy outcome completedBy }"
RETRIEVE = f"query ($id: ID!) {{ partyRoutingProfile(partyStateId: $id) {{ {STATE} }} }}"
INITIATE = f"""
mutation ($input: InitiatePartyRoutingProfileInput!) {{ initiatePartyRoutingProfile(input: $input) {{ {STATE} }} }}"""
UPDATE = f"""
mutation ($id: ID!, $changes: UpdatePartyRoutingProfileInput!) {{
  updatePartyRoutingProfile(partyStateId: $id, changes: $changes) {{ {STATE} }}
}}"""
REQUEST = """
mutation ($id: ID!, $reason: String!) {
  requestPartyRoutingProfileReview(partyStateId: $id, reason: $reason) { reviewRequestId reason status requestedBy }
}"""
REFRESH = """
mutation ($id: ID!) {
  executePartyRoutingProfile(partyStateId: $id, action: REFRESH) {
    lapsed { indicatorId type validFrom validTo closedBy }
    derived { type value narrative source validTo }
    partyState { version activeIndicators { type value } }
  }
}"""


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "routing_profiles")


async def test_retrieve_a_profile_by_its_id(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, RETRIEVE, FRONTEND, id="PS-C0000001")
    assert data["partyRoutingProfile"] == {"partyStateId": "PS-C0000001", "customerId": "C0000001", "version": 0,
                                           "nextReviewDue": None, "note": None, "reviewRequests": []}
    error = await fails(bank, settings, RETRIEVE, id="PS-NOPE")
    assert error == {"message": "no routing profile has the id PS-NOPE", "code": "NOT_FOUND", "field": "partyStateId"}
    assert (await fails(bank, settings, RETRIEVE, ANALYST, id="PS-C0000001"))["code"] == "FORBIDDEN"


async def test_initiate_starts_monitoring_once(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, INITIATE, FRONTEND,
                     input={"customerId": "C0000003", "nextReviewDue": "2027-01-31", "note": "  Student account  "})
    assert data["initiatePartyRoutingProfile"] == {
        "partyStateId": "PS-C0000003", "customerId": "C0000003", "version": 0, "nextReviewDue": "2027-01-31",
        "note": "Student account", "reviewRequests": []}
    error = await fails(bank, settings, INITIATE, input={"customerId": "C0000003"})
    assert error == {"message": "customer 'C0000003' already has routing profile 'PS-C0000003'; update it instead",
                     "code": "CONFLICT", "field": "input.customerId"}
    error = await fails(bank, settings, INITIATE, input={"customerId": "C0000099"})
    assert (error["code"], error["field"]) == ("NOT_FOUND", "input.customerId")
    assert (await fails(bank, settings, INITIATE, ANALYST, input={"customerId": "C0000004"}))["code"] == "FORBIDDEN"


async def test_update_changes_only_what_is_given(bank: Database, settings: Settings) -> None:
    await run(bank, settings, UPDATE, id="PS-C0000001", changes={"nextReviewDue": "2026-12-01", "note": "Watch arrears"})
    data = await run(bank, settings, UPDATE, id="PS-C0000001", changes={"note": None})
    state = data["updatePartyRoutingProfile"]
    assert (state["nextReviewDue"], state["note"], state["version"]) == ("2026-12-01", None, 2)
    error = await fails(bank, settings, UPDATE, id="PS-C0000001", changes={})
    assert (error["code"], error["field"]) == ("VALIDATION", "changes")
    assert (await fails(bank, settings, UPDATE, FRONTEND, id="PS-C0000001", changes={"note": "x"}))["code"] == "FORBIDDEN"
    assert (await fails(bank, settings, UPDATE, id="PS-NOPE", changes={"note": "x"}))["code"] == "NOT_FOUND"


async def test_a_review_request_is_recorded_visible_and_completed_by_an_update(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, REQUEST, FRONTEND, id="PS-C0000001", reason="Customer disputes the arrears status")
    request = data["requestPartyRoutingProfileReview"]
    assert request["reviewRequestId"].startswith("RR-")
    assert {k: request[k] for k in ("reason", "status", "requestedBy")} == {
        "reason": "Customer disputes the arrears status", "status": "OPEN", "requestedBy": "tester"}
    state = (await run(bank, settings, RETRIEVE, ADMIN, id="PS-C0000001"))["partyRoutingProfile"]
    assert [r["status"] for r in state["reviewRequests"]] == ["OPEN"]
    await run(bank, settings, UPDATE, id="PS-C0000001", changes={"reviewOutcome": "Arrears confirmed with collections"})
    state = (await run(bank, settings, RETRIEVE, ADMIN, id="PS-C0000001"))["partyRoutingProfile"]
    assert state["reviewRequests"] == [{"reason": "Customer disputes the arrears status", "status": "COMPLETED",
                                        "requestedBy": "tester", "outcome": "Arrears confirmed with collections",
                                        "completedBy": "tester"}]
    error = await fails(bank, settings, REQUEST, id="PS-C0000001", reason="   ")
    assert error == {"message": "reason must not be blank", "code": "VALIDATION", "field": "reason"}


async def test_refresh_closes_lapsed_indicators_and_re_derives_the_value_tier(bank: Database, settings: Settings) -> None:
    await bank.write("MATCH (t:IndicatorType {code: 'VULNERABLE_CUSTOMER'}) SET t.validityDays = 30")
    data = (await run(bank, settings, REFRESH, id="PS-C0000001"))["executePartyRoutingProfile"]
    # The bereavement alert began on 1 February and its type lapses after 30 days.
    assert data["lapsed"] == [{"indicatorId": "IN-6", "type": "VULNERABLE_CUSTOMER", "validFrom": "2026-02-01T00:00:00+00:00",
                               "validTo": "2026-03-03T00:00:00+00:00", "closedBy": "tester"}]
    # A current account (1) and a mortgage (2) score 3: SILVER, which is also a Premier customer's floor.
    assert data["derived"] == [{"type": "VALUE_TIER", "value": "SILVER", "source": "PROFILE_REFRESH", "validTo": None,
                                "narrative": "Derived from 2 active holdings (score 3)"}]
    active = {(i["type"], i["value"]) for i in data["partyState"]["activeIndicators"]}
    assert ("VALUE_TIER", "SILVER") in active and ("VALUE_TIER", "PLATINUM") not in active
    assert not any(t == "VULNERABLE_CUSTOMER" for t, _ in active)
    again = (await run(bank, settings, REFRESH, id="PS-C0000001"))["executePartyRoutingProfile"]
    assert (again["lapsed"], again["derived"]) == ([], []), "a second refresh finds nothing to do"
    assert again["partyState"]["version"] == data["partyState"]["version"]
    logged = await bank.read("MATCH (:CustomerEventLog {customerId: 'C0000001'})-[:RECORDED]->(e:Event) "
                             "RETURN e.type AS type, e.record AS record")
    assert logged == [{"type": "ROUTING_PROFILE_REFRESHED",
                       "record": "lapsed: VULNERABLE_CUSTOMER; re-derived: VALUE_TIER = SILVER"}]
    assert (await fails(bank, settings, REFRESH, FRONTEND, id="PS-C0000001"))["code"] == "FORBIDDEN"


async def test_value_tier_rule() -> None:
    from domains.party_routing_profile.profile import value_tier

    families: list[Any] = ["INVESTMENTS", "INVESTMENTS", "LENDING", "DEPOSITS", "CARDS", "INSURANCE"]
    assert value_tier("AFFLUENT", families) == ("PLATINUM", 12)
    assert value_tier("MASS", ["DEPOSITS", "CARDS"]) == ("BRONZE", 2)
    assert value_tier("PRIVATE", ["DEPOSITS"]) == ("GOLD", 1)
