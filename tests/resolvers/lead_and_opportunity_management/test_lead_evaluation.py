"""Lead evaluation and assignment against tests/data/lead_evaluation.cypher: each check passing and
failing on a customer built for it, a confidential sales block hidden from a front end, assignment
to the ADMIN, to a sales resource through the routing engine, to nobody, and bad input.

Nina (C0000101, lead L0000101 for the fixed mortgage) passes every check and has no RM: her lead
goes to Ann (R000010), the best mortgage seller of POOL-SALES. Eva (C0000007, lead L0000007) has
Rita (R000001, BUSY) as RM. Vera (C0000109) speaks Italian: nobody can take her lead.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from domains.lead_and_opportunity_management.assignment import assign
from domains.lead_and_opportunity_management.evaluation import evaluate
from gateway.security.auth import Principal
from gateway.settings import Settings
from graph.database import Database
from resolvers.context import Context
from resolvers.lead_and_opportunity_management.assignment import LeadAssignment
from tests.support import ADMIN, ANALYST, FRONTEND, SCHEMA, execute, fails, load_small_bank, run, snapshot

AT = "2026-06-01T00:00:00Z"
EVALUATION = """query ($leadId: ID!, $at: DateTime) {
  leadEvaluation(leadId: $leadId, at: $at) { leadId evaluatedAt passed checks { check passed detail } }
}"""
EVALUATE = """mutation ($leadId: ID!) {
  evaluateLead(leadId: $leadId) { leadId passed checks { check passed } }
}"""
ASSIGNMENT = """resource { resourceId name kind } preference path { kind id relationship direction }
  matchedSkills { code proficiency required } score reason"""
ASSIGN = f"""mutation ($leadId: ID!, $key: String) {{
  assignLead(leadId: $leadId, idempotencyKey: $key) {{
    lead {{ leadId owner {{ resourceId }} assignment {{ resource {{ resourceId }} preference }} }}
    previousOwnerId reasonUnassigned replayed assignment {{ {ASSIGNMENT} }}
  }}
}}"""
OWNER_AND_EVENTS = """
MATCH (l:Lead {leadId: $leadId})
RETURN [(l)-[:OWNED_BY]->(r) | r.resourceId] AS owners, l.assignment AS assignment,
       l.lastEvaluationPassed AS passed, l.lastEvaluationFailedChecks AS failedChecks, l.lastEvaluatedAt IS NOT NULL AS evaluated,
       COLLECT { MATCH (e:SalesEvent)-[:CONCERNS]->(l)
                 RETURN [e.type, e.result, e.record, [(e)-[:CONCERNS]->(r:ServicingResource) | r.resourceId]] } AS events
