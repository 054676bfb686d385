"""Customer incidents of relationship plans (BIAN Incident) end to end against
tests/data/relationship_plans.cypher and tests/data/incident_activity.cypher: create, update, control,
exchange, capture, retrieve; the incident's life and priority bounds; the activity it may concern;
closed plans; roles and books; idempotency; the Relationship event of every step.

Rita (R000301) manages Alice, whose ACTIVE plan RP-C0000001 has the OPEN incident IN-RP-C0000001-1
(priority 3) about the failed repayment EV-C0000001-09 and the mortgage. Sam (R000302) manages the
CLOSED plan RP-C0000005 and the ACTIVE RP-C0000006; Tom (R000303) backs Rita up. AL-IN-ALICE is a
contact of Alice's, AL-IN-BOB one of Bob's; EV-C0000004-01 is an event of Acme's.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from gateway.security.auth import Principal
from gateway.settings import Settings
from graph.database import Database
from tests.support import ADMIN, ANALYST, FRONTEND, RM, bank_graph, execute, fails, run

RITA = Principal("R000301", RM)
SAM = Principal("R000302", RM)
TOM = Principal("R000303", RM)
SEEDED = "IN-RP-C0000001-1"
PLAN = "RP-C0000001"

INCIDENT = """incidentId incidentType source description resolution previousResolutions capturedDetails priority
  status statusReason resolvedAt closedAt ageDays assignee { resourceId name } plan { planId status }
  customer { customerId name } activity { kind id type at status description heldByCustomer }
  createdBy updatedBy"""
RETRIEVE = f"""query ($planId: ID!, $incidentId: ID!) {{
  relationshipIncident(planId: $planId, incidentId: $incidentId) {{ {INCIDENT} }} }}"""
LIST = """query ($planId: ID!, $status: [IncidentStatus!]) {
  relationshipIncidents(planId: $planId, status: $status) { incidentId priority status } }"""
CREATE = f"""mutation ($input: CreateRelationshipIncidentInput!, $key: String) {{
  createRelationshipIncident(input: $input, idempotencyKey: $key) {{ replayed incident {{ {INCIDENT} }} }} }}"""
UPDATE = f"""mutation ($input: UpdateRelationshipIncidentInput!, $key: String) {{
  updateRelationshipIncident(input: $input, idempotencyKey: $key) {{ replayed incident {{ {INCIDENT} }} }} }}"""
CONTROL = f"""mutation ($planId: ID!, $incidentId: ID!, $action: IncidentControlAction!, $reason: String,
  $key: String) {{
  controlRelationshipIncident(planId: $planId, incidentId: $incidentId, action: $action, reason: $reason,
    idempotencyKey: $key) {{ replayed incident {{ {INCIDENT} }} }} }}"""
EXCHANGE = f"""mutation ($planId: ID!, $incidentId: ID!, $action: IncidentExchangeAction!, $resolution: String,
  $reason: String, $key: String) {{
  exchangeRelationshipIncident(planId: $planId, incidentId: $incidentId, action: $action, resolution: $resolution,
    reason: $reason, idempotencyKey: $key) {{ replayed incident {{ {INCIDENT} }} }} }}"""
CAPTURE = f"""mutation ($input: CaptureRelationshipIncidentInput!, $key: String) {{
  captureRelationshipIncident(input: $input, idempotencyKey: $key) {{ replayed incident {{ {INCIDENT} }} }} }}"""
EVENTS = """
MATCH (e:RelationshipEvent)-[:CONCERNS]->(:RelationshipPlan {planId: $planId})
WHERE e.type STARTS WITH 'INCIDENT_'
RETURN e.type AS type, e.category AS category, e.subjectReference AS subject, e.result AS result,
       [(e)-[:CONCERNS]->(r:ServicingResource) | r.resourceId][0] AS resourceId, e.record AS record
