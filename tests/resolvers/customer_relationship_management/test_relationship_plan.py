"""The relationship plan end to end against tests/data/relationship_plans.cypher and plan_insights.cypher:
create, update, control, exchange, grant and retrieve, each step's Relationship event, bad input,
idempotency, concurrency and roles.

Rita (R000301) manages Alice (plan RP-C0000001, ACTIVE, an open incident), Bob (no plan) and Acme
(RP-C0000004, SUSPENDED); Sam (R000302) manages Dieter (RP-C0000005, CLOSED) and Acme Holdings
(RP-C0000006, ACTIVE, sales blocked); Tom (R000303) backs Rita up, and Rita backs Sam up. Chloe has
no RM; Ann (R000304) is an agent.
"""

from __future__ import annotations

import asyncio
import datetime
from typing import Any

import pytest

from gateway.security.auth import Principal
from gateway.settings import Settings
from graph.database import Database
from tests.support import ADMIN, ANALYST, FRONTEND, RM, bank_graph, execute, fails, run

RITA, SAM, TOM = Principal("R000301", RM), Principal("R000302", RM), Principal("R000303", RM)
PLAN = """planId status statusReason planType planTypeName description organisation customer { customerId name segment }
  owner { resourceId name } validity { validFrom validTo } reviewDue
  goals { goalId goalType definition target result organisation } budget { type amount currency } relationshipBudget
  plannedActions insightType insightDescription rating { type value description date } productCoverage productUsage
  eligibilityProfile profitability employeeBusinessUnitReference
  campaigns { campaign { campaignId name } grantedBy reason }
  developmentTasks { taskId taskType status dueOn } incidents { incidentId incidentType status priority }
  contacts { contactId contactType status }
  insights { heldProducts { productId suitsSegment } suitedProductCount productCoverageShare lastProductProcessingAt
             productProcessingEventsLast90Days creditRating valueTier }
  createdBy updatedBy verifiedAt verifiedBy acceptedAt closedAt"""
CREATE = f"""mutation ($input: CreateRelationshipPlanInput!, $key: String) {{
  createRelationshipPlan(input: $input, idempotencyKey: $key) {{ replayed plan {{ {PLAN} }} }} }}"""
UPDATE = f"""mutation ($input: UpdateRelationshipPlanInput!, $key: String) {{
  updateRelationshipPlan(input: $input, idempotencyKey: $key) {{ replayed plan {{ {PLAN} }} }} }}"""
CONTROL = f"""mutation ($planId: ID!, $action: PlanControlAction!, $reason: String, $key: String) {{
  controlRelationshipPlan(planId: $planId, action: $action, reason: $reason, idempotencyKey: $key) {{
    replayed plan {{ {PLAN} }} }} }}"""
EXCHANGE = f"""mutation ($planId: ID!, $action: PlanExchangeAction!, $reason: String, $key: String) {{
  exchangeRelationshipPlan(planId: $planId, action: $action, reason: $reason, idempotencyKey: $key) {{
    replayed plan {{ {PLAN} }} }} }}"""
GRANT = f"""mutation ($planId: ID!, $campaignId: ID!, $reason: String, $key: String) {{
  grantRelationshipPlan(planId: $planId, campaignId: $campaignId, reason: $reason, idempotencyKey: $key) {{
    replayed plan {{ {PLAN} }} }} }}"""
RETRIEVE = f"query ($planId: ID!) {{ relationshipPlan(planId: $planId) {{ {PLAN} }} }}"
OF_CUSTOMER = """query ($customerId: ID!) { customerRelationshipPlans(customerId: $customerId) {
  planId status planType owner { resourceId } goalCount validity { validFrom validTo } } }"""
