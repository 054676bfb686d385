"""Capture, Update and Retrieve of statuses, ratings and alerts, end to end against Neo4j."""

from __future__ import annotations

import asyncio
import datetime
from typing import Any

import pytest

from gateway.settings import Settings
from graph.database import Database
from tests.support import ADMIN, ANALYST, FRONTEND, bank_graph, execute, fails, run, snapshot

INDICATOR = "indicatorId category type value narrative validFrom validTo source capturedBy closedAt closedBy"
CAPTURE = {
    category: f"""
    mutation ($input: CaptureRoutingIndicatorInput!) {{ captureRouting{category}(input: $input) {{ {INDICATOR} }} }}"""
    for category in ("Status", "Rating", "Alert")
}
UPDATE = {
    category: f"""
    mutation ($input: UpdateRoutingIndicatorInput!) {{ updateRouting{category}(input: $input) {{ {INDICATOR} }} }}"""
    for category in ("Status", "Rating", "Alert")
}
HISTORY = """
query ($id: ID!, $types: [String!]) {
  customer(customerId: $id) { routingProfile { partyStateId version activeIndicators { indicatorId type value }
                                               history(types: $types) { indicatorId value validFrom validTo } } }
}
"""


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "routing_profiles")


async def history(db: Database, settings: Settings, customer_id: str, *types: str) -> Any:
    data = await run(db, settings, HISTORY, id=customer_id, types=list(types) or None)
    return data["customer"]["routingProfile"]


def capture_status(**fields: Any) -> dict[str, Any]:
    return {"customerId": "C0000001", "type": "IN_ARREARS", "value": "90_DPD", **fields}


async def test_a_captured_status_closes_the_value_in_force_where_it_begins(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, CAPTURE["Status"], FRONTEND,
                     input=capture_status(narrative="Third payment missed", source="COLLECTIONS_APP"))
    new = data["captureRoutingStatus"]
    assert {k: new[k] for k in ("category", "type", "value", "narrative", "validTo", "source", "capturedBy")} == {
        "category": "STATUS", "type": "IN_ARREARS", "value": "90_DPD", "narrative": "Third payment missed",
        "validTo": None, "source": "COLLECTIONS_APP", "capturedBy": "tester"}
    profile = await history(bank, settings, "C0000001", "IN_ARREARS")
    assert [(i["indicatorId"], i["value"]) for i in profile["activeIndicators"] if i["type"] == "IN_ARREARS"] == [
        (new["indicatorId"], "90_DPD")]
    latest, previous, first = profile["history"]
    assert latest["indicatorId"] == new["indicatorId"]
    assert previous["indicatorId"] == "IN-2" and previous["validTo"] == new["validFrom"]
    assert first["validTo"] == previous["validFrom"]
    assert profile["version"] == 1
    superseded = await bank.read("MATCH (:Indicator {indicatorId: $id})-[:SUPERSEDES]->(old) RETURN old.indicatorId AS id",
                                 id=new["indicatorId"])
    assert superseded == [{"id": "IN-2"}]


async def test_capturing_for_a_customer_without_a_profile_starts_one(bank: Database, settings: Settings) -> None:
    await run(bank, settings, CAPTURE["Status"], input=capture_status(customerId="C0000003", type="IN_ARREARS",
                                                                      value="30_DPD"))
    profile = await history(bank, settings, "C0000003")
    assert profile["partyStateId"] == "PS-C0000003"
    assert [i["value"] for i in profile["activeIndicators"]] == ["30_DPD"]


async def test_an_unknown_customer_is_not_found(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, CAPTURE["Status"], input=capture_status(customerId="C9999999"))
    assert error == {"message": "no customer has the id C9999999", "code": "NOT_FOUND", "field": "input.customerId"}


async def test_an_unknown_type_is_rejected_listing_the_known_ones(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, CAPTURE["Status"], input=capture_status(type="BANKRUPT"))
    assert error == {"message": "unknown type 'BANKRUPT'; known status types: IN_ARREARS",
                     "code": "VALIDATION", "field": "input.type"}
    error = await fails(bank, settings, CAPTURE["Status"], input=capture_status(type="VALUE_TIER", value="GOLD"))
    assert error["message"] == "rating, not status, type 'VALUE_TIER'; known status types: IN_ARREARS"


async def test_a_window_ending_before_it_begins_is_rejected(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, CAPTURE["Status"], input=capture_status(
        validFrom="2026-06-01T00:00:00Z", validTo="2026-05-01T00:00:00Z"))
    assert error["code"] == "VALIDATION" and error["field"] == "input.validTo"
    assert "must be after validFrom" in error["message"]


async def test_a_value_cannot_take_effect_before_the_latest_one(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, CAPTURE["Status"], input=capture_status(validFrom="2026-02-01T00:00:00Z"))
    assert error == {"message": "the latest IN_ARREARS value took effect at 2026-02-10T00:00:00+00:00; "
                                "a new value must take effect after it", "code": "VALIDATION", "field": "input.validFrom"}


