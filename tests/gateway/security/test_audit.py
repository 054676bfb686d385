"""The audit trail: every mutation, done, refused or failed, leaves an AuditRecord per root field."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest
from starlette.testclient import TestClient
from strawberry.types.base import StrawberryObjectDefinition

from app import create_app
from gateway.request_id import current_request_id
from gateway.security import audit
from gateway.security.auth import Principal, Role, issue_token
from gateway.settings import Settings
from graph.database import Database
from resolvers.audit_trail import AuditRecordFilter, audit_page
from resolvers.pagination import encode_cursor
from tests.support import ADMIN, ANALYST, FRONTEND, RM, SCHEMA, bank_graph, execute, fails, load_event_types, plan_afresh, run

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
async def db(database: Database) -> Database:
    return await bank_graph(database, "lead_procedure")


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
        # The same identifiers as 'name=value' strings, which auditRecords filters on.
        assert row.pop("identifierPairs") == audit.identifier_pairs(row["identifiers"])
    return rows


async def test_a_done_mutation_leaves_who_what_which_request_and_ok(
        db: Database, settings: Settings, request_id: str) -> None:
    rita = Principal("R000091", RM)  # Alice's relationship manager
    await run(db, settings, CAPTURE, rita, input=ALICE_SAVINGS, key="call-77-lead")
    assert await records(db) == [{
        "subject": "R000091", "roles": ["relationship_manager"], "requestId": request_id, "operation": "CaptureLead",
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
    event = {"customerId": "C0000001", "type": "RELOCATION", "record": NARRATIVE, "result": NARRATIVE}
    await run(db, settings, both, Principal("R000091", RM), lead=ALICE_SAVINGS, event=event)
    trail = await records(db)
    assert sorted(((r["field"], r["operation"], r["outcome"], r["identifiers"]) for r in trail), key=str) == [
        ("captureLifeEvent", "Call", "OK", {"customerId": ["C0000001"]}),
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


# Reading the trail: auditRecords (resolvers/audit_trail.py), admins only.

TRAIL = """query Trail($filter: AuditRecordFilter, $first: Int, $after: String) {
  auditRecords(filter: $filter, first: $first, after: $after) {
    edges { cursor node { auditId at subject roles resourceId requestId operation field
                          identifiers { name values } outcome } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""
ADA = Principal("ada", ADMIN)
TESS = Principal("tester", FRONTEND)  # a channel app capturing a lead
FRANK = Principal("frank", FRONTEND)


@contextlib.contextmanager
def in_request(request_id: str) -> Iterator[None]:
    token = current_request_id.set(request_id)
    yield
    current_request_id.reset(token)


async def trail(db: Database, settings: Settings, **variables: Any) -> dict[str, Any]:
    """One page of auditRecords read by an admin, asserting it took exactly one round trip to Neo4j."""
    result, context = await execute(db, settings, TRAIL, variables, ADA)
    assert result.errors is None, result.errors
    assert context.db.round_trips == 1
    return cast(dict[str, Any], result.data)["auditRecords"]


def seen(page: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(e["node"]["subject"], e["node"]["field"], e["node"]["outcome"]) for e in page["edges"]]


@pytest.fixture
async def history(db: Database, settings: Settings) -> datetime:
    """Four mutations by three principals, done and refused; returns an instant between the 2nd and 3rd."""
    with in_request("req-1"):
        await run(db, settings, CAPTURE, TESS, input=ALICE_SAVINGS, key="call-77-lead")
    with in_request("req-2"):
        assert (await fails(db, settings, DEFINE, FRANK, input=NEW_TYPE))["code"] == "FORBIDDEN"
    between = datetime.now(UTC)
    with in_request("req-3"):
        await run(db, settings, DEFINE, ADA, input=NEW_TYPE)
    with in_request("req-4"):
        too_long = {**ALICE_SAVINGS, "description": "x" * 2001}
        assert (await fails(db, settings, CAPTURE, ADA, input=too_long, key="k-1"))["code"] == "VALIDATION"
    return between


async def test_admins_read_what_was_recorded_newest_first(db: Database, settings: Settings, history: datetime) -> None:
    page = await trail(db, settings)
    assert seen(page) == [("ada", "initiateLead", "VALIDATION"), ("ada", "defineIndicatorType", "OK"),
                          ("frank", "defineIndicatorType", "FORBIDDEN"), ("tester", "initiateLead", "OK")]
    oldest = page["edges"][-1]["node"]
    assert oldest.pop("auditId").startswith("AU-")
    assert history - timedelta(minutes=1) < datetime.fromisoformat(oldest.pop("at")) < history
    assert oldest == {
        "subject": "tester", "roles": ["frontend"], "resourceId": None, "requestId": "req-1",
        "operation": "CaptureLead", "field": "initiateLead", "outcome": "OK",
        "identifiers": [{"name": name, "values": values} for name, values in sorted(ALICE_IDS.items())]}
    assert page["pageInfo"]["hasNextPage"] is False and page["pageInfo"]["hasPreviousPage"] is False


FILTERED = [  # (filter, (subject, field, outcome) of the records it keeps, newest first); BETWEEN: see history
    ({"subject": "ada"}, [("ada", "initiateLead", "VALIDATION"), ("ada", "defineIndicatorType", "OK")]),
    ({"subject": "ada", "outcome": "OK"}, [("ada", "defineIndicatorType", "OK")]),
    ({"field": "defineIndicatorType"}, [("ada", "defineIndicatorType", "OK"), ("frank", "defineIndicatorType", "FORBIDDEN")]),
    ({"outcome": "FORBIDDEN"}, [("frank", "defineIndicatorType", "FORBIDDEN")]),
    ({"outcome": "NOT_EXECUTED"}, []),
    ({"requestId": "req-3"}, [("ada", "defineIndicatorType", "OK")]),
    ({"requestId": "req-4", "subject": "tester"}, []),
    ({"identifier": {"name": "customerId", "value": "C0000001"}}, [("ada", "initiateLead", "VALIDATION"),
                                                                ("tester", "initiateLead", "OK")]),
    ({"identifier": {"value": "call-77-lead"}}, [("tester", "initiateLead", "OK")]),
    ({"identifier": {"name": "productId", "value": "C0000001"}}, []),
    ({"identifier": {"name": "idempotencyKey", "value": "k-1"}, "subject": "ada"}, [("ada", "initiateLead", "VALIDATION")]),
    ({"from": "BETWEEN"}, [("ada", "initiateLead", "VALIDATION"), ("ada", "defineIndicatorType", "OK")]),
    ({"to": "BETWEEN"}, [("frank", "defineIndicatorType", "FORBIDDEN"), ("tester", "initiateLead", "OK")]),
    ({"to": "BETWEEN", "field": "initiateLead"}, [("tester", "initiateLead", "OK")]),
    ({"from": "BETWEEN", "subject": "frank"}, []),
    ({"from": "BETWEEN", "to": "BETWEEN"}, []),
]


async def test_each_filter_narrows_the_trail(db: Database, settings: Settings, history: datetime) -> None:
    got = []
    for wanted, _ in FILTERED:
        given = {key: history.isoformat() if value == "BETWEEN" else value for key, value in wanted.items()}
        got.append((wanted, seen(await trail(db, settings, filter=given))))
    assert got == FILTERED


async def test_the_window_defaults_to_the_year_up_to_now(db: Database, settings: Settings, history: datetime) -> None:
    await db.write("""CREATE (:AuditRecord {auditId: 'AU-old', at: datetime() - duration({days: 400}), subject: 'ada',
                        roles: ['admin'], requestId: 'req-old', field: 'defineIndicatorType', identifiers: '{}',
                        identifierPairs: [], outcome: 'OK'})""")
    assert len((await trail(db, settings))["edges"]) == 4
    old_year = {"from": (history - timedelta(days=500)).isoformat(), "to": (history - timedelta(days=300)).isoformat()}
    assert [e["node"]["requestId"] for e in (await trail(db, settings, filter=old_year))["edges"]] == ["req-old"]


async def test_pages_follow_each_other_through_their_cursors(db: Database, settings: Settings) -> None:
    # Three records of one operation share their instant: the cursor must tell them apart.
    many = """mutation Many($a: IndicatorTypeInput!, $b: IndicatorTypeInput!, $c: IndicatorTypeInput!) {
      a: defineIndicatorType(input: $a) { code } b: defineIndicatorType(input: $b) { code }
      c: defineIndicatorType(input: $c) { code } }"""
    for number in ("ONE", "TWO"):
        with in_request(f"req-refused-{number}"):
            await fails(db, settings, DEFINE, FRANK, input=NEW_TYPE)
        with in_request("req-many"):
            await run(db, settings, many, ADA, **{key: {**NEW_TYPE, "code": f"AUDIT_{key.upper()}_{number}"} for key in "abc"})
    stored = [row["id"] for row in await db.read("MATCH (a:AuditRecord) RETURN a.auditId AS id ORDER BY a.at DESC, a.auditId DESC")]
    # Each statement (by time, by subject, by request) pages through its records in that order.
    for wanted, expected in (({}, 8), ({"subject": "ada"}, 6), ({"requestId": "req-many"}, 6), ({"outcome": "FORBIDDEN"}, 2)):
        ids, after = [], None
        while True:
            page = await trail(db, settings, filter=wanted, first=2, after=after)
            assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
            ids += [edge["node"]["auditId"] for edge in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
            assert after == page["edges"][-1]["cursor"]
        assert (len(ids), ids) == (expected, [i for i in stored if i in ids]), wanted


async def test_only_admins_read_the_trail(database: Database, settings: Settings) -> None:
    refused = {roles: await fails(database, settings, TRAIL, roles) for roles in (FRONTEND, RM, ANALYST)}
    assert {roles: error["code"] for roles, error in refused.items()} == dict.fromkeys(refused, "FORBIDDEN")
    assert "Query.auditRecords needs one of the roles: admin" in refused[ANALYST]["message"]


def test_nothing_in_the_schema_writes_the_trail() -> None:
    mutations = SCHEMA.get_type_by_name("Mutation")
    assert isinstance(mutations, StrawberryObjectDefinition)
    assert [field.name for field in mutations.fields if "audit" in field.name.lower()] == []


LATER, EARLIER = "2026-03-02T10:00:00Z", "2026-03-01T10:00:00+00:00"
BAD = [  # (variables, the field VALIDATION names)
    ({"filter": {"from": LATER, "to": EARLIER}}, "filter.to"),
    ({"filter": {"from": "2024-01-01T00:00:00Z", "to": LATER}}, "filter.from"),
    ({"filter": {"from": "2024-01-01T00:00:00Z"}}, "filter.from"),
    ({"filter": {"to": "0001-01-01T00:00:00+01:00"}}, "filter.to"),
    ({"filter": {"outcome": "BOGUS"}}, "filter.outcome"),
    ({"filter": {"outcome": "ok"}}, "filter.outcome"),
    ({"filter": {"subject": ""}}, "filter.subject"),
    ({"filter": {"requestId": "r" * 257}}, "filter.requestId"),
    ({"filter": {"identifier": {"name": "description", "value": "x"}}}, "filter.identifier.name"),
    ({"filter": {"identifier": {"value": ""}}}, "filter.identifier.value"),
    ({"first": 0}, "first"),
    ({"first": 101}, "first"),
    ({"after": "not-a-cursor"}, "after"),
    ({"after": encode_cursor("audit", "12|-1|AU-x")}, "after"),
    ({"after": encode_cursor("audit", "99999999999999|0|AU-x")}, "after"),
    ({"after": encode_cursor("customer", "C0000001")}, "after"),
]


async def test_bad_filters_are_refused_naming_the_field(database: Database, settings: Settings) -> None:
    got = []
    for variables, _ in BAD:
        error = await fails(database, settings, TRAIL, ADMIN, **variables)
        got.append((variables, error["code"], error.get("field")))
    assert got == [(variables, "VALIDATION", field) for variables, field in BAD]


async def test_each_page_seeks_an_index(database: Database) -> None:
    used = {}
    for wanted, index in ((AuditRecordFilter(), "a:AuditRecord(at)"),
                          (AuditRecordFilter(subject="ada", outcome="OK"), "a:AuditRecord(subject, at)"),
                          (AuditRecordFilter(request_id="req-1", subject="ada"), "a:AuditRecord(requestId)")):
        page = audit_page(wanted, None, None, datetime.now(UTC))
        operators = _operators(await plan_afresh(database, "EXPLAIN", page.statement, **page.params))
        assert not {"AllNodesScan", "NodeByLabelScan"} & {operator for operator, _ in operators}
        used[index] = [operator.startswith("NodeIndexSeek") and index in details
                       for operator, details in operators if "a:AuditRecord" in details]
    assert used == dict.fromkeys(used, [True])


def _operators(plan: dict[str, Any]) -> list[tuple[str, str]]:
    here = (plan["operatorType"].split("@")[0], str(plan.get("args", {}).get("Details", "")))
    return [here, *(op for child in plan.get("children", []) for op in _operators(child))]