ORDER BY e.occurredAt
"""

FAILED_REPAYMENT = {"kind": "EVENT", "id": "EV-C0000001-09", "type": "PAYMENT_MISSED", "status": "FAILED",
                    "description": "PAYMENT_MISSED", "heldByCustomer": None}
MORTGAGE = {"kind": "PRODUCT", "id": "P-MORTGAGE-FIXED", "type": "LENDING", "at": None, "status": "ACTIVE",
            "description": "Fixed-Rate Mortgage", "heldByCustomer": True}
ALICE_CALL = {"kind": "ALLOCATION", "id": "AL-IN-ALICE", "type": "PHONE PAYMENT_QUERY", "at": "2026-01-10T09:00:00+00:00",
              "status": "COMPLETED", "description": None, "heldByCustomer": None}
RITA_REF = {"resourceId": "R000301", "name": "Rita Hale"}
TOM_REF = {"resourceId": "R000303", "name": "Tom Reed"}


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "relationship_plans", "incident_activity")


async def events(db: Database, plan_id: str = PLAN) -> list[dict[str, Any]]:
    return await db.read(EVENTS, planId=plan_id)


def without_at(activity: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in a.items() if k != "at" or a["kind"] != "EVENT"} for a in activity]


async def create(db: Database, settings: Settings, who: frozenset[Any] | Principal = RITA, key: str | None = None,
                 **fields: Any) -> Any:
    request = {"planId": PLAN, "incidentType": "COMPLAINT", "source": "CUSTOMER",
               "description": "Charged twice for the card fee", **fields}
    return (await run(db, settings, CREATE, who, input=request, key=key))["createRelationshipIncident"]


async def control(db: Database, settings: Settings, action: str, incident_id: str = SEEDED,
                  who: frozenset[Any] | Principal = RITA, **args: Any) -> Any:
    done = await run(db, settings, CONTROL, who, planId=PLAN, incidentId=incident_id, action=action, **args)
    return done["controlRelationshipIncident"]


async def exchange(db: Database, settings: Settings, action: str, incident_id: str = SEEDED,
                   who: frozenset[Any] | Principal = RITA, **args: Any) -> Any:
    done = await run(db, settings, EXCHANGE, who, planId=PLAN, incidentId=incident_id, action=action, **args)
    return done["exchangeRelationshipIncident"]


async def close(db: Database, settings: Settings, incident_id: str = SEEDED) -> None:
    await exchange(db, settings, "RESOLVE", incident_id, resolution="Collection re-run")
    await exchange(db, settings, "CLOSE", incident_id)


# Retrieve

async def test_the_incident_shows_the_activity_it_concerns(bank: Database, settings: Settings) -> None:
    result, context = await execute(bank, settings, RETRIEVE, {"planId": PLAN, "incidentId": SEEDED}, RITA)
    assert result.errors is None and result.data is not None
    incident = result.data["relationshipIncident"]
    assert {**incident, "activity": without_at(incident["activity"])} == {
        "incidentId": SEEDED, "incidentType": "PAYMENT_ISSUE", "source": "PRODUCT_FULFILMENT",
        "description": "Mortgage repayment collection failed twice", "resolution": None, "previousResolutions": [],
        "capturedDetails": [], "priority": 3, "status": "OPEN", "statusReason": None, "resolvedAt": None,
        "closedAt": None, "ageDays": 58, "assignee": None, "plan": {"planId": PLAN, "status": "ACTIVE"},
        "customer": {"customerId": "C0000001", "name": "Alice Martin"}, "activity": [FAILED_REPAYMENT, MORTGAGE],
        "createdBy": "R000301", "updatedBy": "R000301"}
    assert context.db.round_trips == 2  # the book, then the incident


async def test_analysts_read_incidents_without_narratives(bank: Database, settings: Settings) -> None:
    await exchange(bank, settings, "RESOLVE", resolution="Collection re-run with the customer's consent")
    incident = (await run(bank, settings, RETRIEVE, ANALYST, planId=PLAN, incidentId=SEEDED))["relationshipIncident"]
    assert (incident["description"], incident["resolution"], incident["capturedDetails"],
            incident["previousResolutions"]) == (None, None, None, None)
    assert (incident["status"], incident["activity"][1]) == ("RESOLVED", MORTGAGE)


async def test_an_unknown_incident_or_plan_is_not_found(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, RETRIEVE, ADMIN, planId=PLAN, incidentId="IN-NONE")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "incidentId")
    error = await fails(bank, settings, RETRIEVE, ADMIN, planId="RP-NONE", incidentId=SEEDED)
    assert (error["code"], error["field"]) == ("NOT_FOUND", "planId")


async def test_roles_and_books_bound_who_reads_incidents(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, RETRIEVE, FRONTEND, planId=PLAN, incidentId=SEEDED)
    assert error["code"] == "FORBIDDEN"
    error = await fails(bank, settings, LIST, SAM, planId=PLAN)
    assert (error["code"], error["field"]) == ("FORBIDDEN", "planId")
    listed = await run(bank, settings, LIST, TOM, planId=PLAN)
    assert listed == {"relationshipIncidents": [{"incidentId": SEEDED, "priority": 3, "status": "OPEN"}]}


# Create

async def test_an_incident_is_raised_on_the_activity_concerned(bank: Database, settings: Settings) -> None:
    activity = {"eventIds": ["EV-C0000001-11"], "allocationIds": ["AL-IN-ALICE"],
                "productIds": ["P-CARD-GOLD", "P-CURRENT", "P-CARD-GOLD"]}
    created = await create(bank, settings, activity=activity)
    incident = created["incident"]
    assert created["replayed"] is False and incident["incidentId"].startswith("IN-")
    assert {**incident, "incidentId": None, "activity": without_at(incident["activity"])} == {
        "incidentId": None, "incidentType": "COMPLAINT", "source": "CUSTOMER",
        "description": "Charged twice for the card fee", "resolution": None, "previousResolutions": [],
        "capturedDetails": [], "priority": 3, "status": "OPEN", "statusReason": None, "resolvedAt": None,
        "closedAt": None, "ageDays": 0, "assignee": RITA_REF, "plan": {"planId": PLAN, "status": "ACTIVE"},
        "customer": {"customerId": "C0000001", "name": "Alice Martin"},
        "activity": [
            {"kind": "EVENT", "id": "EV-C0000001-11", "type": "PAYMENT_ISSUE", "status": "ESCALATED",
             "description": "PAYMENT_ISSUE", "heldByCustomer": None},
            ALICE_CALL,
            {"kind": "PRODUCT", "id": "P-CARD-GOLD", "type": "CARDS", "at": None, "status": "CLOSED",
             "description": "Gold Credit Card", "heldByCustomer": True},
            {"kind": "PRODUCT", "id": "P-CURRENT", "type": "DEPOSITS", "at": None, "status": "ACTIVE",
             "description": "Current Account", "heldByCustomer": True}],
        "createdBy": "R000301", "updatedBy": "R000301"}
    assert await events(bank) == [{
        "type": "INCIDENT_CREATED", "category": "RELATIONSHIP", "subject": incident["incidentId"], "result": "OPEN",
        "resourceId": "R000301",
        "record": f"COMPLAINT incident {incident['incidentId']} raised on plan {PLAN} (source CUSTOMER, priority 3), "
                  "assigned to R000301; concerns events EV-C0000001-11; allocations AL-IN-ALICE; "
                  "products P-CARD-GOLD, P-CURRENT"}]


async def test_incidents_are_listed_by_priority_then_age(bank: Database, settings: Settings) -> None:
    urgent = (await create(bank, settings, TOM, priority=5, assigneeId="R000303"))["incident"]
    assert (urgent["assignee"], urgent["createdBy"]) == (TOM_REF, "R000303")  # Tom covers Rita's book
    low = (await create(bank, settings, ADMIN, priority=1, incidentType="ACCESS_ISSUE"))["incident"]
    listed = await run(bank, settings, LIST, RITA, planId=PLAN)
    assert listed == {"relationshipIncidents": [
        {"incidentId": urgent["incidentId"], "priority": 5, "status": "OPEN"},
        {"incidentId": SEEDED, "priority": 3, "status": "OPEN"},
        {"incidentId": low["incidentId"], "priority": 1, "status": "OPEN"}]}
    await exchange(bank, settings, "ACKNOWLEDGE")
    assert await run(bank, settings, LIST, RITA, planId=PLAN, status=["IN_PROGRESS"]) == {
        "relationshipIncidents": [{"incidentId": SEEDED, "priority": 3, "status": "IN_PROGRESS"}]}


@pytest.mark.parametrize(("fields", "code", "field"), [
    ({"priority": 0}, "VALIDATION", "input.priority"),
    ({"priority": 6}, "VALIDATION", "input.priority"),
    ({"description": "   "}, "VALIDATION", "input.description"),
    ({"description": "x" * 2001}, "VALIDATION", "input.description"),
    ({"activity": {"eventIds": [f"EV-{n}" for n in range(15)], "productIds": [f"P-{n}" for n in range(6)]}},
     "VALIDATION", "input.activity"),
    ({"activity": {"eventIds": ["EV-C0000001-09", "EV-C0000004-01"]}}, "VALIDATION", "input.activity.eventIds[1]"),
    ({"activity": {"allocationIds": ["AL-IN-BOB"]}}, "VALIDATION", "input.activity.allocationIds[0]"),
    ({"activity": {"eventIds": ["EV-NONE"]}}, "NOT_FOUND", "input.activity.eventIds[0]"),
    ({"activity": {"allocationIds": ["AL-IN-ALICE", "AL-NONE"]}}, "NOT_FOUND", "input.activity.allocationIds[1]"),
    ({"activity": {"productIds": ["P-NONE"]}}, "NOT_FOUND", "input.activity.productIds[0]"),
    ({"assigneeId": "R-NONE"}, "NOT_FOUND", "input.assigneeId"),
    ({"planId": "RP-NONE"}, "NOT_FOUND", "input.planId"),
    ({"planId": "RP-C0000005"}, "CONFLICT", "input.planId"),
])
async def test_bad_incidents_are_refused_and_change_nothing(bank: Database, settings: Settings, fields: dict[str, Any],
                                                            code: str, field: str) -> None:
    request = {"planId": PLAN, "incidentType": "COMPLAINT", "source": "CUSTOMER", "description": "Charged twice",
               **fields}
    error = await fails(bank, settings, CREATE, ADMIN, input=request)
    assert (error["code"], error["field"]) == (code, field), error


async def test_closed_plans_take_no_incidents(bank: Database, settings: Settings) -> None:
    request = {"planId": "RP-C0000005", "incidentType": "COMPLAINT", "source": "CUSTOMER", "description": "Late"}
    error = await fails(bank, settings, CREATE, ADMIN, input=request)
    assert error == {"code": "CONFLICT", "field": "input.planId", "message":
                     "relationship plan RP-C0000005 is CLOSED: raising an incident needs an open plan "
                     "(DRAFT, VERIFIED, ACTIVE, SUSPENDED)"}


async def test_writers_are_bounded_by_role_and_book(bank: Database, settings: Settings) -> None:
    request = {"planId": PLAN, "incidentType": "COMPLAINT", "source": "CUSTOMER", "description": "Late"}
    assert (await fails(bank, settings, CREATE, FRONTEND, input=request))["code"] == "FORBIDDEN"
    assert (await fails(bank, settings, CREATE, ANALYST, input=request))["code"] == "FORBIDDEN"
    error = await fails(bank, settings, CREATE, SAM, input=request)
    assert (error["code"], error["field"]) == ("FORBIDDEN", "input.planId")
    error = await fails(bank, settings, CONTROL, SAM, planId=PLAN, incidentId=SEEDED, action="RAISE_PRIORITY")
    assert (error["code"], error["field"]) == ("FORBIDDEN", "planId")


async def test_a_repeated_key_returns_the_first_incident(bank: Database, settings: Settings) -> None:
    first = await create(bank, settings, key="rm-desk-incident-1")
    again = await create(bank, settings, key="rm-desk-incident-1")
    assert again == {**first, "replayed": True}
    assert len(await events(bank)) == 1
    assert len((await run(bank, settings, LIST, RITA, planId=PLAN))["relationshipIncidents"]) == 2
    request = {"planId": PLAN, "incidentType": "COMPLAINT", "source": "CUSTOMER", "description": "Something else"}
    error = await fails(bank, settings, CREATE, RITA, input=request, key="rm-desk-incident-1")
    assert (error["code"], error["field"]) == ("CONFLICT", "idempotencyKey")


async def test_two_identical_requests_at_once_raise_one_incident(bank: Database, settings: Settings) -> None:
    both = await asyncio.gather(*(create(bank, settings, key="same-time-1") for _ in range(2)))
    assert sorted(b["replayed"] for b in both) == [False, True]
    assert both[0]["incident"]["incidentId"] == both[1]["incident"]["incidentId"]
    assert len(await events(bank)) == 1


async def test_a_suspended_plan_still_takes_incidents(bank: Database, settings: Settings) -> None:
    created = (await create(bank, settings, planId="RP-C0000004", activity={"eventIds": ["EV-C0000004-03"]}))
    incident = created["incident"]
    assert (incident["plan"], incident["customer"], incident["activity"][0]["id"]) == (
        {"planId": "RP-C0000004", "status": "SUSPENDED"}, {"customerId": "C0000004", "name": "Acme Widgets Ltd"},
        "EV-C0000004-03")
    assert [e["type"] for e in await events(bank, "RP-C0000004")] == ["INCIDENT_CREATED"]


# Update

async def test_an_incident_is_updated_and_reassigned(bank: Database, settings: Settings) -> None:
    done = (await run(bank, settings, UPDATE, RITA, input={
        "planId": PLAN, "incidentId": SEEDED, "incidentType": "PRODUCT_FAILURE", "source": "MONITORING",
        "description": " Direct debit mandate lost ", "assigneeId": "R000303"}))["updateRelationshipIncident"]
    incident = done["incident"]
    assert (incident["incidentType"], incident["source"], incident["description"], incident["assignee"],
            incident["status"]) == ("PRODUCT_FAILURE", "MONITORING", "Direct debit mandate lost", TOM_REF, "OPEN")
    assert await events(bank) == [{
        "type": "INCIDENT_UPDATED", "category": "RELATIONSHIP", "subject": SEEDED, "result": "OPEN",
        "resourceId": "R000303",
        "record": f"incident {SEEDED} updated: description, incidentType, source, assigneeId; assigned to R000303"}]
    again = (await run(bank, settings, UPDATE, ADMIN, input={"planId": PLAN, "incidentId": SEEDED,
                                                              "assigneeId": "R000301"}))["updateRelationshipIncident"]
    assert again["incident"]["assignee"] == RITA_REF


@pytest.mark.parametrize(("fields", "code", "field"), [
    ({}, "VALIDATION", "input"),
    ({"description": ""}, "VALIDATION", "input.description"),
    ({"incidentId": "IN-NONE", "source": "CUSTOMER"}, "NOT_FOUND", "input.incidentId"),
    ({"assigneeId": "R-NONE"}, "NOT_FOUND", "input.assigneeId"),
    ({"planId": "RP-C0000006", "source": "CUSTOMER"}, "NOT_FOUND", "input.incidentId"),  # not that plan's
    ({"planId": "RP-C0000005", "source": "CUSTOMER"}, "CONFLICT", "input.planId"),
])
async def test_bad_updates_are_refused(bank: Database, settings: Settings, fields: dict[str, Any], code: str,
                                       field: str) -> None:
    error = await fails(bank, settings, UPDATE, ADMIN, input={"planId": PLAN, "incidentId": SEEDED, **fields})
    assert (error["code"], error["field"]) == (code, field), error


async def test_a_closed_incident_does_not_change(bank: Database, settings: Settings) -> None:
    await close(bank, settings)
    error = await fails(bank, settings, UPDATE, RITA, input={"planId": PLAN, "incidentId": SEEDED, "source": "CUSTOMER"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.incidentId")
    error = await fails(bank, settings, CAPTURE, RITA, input={"planId": PLAN, "incidentId": SEEDED,
                                                               "capturedDetail": "Late finding"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.incidentId")
    error = await fails(bank, settings, CONTROL, RITA, planId=PLAN, incidentId=SEEDED, action="HOLD", reason="Wait")
    assert error == {"code": "CONFLICT", "field": "action",
                     "message": f"incident {SEEDED} is CLOSED: HOLD starts from OPEN, IN_PROGRESS"}


# Control and exchange: the incident's life

async def test_an_incident_lives_from_open_to_closed(bank: Database, settings: Settings) -> None:
    assert (await exchange(bank, settings, "ACKNOWLEDGE"))["incident"]["status"] == "IN_PROGRESS"
    error = await fails(bank, settings, CONTROL, RITA, planId=PLAN, incidentId=SEEDED, action="HOLD")
    assert (error["code"], error["field"]) == ("VALIDATION", "reason")
    held = (await control(bank, settings, "HOLD", reason="Waiting for the customer's bank"))["incident"]
    assert (held["status"], held["statusReason"]) == ("ON_HOLD", "Waiting for the customer's bank")
    error = await fails(bank, settings, EXCHANGE, RITA, planId=PLAN, incidentId=SEEDED, action="ACKNOWLEDGE")
    assert error == {"code": "CONFLICT", "field": "action",
                     "message": f"incident {SEEDED} is ON_HOLD: ACKNOWLEDGE starts from OPEN"}
    resumed = (await control(bank, settings, "RESUME"))["incident"]
    assert (resumed["status"], resumed["statusReason"]) == ("IN_PROGRESS", None)
    error = await fails(bank, settings, EXCHANGE, RITA, planId=PLAN, incidentId=SEEDED, action="RESOLVE")
    assert (error["code"], error["field"]) == ("VALIDATION", "resolution")
    resolved = (await exchange(bank, settings, "RESOLVE", resolution="Collection re-run"))["incident"]
    assert (resolved["status"], resolved["resolution"], resolved["resolvedAt"] is not None) == (
        "RESOLVED", "Collection re-run", True)
    error = await fails(bank, settings, EXCHANGE, RITA, planId=PLAN, incidentId=SEEDED, action="REOPEN")
    assert (error["code"], error["field"]) == ("VALIDATION", "reason")
    reopened = (await exchange(bank, settings, "REOPEN", reason="Failed again"))["incident"]
    assert (reopened["status"], reopened["statusReason"], reopened["resolution"], reopened["resolvedAt"]) == (
        "IN_PROGRESS", "Failed again", None, None)
    [previous] = reopened["previousResolutions"]
    assert previous.endswith(" — R000301 — Collection re-run")
    await exchange(bank, settings, "RESOLVE", resolution="Mandate renewed")
    closed = (await exchange(bank, settings, "CLOSE"))["incident"]
    assert (closed["status"], closed["resolution"], closed["closedAt"] is not None) == (
        "CLOSED", "Mandate renewed", True)
    assert [(e["type"], e["result"], e["subject"]) for e in await events(bank)] == [
        ("INCIDENT_ACKNOWLEDGED", "IN_PROGRESS", SEEDED), ("INCIDENT_ON_HOLD", "ON_HOLD", SEEDED),
        ("INCIDENT_RESUMED", "IN_PROGRESS", SEEDED), ("INCIDENT_RESOLVED", "RESOLVED", SEEDED),
        ("INCIDENT_REOPENED", "IN_PROGRESS", SEEDED), ("INCIDENT_RESOLVED", "RESOLVED", SEEDED),
        ("INCIDENT_CLOSED", "CLOSED", SEEDED)]
    assert (await events(bank))[1]["record"] == f"incident {SEEDED} IN_PROGRESS → ON_HOLD: Waiting for the customer's bank"


async def test_priority_moves_one_step_within_its_bounds(bank: Database, settings: Settings) -> None:
    assert (await control(bank, settings, "RAISE_PRIORITY"))["incident"]["priority"] == 4
    assert (await control(bank, settings, "RAISE_PRIORITY", reason="Customer escalated"))["incident"]["priority"] == 5
    error = await fails(bank, settings, CONTROL, RITA, planId=PLAN, incidentId=SEEDED, action="RAISE_PRIORITY")
    assert (error["code"], error["field"]) == ("CONFLICT", "action")
    for expected in (4, 3, 2, 1):
        assert (await control(bank, settings, "LOWER_PRIORITY"))["incident"]["priority"] == expected
    error = await fails(bank, settings, CONTROL, RITA, planId=PLAN, incidentId=SEEDED, action="LOWER_PRIORITY")
    assert (error["code"], error["field"]) == ("CONFLICT", "action")
    logged = await events(bank)
    assert [e["type"] for e in logged] == ["INCIDENT_PRIORITY_CHANGED"] * 6
    assert logged[1]["record"] == f"incident {SEEDED} priority 4 → 5: Customer escalated"
    await exchange(bank, settings, "RESOLVE", resolution="Collection re-run")
    error = await fails(bank, settings, CONTROL, RITA, planId=PLAN, incidentId=SEEDED, action="RAISE_PRIORITY")
    assert (error["code"], error["field"]) == ("CONFLICT", "action")


@pytest.mark.parametrize(("query", "args", "code", "field"), [
    (EXCHANGE, {"action": "ACKNOWLEDGE", "resolution": "Done"}, "VALIDATION", "resolution"),
    (EXCHANGE, {"action": "RESOLVE", "resolution": "x" * 2001}, "VALIDATION", "resolution"),
    (CONTROL, {"action": "HOLD", "reason": "x" * 201}, "VALIDATION", "reason"),
    (EXCHANGE, {"action": "CLOSE"}, "CONFLICT", "action"),
    (EXCHANGE, {"action": "REOPEN", "reason": "Again"}, "CONFLICT", "action"),
    (CONTROL, {"action": "RESUME"}, "CONFLICT", "action"),
    (CONTROL, {"action": "RAISE_PRIORITY", "incidentId": "IN-NONE"}, "NOT_FOUND", "incidentId"),
    (CONTROL, {"action": "RAISE_PRIORITY", "planId": "RP-NONE"}, "NOT_FOUND", "planId"),
    (CONTROL, {"action": "RAISE_PRIORITY", "planId": "RP-C0000005"}, "CONFLICT", "planId"),
])
async def test_illegal_moves_are_refused(bank: Database, settings: Settings, query: str, args: dict[str, Any],
                                         code: str, field: str) -> None:
    error = await fails(bank, settings, query, ADMIN, **{"planId": PLAN, "incidentId": SEEDED, **args})
    assert (error["code"], error["field"]) == (code, field), error


async def test_a_repeated_move_is_replayed_not_repeated(bank: Database, settings: Settings) -> None:
    first = await control(bank, settings, "RAISE_PRIORITY", key="raise-1")
    again = await control(bank, settings, "RAISE_PRIORITY", key="raise-1")
    assert (first["incident"]["priority"], again["replayed"], again["incident"]["priority"]) == (4, True, 4)
    assert len(await events(bank)) == 1
    error = await fails(bank, settings, CONTROL, RITA, planId=PLAN, incidentId=SEEDED, action="LOWER_PRIORITY",
                        key="raise-1")
    assert (error["code"], error["field"]) == ("CONFLICT", "idempotencyKey")


# Capture

async def test_captured_details_and_activity_are_added_once(bank: Database, settings: Settings) -> None:
    done = (await run(bank, settings, CAPTURE, RITA, key="capture-1", input={
        "planId": PLAN, "incidentId": SEEDED, "capturedDetail": " Mandate cancelled by the payer's bank ",
        "activity": {"eventIds": ["EV-C0000001-09"], "allocationIds": ["AL-IN-ALICE"]}}))["captureRelationshipIncident"]
    incident = done["incident"]
    assert without_at(incident["activity"]) == [FAILED_REPAYMENT, ALICE_CALL, MORTGAGE]
    [detail] = incident["capturedDetails"]
    assert detail.endswith(" — R000301 — Mandate cancelled by the payer's bank")
    again = (await run(bank, settings, CAPTURE, RITA, key="capture-1", input={
        "planId": PLAN, "incidentId": SEEDED, "capturedDetail": "Mandate cancelled by the payer's bank",
        "activity": {"eventIds": ["EV-C0000001-09"], "allocationIds": ["AL-IN-ALICE"]}}))["captureRelationshipIncident"]
    assert again == {**done, "replayed": True}
    assert await events(bank) == [{
        "type": "INCIDENT_CAPTURED", "category": "RELATIONSHIP", "subject": SEEDED, "result": "OPEN",
        "resourceId": None,
        "record": f"captured on incident {SEEDED}: a detail and events EV-C0000001-09; allocations AL-IN-ALICE"}]
    more = (await run(bank, settings, CAPTURE, ADMIN, input={
        "planId": PLAN, "incidentId": SEEDED, "capturedDetail": "Customer set up a new mandate"}))
    assert len(more["captureRelationshipIncident"]["incident"]["capturedDetails"]) == 2


@pytest.mark.parametrize(("fields", "code", "field"), [
    ({}, "VALIDATION", "input"),
    ({"activity": {}}, "VALIDATION", "input"),
    ({"capturedDetail": "x" * 2001}, "VALIDATION", "input.capturedDetail"),
    ({"activity": {"allocationIds": ["AL-IN-BOB"]}}, "VALIDATION", "input.activity.allocationIds[0]"),
    ({"activity": {"productIds": ["P-NONE"]}}, "NOT_FOUND", "input.activity.productIds[0]"),
    ({"incidentId": "IN-NONE", "capturedDetail": "Finding"}, "NOT_FOUND", "input.incidentId"),
])
async def test_bad_captures_are_refused(bank: Database, settings: Settings, fields: dict[str, Any], code: str,
                                        field: str) -> None:
    error = await fails(bank, settings, CAPTURE, RITA, input={"planId": PLAN, "incidentId": SEEDED, **fields})
    assert (error["code"], error["field"]) == (code, field), error