EVENTS = """
MATCH (log:CustomerEventLog)-[:RECORDED]->(e:RelationshipEvent)-[:CONCERNS]->(:RelationshipPlan {planId: $planId})
WHERE e.occurredAt > datetime() - duration({hours: 1})
RETURN e.type AS type, e.category AS category, e.subjectReference AS subject, e.result AS result, e.record AS record,
       [(e)-[:CONCERNS]->(r:ServicingResource) | r.resourceId][0] AS resourceId, log.customerId AS customerId
ORDER BY e.occurredAt
"""
OPEN_PLANS = """MATCH (:Customer {customerId: $customerId})-[:HAS_PLAN]->(p:RelationshipPlan)
WHERE p.status IN ['DRAFT', 'VERIFIED', 'ACTIVE', 'SUSPENDED'] RETURN p.planId AS planId"""
BOB = {"customerId": "C0000002", "planType": "MANAGEMENT"}
GOAL = {"goalType": "CROSS_SELL", "definition": "Hold a savings product", "target": "1 new product"}


@pytest.fixture
async def db(database: Database) -> Database:
    return await bank_graph(database, "relationship_plans", "plan_insights")


def today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


async def create(db: Database, settings: Settings, who: Principal | frozenset[Any] = RITA, key: str | None = None,
                 **fields: Any) -> Any:
    return (await run(db, settings, CREATE, who, input={**BOB, **fields}, key=key))["createRelationshipPlan"]


async def events(db: Database, plan_id: str) -> list[tuple[str, str | None, str | None]]:
    rows = await db.read(EVENTS, planId=plan_id)
    assert all(row["category"] == "RELATIONSHIP" for row in rows)
    return [(row["type"], row["subject"], row["resourceId"]) for row in rows]


# --- Create ---------------------------------------------------------------------------------------

async def test_create_makes_a_draft_plan_owned_by_the_customers_rm_with_defaults_and_logs_it(
        db: Database, settings: Settings) -> None:
    answer = await create(db, settings, planTypeName="Premier growth", description="  Grow Bob's savings  ",
                          goals=[GOAL, {**GOAL, "goalType": "RETAIN", "organisation": "Premier desk"}],
                          budget={"type": "OPERATING", "amount": 1500.5, "currency": "GBP"},
                          plannedActions=["Call about the saver", "Review the mortgage"],
                          insightType="LIFE_STAGE", insightDescription="Newly married",
                          rating={"type": "CREDIT_RATING", "value": "7", "date": "2026-01-01"},
                          profitability="Profitable", employeeBusinessUnitReference="PREMIER-LONDON")
    plan = answer["plan"]
    start = today()
    assert answer["replayed"] is False
    assert plan["planId"].startswith("RP-")
    assert {k: plan[k] for k in ("status", "planType", "planTypeName", "description", "owner", "customer", "validity",
                                 "reviewDue", "budget", "plannedActions", "insightDescription", "rating", "createdBy",
                                 "verifiedAt", "campaigns", "developmentTasks")} == {
        "status": "DRAFT", "planType": "MANAGEMENT", "planTypeName": "Premier growth",
        "description": "Grow Bob's savings", "owner": {"resourceId": "R000301", "name": "Rita Hale"},
        "customer": {"customerId": "C0000002", "name": "Bob Martin", "segment": "PREMIER"},
        "validity": {"validFrom": start.isoformat(), "validTo": start.replace(year=start.year + 1).isoformat()},
        "reviewDue": (start + datetime.timedelta(days=182)).isoformat(),
        "budget": {"type": "OPERATING", "amount": 1500.5, "currency": "GBP"},
        "plannedActions": ["Call about the saver", "Review the mortgage"], "insightDescription": "Newly married",
        "rating": {"type": "CREDIT_RATING", "value": "7", "description": None, "date": "2026-01-01"},
        "createdBy": "R000301", "verifiedAt": None, "campaigns": [], "developmentTasks": []}
    assert plan["goals"] == [
        {"goalId": f"{plan['planId']}-G1", "goalType": "CROSS_SELL", "definition": "Hold a savings product",
         "target": "1 new product", "result": "NOT_STARTED", "organisation": None},
        {"goalId": f"{plan['planId']}-G2", "goalType": "RETAIN", "definition": "Hold a savings product",
         "target": "1 new product", "result": "NOT_STARTED", "organisation": "Premier desk"}]
    assert await events(db, plan["planId"]) == [("PLAN_CREATED", None, "R000301")]
    [logged] = await db.read(EVENTS, planId=plan["planId"])
    assert (logged["customerId"], logged["result"]) == ("C0000002", "DRAFT")