"""
ALL_PASS = {"CUSTOMER_ACTIVE": True, "NO_SALES_BLOCK": True, "PRODUCT_SUITABLE": True, "NOT_ALREADY_HELD": True,
            "CREDIT_RATING": True}


@pytest.fixture
async def bank(clean_graph: Database) -> Database:
    await load_small_bank(clean_graph, "routing_profiles", "portfolio", "contact_routing", "routing_decision",
                          "lead_evaluation")
    return clean_graph


async def evaluation(db: Database, settings: Settings, lead_id: str, roles: frozenset[Any] = ADMIN) -> Any:
    return (await run(db, settings, EVALUATION, roles, leadId=lead_id, at=AT))["leadEvaluation"]


def outcomes(result: Any) -> dict[str, bool]:
    return {c["check"]: c["passed"] for c in result["checks"]}


def detail(result: Any, check: str) -> str:
    return next(str(c["detail"]) for c in result["checks"] if c["check"] == check)


async def lead(db: Database, lead_id: str) -> dict[str, Any]:
    return (await db.read(OWNER_AND_EVENTS, leadId=lead_id))[0]


async def test_a_customer_who_meets_every_rule_passes_with_each_fact_named(bank: Database, settings: Settings) -> None:
    assert await evaluation(bank, settings, "L0000101") == {
        "leadId": "L0000101", "evaluatedAt": "2026-06-01T00:00:00+00:00", "passed": True, "checks": [
            {"check": "CUSTOMER_ACTIVE", "passed": True, "detail": "customer C0000101 is ACTIVE"},
            {"check": "NO_SALES_BLOCK", "passed": True, "detail": "no active indicator blocks sales"},
            {"check": "PRODUCT_SUITABLE", "passed": True,
             "detail": "segment MASS is among P-MORTGAGE-FIXED's segments MASS, AFFLUENT, PREMIER, PRIVATE"},
            {"check": "NOT_ALREADY_HELD", "passed": True, "detail": "the customer does not hold P-MORTGAGE-FIXED"},
            {"check": "CREDIT_RATING", "passed": True, "detail": "credit rating 8 ≥ 6 required by P-MORTGAGE-FIXED"},
        ]}


@pytest.mark.parametrize(("lead_id", "check", "why"), [
    ("L0000102", "CUSTOMER_ACTIVE", "customer C0000102 is DORMANT; ACTIVE is required"),
    ("L0000104", "PRODUCT_SUITABLE",
     "segment SMALL_BUSINESS is not among P-MORTGAGE-FIXED's segments MASS, AFFLUENT, PREMIER, PRIVATE"),
    ("L0000106", "NOT_ALREADY_HELD", "the customer already holds P-MORTGAGE-FIXED (ACTIVE)"),
    ("L0000107", "CREDIT_RATING", "credit rating 4 < 6 required by P-MORTGAGE-FIXED"),
    ("L0000108", "CREDIT_RATING", "no active credit rating; P-MORTGAGE-FIXED requires 6"),
])
async def test_each_check_fails_alone_on_the_customer_built_for_it(
        bank: Database, settings: Settings, lead_id: str, check: str, why: str) -> None:
    result = await evaluation(bank, settings, lead_id)
    assert result["passed"] is False
    assert outcomes(result) == {**ALL_PASS, check: False}
    assert detail(result, check) == why


async def test_an_up_sell_of_a_held_product_is_not_refused_for_holding_it(bank: Database, settings: Settings) -> None:
    result = await evaluation(bank, settings, "L0000105")
    assert outcomes(result) == ALL_PASS
    assert detail(result, "NOT_ALREADY_HELD") == (
        "the customer holds P-MORTGAGE-FIXED, and the lead is an UP_SELL of the held P-MORTGAGE-FIXED")


async def test_a_product_without_a_minimum_rating_or_segments_passes_those_checks(
        bank: Database, settings: Settings) -> None:
    result = await evaluation(bank, settings, "L0000201")
    assert outcomes(result) == ALL_PASS
    assert detail(result, "CREDIT_RATING") == "P-CURRENT requires no minimum credit rating"
    assert detail(result, "PRODUCT_SUITABLE") == "P-CURRENT is sold to every segment"


async def test_a_confidential_sales_block_fails_for_everyone_but_is_named_only_to_who_may_see_it(
        bank: Database, settings: Settings) -> None:
    for roles, named in ((ADMIN, "POSSIBLE_FRAUD"), (ADMIN, "POSSIBLE_FRAUD"),
                         (FRONTEND, "a confidential indicator"), (ANALYST, "a confidential indicator")):
        result = await evaluation(bank, settings, "L0000103", roles)
        assert outcomes(result) == {**ALL_PASS, "NO_SALES_BLOCK": False}, roles
        # The IN_ARREARS that ended in 2024 is not in force: only the alert blocks.
        assert detail(result, "NO_SALES_BLOCK") == f"sales are blocked by {named}", roles


async def test_the_evaluation_is_read_at_the_instant_asked(bank: Database, settings: Settings) -> None:
    # In 2024 Tom's rating was 9 and Paul's alert had not been raised (his arrears were in force).
    tom = (await run(bank, settings, EVALUATION, ADMIN, leadId="L0000107", at="2024-06-01T00:00:00Z"))["leadEvaluation"]
    assert detail(tom, "CREDIT_RATING") == "credit rating 9 ≥ 6 required by P-MORTGAGE-FIXED"
    paul = (await run(bank, settings, EVALUATION, FRONTEND, leadId="L0000103", at="2024-02-01T00:00:00Z"))
    assert detail(paul["leadEvaluation"], "NO_SALES_BLOCK") == "sales are blocked by IN_ARREARS"


async def test_evaluating_records_the_outcome_on_the_lead_and_logs_a_sales_event(
        bank: Database, settings: Settings) -> None:
    result = (await run(bank, settings, EVALUATE, FRONTEND, leadId="L0000107"))["evaluateLead"]
    assert result["passed"] is False and outcomes(result) == {**ALL_PASS, "CREDIT_RATING": False}
    stored = await lead(bank, "L0000107")
    assert (stored["evaluated"], stored["passed"], stored["failedChecks"]) == (True, False, ["CREDIT_RATING"])
    assert stored["events"] == [["LEAD_EVALUATED", "FAILED", "evaluation failed: CREDIT_RATING", []]]


async def test_the_recorded_evaluation_does_not_name_a_confidential_block(bank: Database, settings: Settings) -> None:
    await run(bank, settings, EVALUATE, ADMIN, leadId="L0000103")
    assert (await lead(bank, "L0000103"))["events"] == [
        ["LEAD_EVALUATED", "FAILED", "evaluation failed: NO_SALES_BLOCK", []]]


async def test_a_lead_without_a_relationship_manager_goes_to_the_best_sales_resource_with_why(
        bank: Database, settings: Settings) -> None:
    result = (await run(bank, settings, ASSIGN, FRONTEND, leadId="L0000101"))["assignLead"]
    assert result == {"lead": {"leadId": "L0000101", "owner": {"resourceId": "R000010"},
                               "assignment": {"resource": {"resourceId": "R000010"}, "preference": "QUALIFIED"}},
                      "previousOwnerId": None, "reasonUnassigned": None, "replayed": False, "assignment": {
        "resource": {"resourceId": "R000010", "name": "Ann Lee", "kind": "AGENT"}, "preference": "QUALIFIED",
        "path": [{"kind": "Customer", "id": "C0000101", "relationship": None, "direction": None},
                 {"kind": "ServicingPool", "id": "POOL-SALES", "relationship": None, "direction": None},
                 {"kind": "ServicingResource", "id": "R000010", "relationship": "MEMBER_OF", "direction": "IN"}],
        "matchedSkills": [{"code": "MORTGAGE_SALES", "proficiency": 3, "required": True}], "score": 1000003,
        "reason": "no relationship manager: the best-suited resource in POOL-SALES for a SALES contact on PHONE "
                  "about P-MORTGAGE-FIXED (preference QUALIFIED, score 1000003)"}}
    stored = await lead(bank, "L0000101")
    assert stored["owners"] == ["R000010"]
    assert stored["events"] == [["LEAD_ASSIGNED", "QUALIFIED", "lead L0000101 assigned to R000010: "
                                 + result["assignment"]["reason"], ["R000010"]]]
    # The explanation is stored on the lead and reads back whole.
    assert LeadAssignment.from_json(stored["assignment"]).to_json() == stored["assignment"]
    assert LeadAssignment.from_json(stored["assignment"]).resource.resource_id == "R000010"


async def test_a_repeated_idempotency_key_returns_the_first_assignment_and_writes_nothing(
        bank: Database, settings: Settings) -> None:
    first = (await run(bank, settings, ASSIGN, FRONTEND, leadId="L0000101", key="desk-1"))["assignLead"]
    after_first = await snapshot(bank)
    # The retry is not refused although the lead now has an owner who is not the caller.
    again = (await run(bank, settings, ASSIGN, FRONTEND, leadId="L0000101", key="desk-1"))["assignLead"]
    assert again == {**first, "replayed": True}
    assert await snapshot(bank) == after_first
    assert len((await lead(bank, "L0000101"))["events"]) == 1
    error = await fails(bank, settings, ASSIGN, FRONTEND, leadId="L0000007", key="desk-1")
    assert error == {"message": "idempotency key 'desk-1' was already used for a different request; use a new key "
                                "for a new request", "code": "CONFLICT", "field": "idempotencyKey"}
    assert (await fails(bank, settings, ASSIGN, FRONTEND, leadId="L0000007", key=" "))["field"] == "idempotencyKey"


async def test_a_lead_goes_to_the_customers_relationship_manager_even_when_busy(
        bank: Database, settings: Settings) -> None:
    result = (await run(bank, settings, ASSIGN, ADMIN, leadId="L0000007"))["assignLead"]
    assert result["assignment"] == {
        "resource": {"resourceId": "R000001", "name": "Rita Patel", "kind": "RELATIONSHIP_MANAGER"},
        "preference": "OWN_RM",
        "path": [{"kind": "Customer", "id": "C0000007", "relationship": None, "direction": None},
                 {"kind": "ServicingResource", "id": "R000001", "relationship": "MANAGES", "direction": "IN"}],
        "matchedSkills": [{"code": "MORTGAGE_SALES", "proficiency": 3, "required": True}], "score": 5000003,
        "reason": "the customer's relationship manager (MANAGES), who owns the relationship; assigned whatever "
                  "their availability (status BUSY)"}
    assert (await lead(bank, "L0000007"))["owners"] == ["R000001"]


async def test_nobody_qualified_leaves_the_lead_unassigned_and_says_why(bank: Database, settings: Settings) -> None:
    before = await snapshot(bank)
    result = (await run(bank, settings, ASSIGN, FRONTEND, leadId="L0000109"))["assignLead"]
    assert result == {"lead": {"leadId": "L0000109", "owner": None, "assignment": None}, "previousOwnerId": None,
                      "assignment": None, "replayed": False, "reasonUnassigned":
                      "the customer has no relationship manager and no available resource with free PHONE capacity "
                      "speaks it with MORTGAGE_SALES ≥ 1 among the customer's RMs and the SALES pools"}
    assert await snapshot(bank) == before


async def test_a_sales_block_keeps_a_lead_from_sales_resources(bank: Database, settings: Settings) -> None:
    result = (await run(bank, settings, ASSIGN, FRONTEND, leadId="L0000103"))["assignLead"]
    assert result["assignment"] is None
    assert result["reasonUnassigned"] == ("the customer has no relationship manager and an active indicator blocks "
                                          "sales: no sales resource may take the lead")


async def test_the_functions_the_procedure_calls_work_inside_its_transaction(bank: Database) -> None:
    import datetime

    at = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)

    async def work(tx: Any) -> tuple[Any, Any, Any]:
        return (await evaluate(tx, "L0000103", at), await assign(tx, "C0000101", "P-MORTGAGE-FIXED", at),
                await assign(tx, "C0000109", "P-MORTGAGE-FIXED", at))

    blocked, nina, vera = await bank.transact(work)
    assert blocked.passed is False and blocked.failed[0].name == "NO_SALES_BLOCK"
    assert [c.detail for c in blocked.checks if not c.passed] == ["sales are blocked by a confidential indicator"]
    assert nina is not None and nina.resource.resource_id == "R000010" and vera is None


async def as_principal(db: Database, settings: Settings, subject: str, roles: frozenset[Any], query: str,
                       **variables: Any) -> Any:
    context = Context(db=db.for_request(), principal=Principal(subject, roles), settings=settings)
    return await SCHEMA.execute(query, variable_values=variables, context_value=context)


async def test_only_the_owner_or_an_admin_changes_an_owner(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, ASSIGN, FRONTEND, leadId="L0000201")
    assert error == {"message": "lead L0000201 is owned by R000011: only its owner or an admin may change its owner",
                     "code": "FORBIDDEN", "field": "leadId"}
    owner = await as_principal(bank, settings, "R000011", ADMIN, ASSIGN, leadId="L0000201")
    assert owner.errors is None and owner.data is not None
    assert owner.data["assignLead"]["previousOwnerId"] == "R000011"
    assert owner.data["assignLead"]["assignment"]["resource"]["resourceId"] == "R000010"
    admin = (await run(bank, settings, ASSIGN, ADMIN, leadId="L0000201"))["assignLead"]
    assert admin["previousOwnerId"] == "R000010"
    assert (await lead(bank, "L0000201"))["owners"] == ["R000010"]


@pytest.mark.parametrize("operation", [EVALUATE, ASSIGN])
async def test_a_closed_lead_is_neither_evaluated_nor_assigned(bank: Database, settings: Settings, operation: str) -> None:
    error = await fails(bank, settings, operation, ADMIN, leadId="L0000202")
    assert error["code"] == "CONFLICT" and error["field"] == "leadId"
    assert error["message"].startswith("lead L0000202 is WON: only open leads (CAPTURED, QUALIFYING, CONFIRMED, "
                                       "OFFER_INITIATED) can be ")


@pytest.mark.parametrize("operation", [EVALUATION, EVALUATE, ASSIGN])
async def test_an_unknown_lead_is_not_found(bank: Database, settings: Settings, operation: str) -> None:
    assert await fails(bank, settings, operation, ADMIN, leadId="L9999999") == {
        "message": "no lead has the id L9999999", "code": "NOT_FOUND", "field": "leadId"}


@pytest.mark.parametrize("operation", [EVALUATE, ASSIGN])
async def test_analysts_read_evaluations_but_change_nothing(bank: Database, settings: Settings, operation: str) -> None:
    assert (await evaluation(bank, settings, "L0000101", ANALYST))["passed"] is True
    error = await fails(bank, settings, operation, ANALYST, leadId="L0000101")
    assert error["code"] == "FORBIDDEN"


async def test_concurrent_assignments_of_an_unowned_lead_give_it_exactly_one_owner(
        bank: Database, settings: Settings) -> None:
    # The lead is locked before its owner is read: the first assignment wins, the others find it owned.
    results = await asyncio.gather(*(execute(bank, settings, ASSIGN, {"leadId": "L0000101"}, FRONTEND)
                                     for _ in range(4)))
    succeeded = [r for r, _ in results if r.errors is None]
    refused = [r.errors[0].extensions for r, _ in results if r.errors is not None]
    assert len(succeeded) == 1 and refused == [{"code": "FORBIDDEN", "field": "leadId"}] * 3
    stored = await lead(bank, "L0000101")
    assert stored["owners"] == ["R000010"] and len(stored["events"]) == 1
