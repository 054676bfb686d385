"""Capture, Update and Retrieve of customer events, bulk capture, and the event log, against Neo4j."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from gateway.settings import Settings
from graph.database import Database
from tests.support import ADMIN, ANALYST, FRONTEND, execute, fails, load_event_types, load_small_bank, run, snapshot

EVENT = "eventId category type occurredAt channel record result"
CAPTURE = {
    name: f"mutation ($input: Capture{name}EventInput!) {{ capture{name}Event(input: $input) {{ {EVENT} }} }}"
    for name in ("Relationship", "Sales", "Servicing", "ProductProcessing", "Fraud", "Life")
}
BULK = f"""
mutation ($events: [CustomerEventCaptureInput!]!) {{
  captureCustomerEvents(events: $events) {{ index replayed event {{ {EVENT} }} error {{ code field message }} }}
}}"""
UPDATE_SERVICING = f"""
mutation ($id: ID!, $changes: UpdateServicingEventInput!, $version: Int) {{
  updateServicingEvent(eventId: $id, changes: $changes, expectedVersion: $version) {{ {EVENT} }}
}}"""
EVENTS_OF = """
MATCH (:Customer {customerId: $customerId})-[:HAS_EVENT_LOG]->(:CustomerEventLog)-[:RECORDED]->(e:Event)
RETURN e.type AS type, e.category AS category, [(e)-[:CONCERNS]->(x) | coalesce(x.productId, x.resourceId, x.leadId,
       x.fraudCaseId)] AS concerns, labels(e) AS labels ORDER BY e.occurredAt