async def test_values_outside_the_types_allowed_values_are_rejected(bank: Database, settings: Settings) -> None:
    await bank.write("MATCH (t:IndicatorType {code: 'VALUE_TIER'}) SET t.allowedValues = ['BRONZE', 'SILVER', 'GOLD']")
    error = await fails(bank, settings, CAPTURE["Rating"], input=capture_status(type="VALUE_TIER", value="DIAMOND"))
    assert error == {"message": "'DIAMOND' is not a value of VALUE_TIER; allowed: BRONZE, SILVER, GOLD",
                     "code": "VALIDATION", "field": "input.value"}
    data = await run(bank, settings, CAPTURE["Rating"], input=capture_status(type="VALUE_TIER", value="GOLD"))
    assert data["captureRoutingRating"]["value"] == "GOLD"


async def test_a_repeated_idempotency_key_returns_the_first_result_and_writes_nothing(
        bank: Database, settings: Settings) -> None:
    first = await run(bank, settings, CAPTURE["Status"], input=capture_status(idempotencyKey="req-42"))
    after_first = await snapshot(bank)
    again = await run(bank, settings, CAPTURE["Status"], input=capture_status(idempotencyKey="req-42"))
    assert again == first
    assert await snapshot(bank) == after_first
    error = await fails(bank, settings, CAPTURE["Status"], input=capture_status(value="30_DPD", idempotencyKey="req-42"))
    assert error["code"] == "CONFLICT" and error["field"] == "input.idempotencyKey"


async def test_concurrent_captures_of_one_status_leave_one_current_value_and_a_seamless_history(
        bank: Database, settings: Settings) -> None:
    bands = [f"{band}_DPD" for band in range(1, 21)]
    results = await asyncio.gather(*(
        execute(bank, settings, CAPTURE["Status"], {"input": capture_status(customerId="C0000002", value=band)}, ADMIN)
        for band in bands))
    assert [result.errors for result, _ in results] == [None] * len(bands)
    profile = await history(bank, settings, "C0000002", "IN_ARREARS")
    assert len([i for i in profile["activeIndicators"] if i["type"] == "IN_ARREARS"]) == 1
    windows = sorted(profile["history"], key=lambda i: i["validFrom"])
    assert sorted(i["value"] for i in windows) == sorted(bands)
    assert windows[-1]["validTo"] is None
    for earlier, later in zip(windows, windows[1:], strict=False):
        assert earlier["validTo"] == later["validFrom"], "each value ends exactly where the next begins"
        assert datetime.datetime.fromisoformat(earlier["validFrom"]) < datetime.datetime.fromisoformat(later["validFrom"])
    assert profile["version"] == len(bands)


async def test_concurrent_updates_of_one_value_let_exactly_one_win(bank: Database, settings: Settings) -> None:
    results = await asyncio.gather(*(
        execute(bank, settings, UPDATE["Status"], {"input": {"indicatorId": "IN-2", "value": f"{n}_DPD"}}, ADMIN)
        for n in range(10)))
    winners = [result for result, _ in results if result.errors is None]
    losers = [result.errors[0].extensions["code"] for result, _ in results if result.errors]  # type: ignore[index]
    assert len(winners) == 1 and losers == ["CONFLICT"] * 9
    profile = await history(bank, settings, "C0000001", "IN_ARREARS")
    current = [i for i in profile["activeIndicators"] if i["type"] == "IN_ARREARS"]
    assert current == [{"indicatorId": winners[0].data["updateRoutingStatus"]["indicatorId"],  # type: ignore[index]
                        "type": "IN_ARREARS", "value": winners[0].data["updateRoutingStatus"]["value"]}]  # type: ignore[index]
    assert len(profile["history"]) == 3


async def test_an_update_supersedes_the_current_value_keeping_what_it_does_not_change(
        bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, UPDATE["Status"], input={"indicatorId": "IN-2", "value": "90_DPD"})
    new = data["updateRoutingStatus"]
    assert (new["value"], new["narrative"], new["source"]) == ("90_DPD", "February payment missed too", "CORE_BANKING")
    error = await fails(bank, settings, UPDATE["Status"], input={"indicatorId": "IN-2", "value": "30_DPD"})
    assert error["code"] == "CONFLICT"
    assert error["message"].startswith(f"status 'IN-2' is no longer current; the latest IN_ARREARS value is '{new['indicatorId']}'")


async def test_an_update_with_only_valid_to_ends_the_current_value(bank: Database, settings: Settings) -> None:
    end = {"indicatorId": "IN-2", "validTo": "2026-04-01T00:00:00Z"}
    ended = (await run(bank, settings, UPDATE["Status"], FRONTEND, input=end))["updateRoutingStatus"]
    assert (ended["indicatorId"], ended["validTo"], ended["closedBy"]) == ("IN-2", "2026-04-01T00:00:00+00:00", "tester")
    unchanged = await snapshot(bank)
    assert (await run(bank, settings, UPDATE["Status"], FRONTEND, input=end))["updateRoutingStatus"] == ended
    assert await snapshot(bank) == unchanged, "ending a value again where it ends changes nothing"
    profile = await history(bank, settings, "C0000001", "IN_ARREARS")
    assert [i for i in profile["activeIndicators"] if i["type"] == "IN_ARREARS"] == []
    error = await fails(bank, settings, UPDATE["Status"], input={"indicatorId": "IN-2", "validTo": "2026-01-01T00:00:00Z"})
    assert error["code"] == "CONFLICT"