async def test_a_customer_has_at_most_one_open_plan_but_a_closed_one_does_not_count(
        db: Database, settings: Settings) -> None:
    error = await fails(db, settings, CREATE, RITA, input={**BOB, "customerId": "C0000001"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.customerId")
    assert "RP-C0000001" in error["message"]
    dieter = await create(db, settings, SAM, customerId="C0000005")
    assert (dieter["plan"]["status"], dieter["plan"]["owner"]["resourceId"]) == ("DRAFT", "R000302")


@pytest.mark.parametrize(("fields", "field"), [
    ({"validFrom": "2027-01-01", "validTo": "2026-06-01"}, "input.validTo"),
    ({"reviewDue": "2020-01-01"}, "input.reviewDue"),
    ({"goals": [GOAL] * 11}, "input.goals"),
    ({"goals": [{**GOAL, "definition": "  "}]}, "input.goals[0].definition"),
    ({"budget": {"type": "FINANCIAL", "amount": 10, "currency": "gbp"}}, "input.budget.currency"),
    ({"budget": {"type": "FINANCIAL", "amount": -1, "currency": "GBP"}}, "input.budget.amount"),
    ({"description": "x" * 2001}, "input.description"),
    ({"planTypeName": "x" * 201}, "input.planTypeName"),
    ({"plannedActions": ["call"] * 21}, "input.plannedActions"),
    ({"plannedActions": ["call", " "]}, "input.plannedActions[1]"),
    ({"rating": {"type": "PROFITABILITY", "value": ""}}, "input.rating.value"),
])
async def test_create_refuses_bad_input_naming_the_field(db: Database, settings: Settings, fields: dict[str, Any],
                                                         field: str) -> None:
    error = await fails(db, settings, CREATE, RITA, input={**BOB, **fields})
    assert (error["code"], error["field"]) == ("VALIDATION", field)


@pytest.mark.parametrize(("fields", "code", "field"), [
    ({"customerId": "C9999999"}, "NOT_FOUND", "input.customerId"),
    ({"ownerId": "R999999"}, "NOT_FOUND", "input.ownerId"),
    ({"ownerId": "R000304"}, "VALIDATION", "input.ownerId"),
    ({"customerId": "C0000003"}, "CONFLICT", "input.ownerId"),
])
async def test_create_refuses_unknown_customers_and_owners_that_cannot_own_a_plan(
        db: Database, settings: Settings, fields: dict[str, Any], code: str, field: str) -> None:
    error = await fails(db, settings, CREATE, ADMIN, input={**BOB, **fields})
    assert (error["code"], error["field"]) == (code, field)


async def test_a_customer_without_an_rm_gets_a_plan_when_an_owner_is_named(db: Database, settings: Settings) -> None:
    plan = (await create(db, settings, ADMIN, customerId="C0000003", ownerId="R000303"))["plan"]
    assert (plan["owner"]["resourceId"], plan["createdBy"]) == ("R000303", "tester")


async def test_who_may_create(db: Database, settings: Settings) -> None:
    for who in (FRONTEND, ANALYST):
        assert (await fails(db, settings, CREATE, who, input=BOB))["code"] == "FORBIDDEN"
    error = await fails(db, settings, CREATE, SAM, input=BOB)
    assert (error["code"], error["field"]) == ("FORBIDDEN", "input.customerId")
    covered = await create(db, settings, TOM)  # Tom covers Rita's book as her backup
    assert (covered["plan"]["owner"]["resourceId"], covered["plan"]["createdBy"]) == ("R000301", "R000303")


async def test_a_repeated_key_replays_the_first_plan_and_another_request_with_it_is_a_conflict(
        db: Database, settings: Settings) -> None:
    first = await create(db, settings, key="plan-bob-1", goals=[GOAL])
    again = await create(db, settings, key="plan-bob-1", goals=[GOAL])
    assert (again["replayed"], again["plan"]) == (True, first["plan"])
    assert await events(db, first["plan"]["planId"]) == [("PLAN_CREATED", None, "R000301")]
    error = await fails(db, settings, CREATE, RITA, input={**BOB, "description": "another"}, key="plan-bob-1")
    assert (error["code"], error["field"]) == ("CONFLICT", "idempotencyKey")


async def test_concurrent_creations_for_one_customer_leave_exactly_one_open_plan(
        db: Database, settings: Settings) -> None:
    results = await asyncio.gather(*(execute(db, settings, CREATE, {"input": {**BOB, "description": f"try {n}"}}, RITA)
                                     for n in range(6)))
    created = [r.data["createRelationshipPlan"]["plan"]["planId"] for r, _ in results if r.errors is None]
    refused = [r.errors[0].extensions for r, _ in results if r.errors is not None]
    assert len(created) == 1
    assert refused == [{"code": "CONFLICT", "field": "input.customerId"}] * 5
    assert await db.read(OPEN_PLANS, customerId="C0000002") == [{"planId": created[0]}]


# --- Update ---------------------------------------------------------------------------------------

async def test_update_sets_what_is_given_changes_and_adds_goals_and_logs_the_changes(
        db: Database, settings: Settings) -> None:
    answer = (await run(db, settings, UPDATE, RITA, input={
        "planId": "RP-C0000001", "description": "Premier plan, renewed", "organisation": "Premier desk",
        "goals": [{"goalId": "RP-C0000001-G1", "result": "ACHIEVED"}, GOAL]}))["updateRelationshipPlan"]
    plan = answer["plan"]
    assert (answer["replayed"], plan["description"], plan["organisation"], plan["updatedBy"], plan["status"]) == (
        False, "Premier plan, renewed", "Premier desk", "R000301", "ACTIVE")
    assert [(g["goalId"], g["result"]) for g in plan["goals"]] == [
        ("RP-C0000001-G1", "ACHIEVED"), ("RP-C0000001-G2", "AT_RISK"), ("RP-C0000001-G3", "NOT_STARTED")]
    assert plan["insightType"] == "LIFE_STAGE"  # untouched
    [logged] = await db.read(EVENTS, planId="RP-C0000001")
    assert (logged["type"], logged["resourceId"]) == ("PLAN_UPDATED", "R000301")
    assert logged["record"] == ("changed description, organisation; goals changed: RP-C0000001-G1; "
                                "goals added: RP-C0000001-G3")


@pytest.mark.parametrize(("input", "code", "field"), [
    ({"planId": "RP-C0000001"}, "VALIDATION", "input"),
    ({"planId": "RP-NOPE", "description": "x"}, "NOT_FOUND", "input.planId"),
    ({"planId": "RP-C0000005", "description": "x"}, "CONFLICT", "input.planId"),
    ({"planId": "RP-C0000001", "validTo": "2001-01-01"}, "VALIDATION", "input.validTo"),
    ({"planId": "RP-C0000001", "goals": [{"goalId": "RP-C0000001-G9", "target": "x"}]}, "NOT_FOUND",
     "input.goals[0].goalId"),
    ({"planId": "RP-C0000001", "goals": [{"goalId": "RP-C0000001-G1"}]}, "VALIDATION", "input.goals[0]"),
    ({"planId": "RP-C0000001", "goals": [{"definition": "x", "target": "y"}]}, "VALIDATION",
     "input.goals[0].goalType"),
    ({"planId": "RP-C0000001", "goals": [GOAL] * 9}, "VALIDATION", "input.goals"),
    ({"planId": "RP-C0000006", "goals": [{"goalId": "RP-C0000006-G2", "result": "ON_TRACK"}]}, "CONFLICT",
     "input.goals[0].result"),
    ({"planId": "RP-C0000001", "ownerId": "R999999"}, "NOT_FOUND", "input.ownerId"),
    ({"planId": "RP-C0000001", "ownerId": "R000304"}, "VALIDATION", "input.ownerId"),
])
async def test_update_refuses_bad_input_naming_the_field(db: Database, settings: Settings, input: dict[str, Any],
                                                         code: str, field: str) -> None:
    error = await fails(db, settings, UPDATE, ADMIN, input=input)
    assert (error["code"], error["field"]) == (code, field)


async def test_only_the_owner_or_an_admin_hands_a_plan_to_another_owner(db: Database, settings: Settings) -> None:
    error = await fails(db, settings, UPDATE, TOM, input={"planId": "RP-C0000001", "ownerId": "R000303"})
    assert (error["code"], error["field"]) == ("FORBIDDEN", "input.ownerId")
    plan = (await run(db, settings, UPDATE, RITA, input={"planId": "RP-C0000001", "ownerId": "R000303"}))
    assert plan["updateRelationshipPlan"]["plan"]["owner"]["resourceId"] == "R000303"
    [logged] = await db.read(EVENTS, planId="RP-C0000001")
    assert (logged["record"], logged["resourceId"]) == ("owner R000301 → R000303", "R000303")
    error = await fails(db, settings, UPDATE, SAM, input={"planId": "RP-C0000001", "description": "x"})
    assert (error["code"], error["field"]) == ("FORBIDDEN", "input.planId")


async def test_a_repeated_update_key_replays(db: Database, settings: Settings) -> None:
    input = {"planId": "RP-C0000001", "plannedActions": ["Call Alice"]}
    first = await run(db, settings, UPDATE, RITA, input=input, key="upd-1")
    again = await run(db, settings, UPDATE, RITA, input=input, key="upd-1")
    assert again["updateRelationshipPlan"] == {**first["updateRelationshipPlan"], "replayed": True}
    assert await events(db, "RP-C0000001") == [("PLAN_UPDATED", None, "R000301")]
    error = await fails(db, settings, UPDATE, RITA, input={**input, "plannedActions": ["x"]}, key="upd-1")
    assert (error["code"], error["field"]) == ("CONFLICT", "idempotencyKey")


# --- Exchange -------------------------------------------------------------------------------------

async def test_a_plan_is_verified_by_another_then_accepted_with_each_step_logged(
        db: Database, settings: Settings) -> None:
    plan_id = (await create(db, settings, goals=[GOAL]))["plan"]["planId"]
    error = await fails(db, settings, EXCHANGE, RITA, planId=plan_id, action="VERIFY")
    assert (error["code"], error["field"]) == ("FORBIDDEN", "action")
    error = await fails(db, settings, EXCHANGE, TOM, planId=plan_id, action="ACCEPT")
    assert (error["code"], error["field"]) == ("CONFLICT", "action")
    assert "DRAFT" in error["message"] and "VERIFIED" in error["message"]
    plan = (await run(db, settings, EXCHANGE, TOM, planId=plan_id, action="VERIFY"))["exchangeRelationshipPlan"]["plan"]
    assert (plan["status"], plan["verifiedBy"], plan["verifiedAt"] is not None) == ("VERIFIED", "R000303", True)
    plan = (await run(db, settings, EXCHANGE, RITA, planId=plan_id, action="ACCEPT"))["exchangeRelationshipPlan"]["plan"]
    assert (plan["status"], plan["acceptedAt"] is not None) == ("ACTIVE", True)
    assert await events(db, plan_id) == [("PLAN_CREATED", None, "R000301"), ("PLAN_VERIFIED", None, "R000301"),
                                         ("PLAN_ACCEPTED", None, "R000301")]


async def test_a_plan_without_goals_is_not_accepted_and_a_rejection_needs_a_reason(
        db: Database, settings: Settings) -> None:
    plan_id = (await create(db, settings))["plan"]["planId"]
    await run(db, settings, EXCHANGE, TOM, planId=plan_id, action="VERIFY")
    error = await fails(db, settings, EXCHANGE, RITA, planId=plan_id, action="ACCEPT")
    assert (error["code"], error["field"]) == ("CONFLICT", "action")
    error = await fails(db, settings, EXCHANGE, RITA, planId=plan_id, action="REJECT", reason=" ")
    assert (error["code"], error["field"]) == ("VALIDATION", "reason")
    plan = (await run(db, settings, EXCHANGE, RITA, planId=plan_id, action="REJECT",
                      reason="No goals agreed"))["exchangeRelationshipPlan"]["plan"]
    assert (plan["status"], plan["statusReason"]) == ("REJECTED", "No goals agreed")
    assert [e[0] for e in await events(db, plan_id)][-1] == "PLAN_REJECTED"
    error = await fails(db, settings, EXCHANGE, RITA, planId="RP-C0000001", action="REJECT", reason="x")
    assert (error["code"], error["field"]) == ("CONFLICT", "action")


# --- Control --------------------------------------------------------------------------------------

async def test_suspend_and_resume_move_an_active_plan_and_log_the_reason(db: Database, settings: Settings) -> None:
    plan = (await run(db, settings, CONTROL, TOM, planId="RP-C0000001", action="SUSPEND",
                      reason="Customer abroad"))["controlRelationshipPlan"]["plan"]
    assert (plan["status"], plan["statusReason"]) == ("SUSPENDED", "Customer abroad")
    error = await fails(db, settings, CONTROL, TOM, planId="RP-C0000001", action="SUSPEND")
    assert (error["code"], error["field"]) == ("CONFLICT", "action")
    plan = (await run(db, settings, CONTROL, TOM, planId="RP-C0000001", action="RESUME"))["controlRelationshipPlan"]
    assert (plan["plan"]["status"], plan["plan"]["statusReason"]) == ("ACTIVE", None)
    rows = await db.read(EVENTS, planId="RP-C0000001")
    assert [(r["type"], r["record"]) for r in rows] == [("PLAN_SUSPENDED", "plan ACTIVE → SUSPENDED: Customer abroad"),
                                                        ("PLAN_RESUMED", "plan SUSPENDED → ACTIVE")]


async def test_close_waits_for_open_incidents_then_cancels_open_work(db: Database, settings: Settings) -> None:
    error = await fails(db, settings, CONTROL, RITA, planId="RP-C0000001", action="CLOSE")
    assert (error["code"], error["field"]) == ("CONFLICT", "action")
    assert "IN-RP-C0000001-1 (OPEN)" in error["message"]
    await db.write("""MATCH (p:RelationshipPlan {planId: 'RP-C0000001'})-[:HAS_INCIDENT]->(i:Incident)
                      SET i.status = 'RESOLVED'
                      CREATE (p)-[:HAS_CONTACT]->(:PlanContact {contactId: 'PC-T-SCHEDULED', contactType: 'CALL',
                              status: 'SCHEDULED', scheduledAt: datetime() + duration({days: 3})})""")
    plan = (await run(db, settings, CONTROL, RITA, planId="RP-C0000001", action="CLOSE",
                      reason="Customer moved abroad"))["controlRelationshipPlan"]["plan"]
    assert (plan["status"], plan["closedAt"] is not None) == ("CLOSED", True)
    assert plan["developmentTasks"] == [{"taskId": "DT-RP-C0000001-1", "taskType": "NEEDS_ANALYSIS",
                                         "status": "CANCELLED", "dueOn": None}]
    assert sorted((c["contactId"], c["status"]) for c in plan["contacts"]) == [
        ("PC-RP-C0000001-1", "HELD"), ("PC-T-SCHEDULED", "CANCELLED")]
    reasons = await db.read("""MATCH (n) WHERE n.taskId = 'DT-RP-C0000001-1' OR n.contactId = 'PC-T-SCHEDULED'
                               RETURN DISTINCT n.statusReason AS reason""")
    assert reasons == [{"reason": "plan closed"}]
    [logged] = await db.read(EVENTS, planId="RP-C0000001")
    assert (logged["type"], logged["record"]) == (
        "PLAN_CLOSED", "plan ACTIVE → CLOSED: Customer moved abroad; development tasks cancelled: DT-RP-C0000001-1; "
                       "contacts cancelled: PC-T-SCHEDULED")
    error = await fails(db, settings, CONTROL, RITA, planId="RP-C0000001", action="RESUME")
    assert (error["code"], error["field"]) == ("CONFLICT", "action")


async def test_a_repeated_control_key_replays_and_outsiders_are_refused(db: Database, settings: Settings) -> None:
    first = await run(db, settings, CONTROL, RITA, planId="RP-C0000004", action="RESUME", key="resume-acme")
    again = await run(db, settings, CONTROL, RITA, planId="RP-C0000004", action="RESUME", key="resume-acme")
    assert again["controlRelationshipPlan"] == {**first["controlRelationshipPlan"], "replayed": True}
    assert await events(db, "RP-C0000004") == [("PLAN_RESUMED", None, "R000301")]
    error = await fails(db, settings, CONTROL, RITA, planId="RP-C0000004", action="SUSPEND", key="resume-acme")
    assert (error["code"], error["field"]) == ("CONFLICT", "idempotencyKey")
    error = await fails(db, settings, CONTROL, SAM, planId="RP-C0000001", action="SUSPEND")
    assert (error["code"], error["field"]) == ("FORBIDDEN", "planId")
    error = await fails(db, settings, CONTROL, ADMIN, planId="RP-NOPE", action="SUSPEND")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "planId")
    assert (await fails(db, settings, CONTROL, ANALYST, planId="RP-C0000001", action="SUSPEND"))["code"] == "FORBIDDEN"


# --- Grant ----------------------------------------------------------------------------------------

async def test_an_active_plan_qualifies_for_a_running_campaign_once(db: Database, settings: Settings) -> None:
    request = {"planId": "RP-C0000001", "campaignId": "CMP-PREMIER-SAVE", "reason": "Idle balances", "key": "g-1"}
    plan = (await run(db, settings, GRANT, RITA, **request))["grantRelationshipPlan"]["plan"]
    again = (await run(db, settings, GRANT, RITA, **request))["grantRelationshipPlan"]
    assert again == {"replayed": True, "plan": plan}
    assert plan["campaigns"] == [{"campaign": {"campaignId": "CMP-PREMIER-SAVE", "name": "Premier savings drive"},
                                  "grantedBy": "R000301", "reason": "Idle balances"}]
    assert await events(db, "RP-C0000001") == [("PLAN_CAMPAIGN_GRANTED", "CMP-PREMIER-SAVE", "R000301")]
    error = await fails(db, settings, GRANT, RITA, planId="RP-C0000001", campaignId="CMP-PREMIER-SAVE")
    assert (error["code"], error["field"]) == ("CONFLICT", "campaignId")


@pytest.mark.parametrize(("plan_id", "campaign_id", "code", "field", "named"), [
    ("RP-C0000001", "CMP-ENDED", "CONFLICT", "campaignId", "not today"),
    ("RP-C0000001", "CMP-NOPE", "NOT_FOUND", "campaignId", "CMP-NOPE"),
    ("RP-C0000004", "CMP-PREMIER-SAVE", "CONFLICT", "planId", "SUSPENDED"),
    ("RP-C0000006", "CMP-PREMIER-SAVE", "CONFLICT", "planId", "IN_ARREARS, POSSIBLE_FRAUD"),
])
async def test_grant_refuses_what_may_not_qualify(db: Database, settings: Settings, plan_id: str, campaign_id: str,
                                                  code: str, field: str, named: str) -> None:
    error = await fails(db, settings, GRANT, ADMIN, planId=plan_id, campaignId=campaign_id)
    assert (error["code"], error["field"]) == (code, field)
    assert named in error["message"]


# --- Retrieve -------------------------------------------------------------------------------------

async def test_retrieve_gives_the_plan_its_work_and_insights_from_the_graph_in_few_round_trips(
        db: Database, settings: Settings) -> None:
    result, context = await execute(db, settings, RETRIEVE, {"planId": "RP-C0000001"}, RITA)
    assert result.errors is None and result.data is not None
    plan = result.data["relationshipPlan"]
    assert context.db.round_trips <= 3
    assert (plan["status"], plan["insightDescription"], plan["owner"]) == (
        "ACTIVE", "Family growing; likely to move house within two years", {"resourceId": "R000301", "name": "Rita Hale"})
    assert [g["goalId"] for g in plan["goals"]] == ["RP-C0000001-G1", "RP-C0000001-G2"]
    assert plan["developmentTasks"] == [{"taskId": "DT-RP-C0000001-1", "taskType": "NEEDS_ANALYSIS", "status": "OPEN",
                                         "dueOn": None}]
    assert plan["incidents"] == [{"incidentId": "IN-RP-C0000001-1", "incidentType": "PAYMENT_ISSUE", "status": "OPEN",
                                  "priority": 3}]
    assert plan["contacts"] == [{"contactId": "PC-RP-C0000001-1", "contactType": "MEETING", "status": "HELD"}]
    insights = plan["insights"]
    last = datetime.datetime.fromisoformat(insights.pop("lastProductProcessingAt"))
    assert abs((datetime.datetime.now(datetime.UTC) - last) - datetime.timedelta(days=60)) < datetime.timedelta(hours=1)
    assert insights == {
        "heldProducts": [{"productId": "P-CURRENT", "suitsSegment": True},
                         {"productId": "P-MORTGAGE-FIXED", "suitsSegment": True}],
        "suitedProductCount": 4, "productCoverageShare": 0.5, "productProcessingEventsLast90Days": 1,
        "creditRating": "7", "valueTier": "GOLD"}


async def test_who_may_read_a_plan(db: Database, settings: Settings) -> None:
    analyst = await run(db, settings, RETRIEVE, ANALYST, planId="RP-C0000001")
    assert analyst["relationshipPlan"]["insightDescription"] is None
    assert analyst["relationshipPlan"]["insightType"] == "LIFE_STAGE"
    assert (await fails(db, settings, RETRIEVE, FRONTEND, planId="RP-C0000001"))["code"] == "FORBIDDEN"
    error = await fails(db, settings, RETRIEVE, SAM, planId="RP-C0000001")
    assert (error["code"], error["field"]) == ("FORBIDDEN", "planId")
    covered = await run(db, settings, RETRIEVE, RITA, planId="RP-C0000006")  # Rita backs Sam up
    assert covered["relationshipPlan"]["owner"]["resourceId"] == "R000302"
    assert (await run(db, settings, RETRIEVE, TOM, planId="RP-C0000004"))["relationshipPlan"]["status"] == "SUSPENDED"
    error = await fails(db, settings, RETRIEVE, ADMIN, planId="RP-NOPE")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "planId")


async def test_a_customers_plans_newest_first(db: Database, settings: Settings) -> None:
    new = (await create(db, settings, SAM, customerId="C0000005", goals=[GOAL]))["plan"]["planId"]
    plans = (await run(db, settings, OF_CUSTOMER, SAM, customerId="C0000005"))["customerRelationshipPlans"]
    assert [(p["planId"], p["status"], p["goalCount"]) for p in plans] == [(new, "DRAFT", 1),
                                                                           ("RP-C0000005", "CLOSED", 0)]
    assert (await run(db, settings, OF_CUSTOMER, RITA, customerId="C0000002"))["customerRelationshipPlans"] == []
    error = await fails(db, settings, OF_CUSTOMER, SAM, customerId="C0000002")
    assert (error["code"], error["field"]) == ("FORBIDDEN", "customerId")
    error = await fails(db, settings, OF_CUSTOMER, ADMIN, customerId="C9999999")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "customerId")