"""


@pytest.fixture
async def bank(clean_graph: Database) -> Database:
    await load_small_bank(clean_graph, "event_references")
    await load_event_types(clean_graph)
    return clean_graph


def servicing(**fields: Any) -> dict[str, Any]:
    return {"customerId": "C0000001", "type": "CARD_REPLACEMENT", "channel": "PHONE", "record": "Card lost abroad",
            "result": "RESOLVED", "servicingEventType": "ASSISTED", "accessedProductIds": ["P-CURRENT"],
            "employeeUnitReference": "R000900", **fields}


async def test_a_captured_event_is_labelled_logged_and_linked_to_what_it_concerns(bank: Database, settings: Settings) -> None:
    event = (await run(bank, settings, CAPTURE["Servicing"], FRONTEND, input=servicing()))["captureServicingEvent"]
    assert {k: event[k] for k in ("category", "type", "channel", "record", "result")} == {
        "category": "SERVICING", "type": "CARD_REPLACEMENT", "channel": "PHONE", "record": "Card lost abroad",
        "result": "RESOLVED"}
    stored = await bank.read(EVENTS_OF, customerId="C0000001")
    assert stored == [{"type": "CARD_REPLACEMENT", "category": "SERVICING", "concerns": ["R000900", "P-CURRENT"],
                       "labels": ["Event", "ServicingEvent"]}] or stored[0]["concerns"] == ["P-CURRENT", "R000900"]
    log = await bank.read("MATCH (l:CustomerEventLog {customerId: 'C0000001'}) RETURN l.eventLogId AS id, l.status AS status")
    assert log == [{"id": "EL-C0000001", "status": "ACTIVE"}]


async def test_bad_input_is_rejected_and_changes_nothing(bank: Database, settings: Settings) -> None:
    cases = [
        (servicing(customerId="C0000099"), "NOT_FOUND", "input.customerId"),
        (servicing(type="RELOCATION"), "VALIDATION", "input.type"),
        (servicing(type="TELEPATHY"), "VALIDATION", "input.type"),
        (servicing(occurredAt="2099-01-01T00:00:00Z"), "VALIDATION", "input.occurredAt"),
        (servicing(accessedProductIds=["P-NOPE"]), "NOT_FOUND", "input.productIds"),
        (servicing(employeeUnitReference="R999999"), "NOT_FOUND", "input.employeeUnitReference"),
        (servicing(allocationReference="A-1"), "NOT_FOUND", "input.allocationReference"),
    ]
    for input, code, field in cases:
        error = await fails(bank, settings, CAPTURE["Servicing"], input=input)
        assert (error["code"], error["field"]) == (code, field), error
    error = await fails(bank, settings, CAPTURE["Servicing"], input=servicing(type="RELOCATION"))
    assert error["message"].startswith("life, not servicing, event type 'RELOCATION'; known servicing types: ")
    assert "CARD_REPLACEMENT" in error["message"]


async def test_a_repeated_key_returns_the_stored_event_and_writes_nothing(bank: Database, settings: Settings) -> None:
    first = await run(bank, settings, CAPTURE["Servicing"], input=servicing(idempotencyKey="feed-1"))
    after = await snapshot(bank)
    assert await run(bank, settings, CAPTURE["Servicing"], input=servicing(idempotencyKey="feed-1")) == first
    assert await snapshot(bank) == after
    error = await fails(bank, settings, CAPTURE["Servicing"], input=servicing(idempotencyKey="feed-1", result="ESCALATED"))
    assert (error["code"], error["field"]) == ("CONFLICT", "input.idempotencyKey")
    # The source's own record id is a natural key when no idempotency key is given.
    natural = servicing(source="CORE_CRM", sourceReference="case-77")
    once = await run(bank, settings, CAPTURE["Servicing"], input=natural)
    assert await run(bank, settings, CAPTURE["Servicing"], input=natural) == once


async def test_concurrent_captures_with_one_key_make_exactly_one_event(bank: Database, settings: Settings) -> None:
    results = await asyncio.gather(*(
        execute(bank, settings, CAPTURE["Servicing"], {"input": servicing(idempotencyKey="race")}, ADMIN) for _ in range(8)))
    assert [r.errors for r, _ in results] == [None] * 8
    assert len({r.data["captureServicingEvent"]["eventId"] for r, _ in results}) == 1  # type: ignore[index]
    assert len(await bank.read(EVENTS_OF, customerId="C0000001")) == 1


async def test_fraud_events_are_for_relationship_managers_and_admins(bank: Database, settings: Settings) -> None:
    fraud = {"customerId": "C0000001", "type": "STOLEN_CARD", "fraudCaseReference": "FC-9"}
    assert (await fails(bank, settings, CAPTURE["Fraud"], FRONTEND, input=fraud))["code"] == "FORBIDDEN"
    event = (await run(bank, settings, CAPTURE["Fraud"], ADMIN, input=fraud))["captureFraudEvent"]
    query = "query ($id: ID!) { fraudEvent(eventId: $id) { type } }"
    assert (await run(bank, settings, query, ADMIN, id=event["eventId"])) == {"fraudEvent": {"type": "STOLEN_CARD"}}
    assert (await fails(bank, settings, query, ANALYST, id=event["eventId"]))["code"] == "FORBIDDEN"
    concerns = await bank.read(EVENTS_OF, customerId="C0000001")
    assert concerns[0]["concerns"] == ["FC-9"]
    wrong = "query ($id: ID!) { servicingEvent(eventId: $id) { type } }"
    assert (await fails(bank, settings, wrong, ADMIN, id=event["eventId"]))["code"] == "NOT_FOUND"


async def test_bulk_capture_reports_each_item_and_writes_only_whole_valid_ones(bank: Database, settings: Settings) -> None:
    events = [
        {"servicing": servicing(idempotencyKey="b-0")},
        {"life": {"customerId": "C0000003", "type": "RELOCATION", "record": "Moving to Leeds"}},
        {"sales": {"customerId": "C0000002", "type": "PRODUCT_ENQUIRY", "salesEventType": "UNSOLICITED",
                   "productIds": ["P-MORTGAGE-FIXED"], "leadReference": "L0000001"}},
        {"sales": {"customerId": "C0000002", "type": "PRODUCT_ENQUIRY", "leadReference": "L-MISSING"}},
        {"fraud": {"customerId": "C0000001", "type": "STOLEN_CARD"}},
        {"productProcessing": {"customerId": "C0000001", "type": "PRODUCT_OPENED", "occurredAt": "2099-01-01T00:00:00Z"}},
    ]
    outcomes = (await run(bank, settings, BULK, FRONTEND, events=events))["captureCustomerEvents"]
    assert [(o["index"], o["event"] is not None, o["error"] and o["error"]["code"]) for o in outcomes] == [
        (0, True, None), (1, True, None), (2, True, None), (3, False, "NOT_FOUND"), (4, False, "FORBIDDEN"),
        (5, False, "VALIDATION")]
    assert outcomes[3]["error"]["field"] == "events[3].sales.leadReference"
    assert outcomes[5]["error"]["field"] == "events[5].productProcessing.occurredAt"
    bob = await bank.read(EVENTS_OF, customerId="C0000002")
    assert [(e["type"], sorted(e["concerns"])) for e in bob] == [("PRODUCT_ENQUIRY", ["L0000001", "P-MORTGAGE-FIXED"])]
    again = (await run(bank, settings, BULK, FRONTEND, events=events[:1]))["captureCustomerEvents"]
    assert again[0]["replayed"] is True and again[0]["event"] == outcomes[0]["event"]
    error = await fails(bank, settings, BULK, events=[])
    assert (error["code"], error["field"]) == ("VALIDATION", "events")


async def test_an_update_keeps_the_earlier_version(bank: Database, settings: Settings) -> None:
    event = (await run(bank, settings, CAPTURE["Servicing"], input=servicing(result="ESCALATED")))["captureServicingEvent"]
    changed = await run(bank, settings, UPDATE_SERVICING, id=event["eventId"], changes={"result": "RESOLVED"}, version=1)
    assert changed["updateServicingEvent"]["result"] == "RESOLVED"
    versions = await bank.read(
        "MATCH (:Event {eventId: $id})-[:HAS_VERSION]->(v:EventVersion) "
        "RETURN v.result AS result, v.version AS version, v.changedFields AS changed, v.supersededBy AS by",
        id=event["eventId"])
    assert versions == [{"result": "ESCALATED", "version": 1, "changed": ["result"], "by": "tester"}]
    error = await fails(bank, settings, UPDATE_SERVICING, id=event["eventId"], changes={"result": "X"}, version=1)
    assert (error["code"], error["field"]) == ("CONFLICT", "expectedVersion")
    unchanged = await snapshot(bank)
    await run(bank, settings, UPDATE_SERVICING, id=event["eventId"], changes={"result": "RESOLVED"})
    assert await snapshot(bank) == unchanged, "a change to what the event already says writes nothing"
    for changes, field in (({}, "changes"), ({"type": "RELOCATION"}, "changes.type"),
                           ({"occurredAt": "2099-01-01T00:00:00Z"}, "changes.occurredAt")):
        error = await fails(bank, settings, UPDATE_SERVICING, id=event["eventId"], changes=changes)
        assert (error["code"], error["field"]) == ("VALIDATION", field)
    error = await fails(bank, settings, UPDATE_SERVICING, id="EV-NOPE", changes={"result": "X"})
    assert (error["code"], error["field"]) == ("NOT_FOUND", "eventId")


async def test_an_event_written_without_a_version_updates_from_version_1(bank: Database, settings: Settings) -> None:
    event = (await run(bank, settings, CAPTURE["Servicing"], input=servicing(result="ESCALATED")))["captureServicingEvent"]
    await bank.write("MATCH (e:Event {eventId: $id}) REMOVE e.version", id=event["eventId"])  # as Browser might
    changed = await run(bank, settings, UPDATE_SERVICING, id=event["eventId"], changes={"result": "RESOLVED"}, version=1)
    assert changed["updateServicingEvent"]["result"] == "RESOLVED"
    rows = await bank.read("MATCH (e:Event {eventId: $id})-[:HAS_VERSION]->(v) RETURN e.version AS now, v.version AS was",
                           id=event["eventId"])
    assert rows == [{"now": 2, "was": 1}]


async def test_the_event_log_opens_closes_and_counts(bank: Database, settings: Settings) -> None:
    initiate = "mutation { initiateCustomerEventLog(customerId: \"C0000003\", note: \"New joiner\") { eventLogId status note } }"
    assert (await run(bank, settings, initiate, FRONTEND))["initiateCustomerEventLog"] == {
        "eventLogId": "EL-C0000003", "status": "ACTIVE", "note": "New joiner"}
    assert (await fails(bank, settings, initiate))["code"] == "CONFLICT"
    close = "mutation { updateCustomerEventLog(eventLogId: \"EL-C0000003\", changes: {status: CLOSED}) { status } }"
    assert (await run(bank, settings, close))["updateCustomerEventLog"] == {"status": "CLOSED"}
    error = await fails(bank, settings, CAPTURE["Life"], input={"customerId": "C0000003", "type": "BIRTH"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.customerId")
    await run(bank, settings, CAPTURE["Servicing"], input=servicing())
    await run(bank, settings, CAPTURE["Fraud"], input={"customerId": "C0000001", "type": "STOLEN_CARD"})
    retrieve = "query { customerEventLog(eventLogId: \"EL-C0000001\") { counts { category events } } }"
    assert (await run(bank, settings, retrieve, ANALYST))["customerEventLog"]["counts"] == [
        {"category": "SERVICING", "events": 1}]
    assert (await run(bank, settings, retrieve, ADMIN))["customerEventLog"]["counts"] == [
        {"category": "SERVICING", "events": 1}, {"category": "FRAUD", "events": 1}]