async def test_an_update_needs_something_to_change_and_an_indicator_of_its_category(
        bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, UPDATE["Status"], input={"indicatorId": "IN-2"})
    assert (error["code"], error["field"]) == ("VALIDATION", "input")
    error = await fails(bank, settings, UPDATE["Alert"], input={"indicatorId": "IN-2", "value": "X"})
    assert error == {"message": "no alert has the id IN-2", "code": "NOT_FOUND", "field": "input.indicatorId"}
    error = await fails(bank, settings, UPDATE["Status"], input={"indicatorId": "IN-2", "validTo": "2026-01-01T00:00:00Z"})
    assert (error["code"], error["field"]) == ("VALIDATION", "input.validTo")


async def test_roles_decide_who_captures_what(bank: Database, settings: Settings) -> None:
    for roles, query in ((FRONTEND, CAPTURE["Rating"]), (FRONTEND, CAPTURE["Alert"]), (ANALYST, CAPTURE["Status"])):
        error = await fails(bank, settings, query, roles, input=capture_status(type="VULNERABLE_CUSTOMER"))
        assert error["code"] == "FORBIDDEN"
    data = await run(bank, settings, CAPTURE["Alert"], ADMIN,
                     input=capture_status(type="VULNERABLE_CUSTOMER", value="ILL_HEALTH", narrative="Hospital stay"))
    assert data["captureRoutingAlert"]["narrative"] == "Hospital stay"


async def test_retrieve_returns_one_value_of_its_category_hiding_confidential_ones(
        bank: Database, settings: Settings) -> None:
    status = await run(bank, settings, "query { routingStatus(indicatorId: \"IN-1\") { value validTo } }", ADMIN)
    assert status == {"routingStatus": {"value": "30_DPD", "validTo": "2026-02-10T00:00:00+00:00"}}
    fraud = "query { routingAlert(indicatorId: \"IN-5\") { value narrative } }"
    assert (await run(bank, settings, fraud, ADMIN))["routingAlert"] == {
        "value": "ACCOUNT_TAKEOVER", "narrative": "Login from a new device abroad"}
    assert (await fails(bank, settings, fraud, FRONTEND))["code"] == "NOT_FOUND"
    vulnerable = await run(bank, settings, "query { routingAlert(indicatorId: \"IN-6\") { value narrative } }", FRONTEND)
    assert vulnerable == {"routingAlert": {"value": "BEREAVEMENT", "narrative": None}}
    error = await fails(bank, settings, "query { routingRating(indicatorId: \"IN-1\") { value } }")
    assert error == {"message": "no rating has the id IN-1", "code": "NOT_FOUND", "field": "indicatorId"}
    assert (await fails(bank, settings, "query { routingStatus(indicatorId: \"IN-1\") { value } }", ANALYST))["code"] == \
        "FORBIDDEN"


async def test_every_indicator_change_is_logged_in_the_customers_event_history(bank: Database, settings: Settings) -> None:
    logged = ("MATCH (:Customer {customerId: 'C0000001'})-[:HAS_EVENT_LOG]->(:CustomerEventLog)-[:RECORDED]->(e:Event) "
              "RETURN e.category AS category, e.type AS type, e.result AS result, e.capturedBy AS by, "
              "labels(e) AS labels ORDER BY e.occurredAt")
    await run(bank, settings, CAPTURE["Status"], input=capture_status(idempotencyKey="log-1"))
    await run(bank, settings, CAPTURE["Status"], input=capture_status(idempotencyKey="log-1"))  # a replay logs nothing
    await run(bank, settings, UPDATE["Alert"], input={"indicatorId": "IN-5", "value": "IDENTITY_THEFT"})
    await run(bank, settings, UPDATE["Alert"], input={"indicatorId": "IN-6", "validTo": "2026-04-01T00:00:00Z"})
    assert await bank.read(logged) == [
        {"category": "RELATIONSHIP", "type": "ROUTING_INDICATOR_CAPTURED", "result": "CAPTURED", "by": "tester",
         "labels": ["Event", "RelationshipEvent"]},
        # A confidential alert is logged as a fraud event, which only RMs and admins see.
        {"category": "FRAUD", "type": "FRAUD_ALERT_UPDATED", "result": "UPDATED", "by": "tester",
         "labels": ["Event", "FraudEvent"]},
        {"category": "RELATIONSHIP", "type": "ROUTING_INDICATOR_ENDED", "result": "ENDED", "by": "tester",
         "labels": ["Event", "RelationshipEvent"]},
    ]
