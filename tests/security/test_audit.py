"""The audit trail: every mutation, done, refused or failed, leaves an AuditRecord per root field."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from starlette.testclient import TestClient

from app import create_app
from graph.database import Database
from graph.settings import Settings
from resolvers import audit
from resolvers.auth import Principal, Role, issue_token
from resolvers.request_id import current_request_id
from tests.support import ADMIN, FRONTEND, RM, execute, fails, load_event_types, load_small_bank, run

RECORDS = """
MATCH (a:AuditRecord)
RETURN a {.*} AS record ORDER BY a.at, a.field, a.outcome
"""
CAPTURE = """mutation CaptureLead($input: InitiateLeadInput!, $key: String) {
  initiateLead(input: $input, idempotencyKey: $key) { lead { leadId } } }"""
DEFINE = """mutation DefineType($input: IndicatorTypeInput!) { defineIndicatorType(input: $input) { code } }"""
NEW_TYPE = {"code": "AUDIT_TEST", "category": "STATUS", "name": "Audit test"}
NARRATIVE = "Confided a divorce and a gambling habit"
ALICE_SAVINGS = {"customerId": "C0000001", "productId": "P-SAVINGS", "campaignId": "CMP-SAVE-2026",
                 "ownerId": "tester", "originatedFromEventId": "EV-L1", "description": NARRATIVE,
                 "dateTimeLocation": "Leeds branch"}
ALICE_IDS = {"customerId": ["C0000001"], "productId": ["P-SAVINGS"], "campaignId": ["CMP-SAVE-2026"],
             "ownerId": ["tester"], "originatedFromEventId": ["EV-L1"], "idempotencyKey": ["call-77-lead"]}


@pytest.fixture
async def db(clean_graph: Database) -> Database:
    await load_small_bank(clean_graph, "lead_procedure")
    return clean_graph


@pytest.fixture
def request_id() -> Iterator[str]:
    token = current_request_id.set("req-audit-0001")
    yield "req-audit-0001"
    current_request_id.reset(token)


async def records(db: Database) -> list[dict[str, Any]]:
    """The audit trail, with `at` checked to be recent and identifiers decoded."""
    rows = [row["record"] for row in await db.read(RECORDS)]
    for row in rows:
        at = row.pop("at").to_native()
        assert datetime.now(UTC) - timedelta(minutes=1) < at <= datetime.now(UTC)
        assert row.pop("auditId").startswith("AU-")
        row["identifiers"] = json.loads(row["identifiers"])
    return rows


async def test_a_done_mutation_leaves_who_what_which_request_and_ok(
        db: Database, settings: Settings, request_id: str) -> None:
    tester = Principal("tester", RM)
    await run(db, settings, CAPTURE, tester, input=ALICE_SAVINGS, key="call-77-lead")
    assert await records(db) == [{
        "subject": "tester", "roles": ["relationship_manager"], "requestId": request_id, "operation": "CaptureLead",
        "field": "initiateLead", "identifiers": ALICE_IDS, "outcome": "OK"}]


async def test_a_forbidden_mutation_is_recorded_and_changes_nothing_else(db: Database, settings: Settings) -> None:
    error = await fails(db, settings, DEFINE, FRONTEND, input=NEW_TYPE)  # fails() checks the graph is unchanged
    assert error["code"] == "FORBIDDEN"
    assert [(r["subject"], r["roles"], r["field"], r["identifiers"], r["outcome"]) for r in await records(db)] == [
        ("tester", ["frontend"], "defineIndicatorType", {}, "FORBIDDEN")]
    assert await db.read("MATCH (t:IndicatorType {code: 'AUDIT_TEST'}) RETURN t") == []


async def test_invalid_input_and_invalid_documents_are_recorded_as_validation(
        db: Database, settings: Settings) -> None:
    too_long = {**ALICE_SAVINGS, "description": "x" * 2001}
    assert (await fails(db, settings, CAPTURE, input=too_long, key="k-1"))["code"] == "VALIDATION"
    # Refused before execution: a variable of the wrong type.
    assert (await fails(db, settings, CAPTURE, input={**ALICE_SAVINGS, "priority": "high"}))["code"] == "VALIDATION"
    trail = await records(db)
    assert [(r["field"], r["outcome"]) for r in trail] == [("initiateLead", "VALIDATION")] * 2
    assert trail[0]["identifiers"] == {**ALICE_IDS, "idempotencyKey": ["k-1"]}
    assert "x" * 20 not in repr(trail)


async def test_queries_leave_no_record(db: Database, settings: Settings) -> None:
    result, _ = await execute(db, settings, '{ customer(customerId: "C0000001") { customerId } }', roles=ADMIN)
    assert result.errors is None
    assert (await fails(db, settings, '{ lead(leadId: "LD-NONE") { leadId } }', ADMIN))["code"] == "NOT_FOUND"
    assert await records(db) == []


async def test_each_root_field_gets_its_record_and_free_text_never_appears(db: Database, settings: Settings) -> None:
    await load_event_types(db)
    both = """mutation Call($lead: InitiateLeadInput!, $event: CaptureLifeEventInput!) {
      lead: initiateLead(input: $lead) { lead { leadId } }
      event: captureLifeEvent(input: $event) { eventId } }"""
    event = {"customerId": "C0000002", "type": "RELOCATION", "record": NARRATIVE, "result": NARRATIVE}
    await run(db, settings, both, RM, lead=ALICE_SAVINGS, event=event)
    trail = await records(db)
    assert sorted(((r["field"], r["operation"], r["outcome"], r["identifiers"]) for r in trail), key=str) == [
        ("captureLifeEvent", "Call", "OK", {"customerId": ["C0000002"]}),
        ("initiateLead", "Call", "OK", {k: v for k, v in ALICE_IDS.items() if k != "idempotencyKey"}),
    ]
    assert NARRATIVE not in repr(trail) and "Leeds branch" not in repr(trail)


async def test_a_field_after_a_refused_one_is_recorded_as_not_executed(db: Database, settings: Settings) -> None:
    document = """mutation Two($type: IndicatorTypeInput!, $lead: InitiateLeadInput!) {
      defineIndicatorType(input: $type) { code } initiateLead(input: $lead) { lead { leadId } } }"""
    assert (await fails(db, settings, document, RM, type=NEW_TYPE, lead=ALICE_SAVINGS))["code"] == "FORBIDDEN"
    assert sorted((r["field"], r["outcome"]) for r in await records(db)) == [
        ("defineIndicatorType", "FORBIDDEN"), ("initiateLead", "NOT_EXECUTED")]


async def test_a_failed_audit_write_keeps_the_response_and_alerts(
        db: Database, settings: Settings, request_id: str, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    # A statement the real Neo4j refuses, in place of the audit statement.
    monkeypatch.setattr(audit, "RECORD_AUDIT", "UNWIND $records AS record RETURN 1 / 0 AS refused")
    with caplog.at_level(logging.INFO, logger="gateway.audit"):
        data = await run(db, settings, DEFINE, ADMIN, input=NEW_TYPE)
    assert data == {"defineIndicatorType": {"code": "AUDIT_TEST"}}
    alert = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(alert) == 1 and f"AUDIT WRITE FAILED for request {request_id}" in alert[0].getMessage()
    logged = [json.loads(r.getMessage().removeprefix("audit ")) for r in caplog.records if r.levelno == logging.INFO]
    assert [(line["field"], line["outcome"], line["requestId"]) for line in logged] == [
        ("defineIndicatorType", "OK", request_id)]
    assert await records(db) == []


async def test_over_http_the_record_carries_the_callers_request_id_and_token_subject(
        db: Database, settings: Settings) -> None:
    token = issue_token(settings, "R000301", frozenset({Role.FRONTEND}))
    with TestClient(create_app(settings)) as client:
        response = client.post("/graphql", json={"query": DEFINE, "variables": {"input": NEW_TYPE}},
                               headers={"Authorization": f"Bearer {token}", "X-Request-ID": "front-end-audit-1"})
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert [(r["subject"], r["requestId"], r["operation"], r["outcome"]) for r in await records(db)] == [
        ("R000301", "front-end-audit-1", "DefineType", "FORBIDDEN")]
