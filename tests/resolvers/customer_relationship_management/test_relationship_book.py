"""The relationship manager's book and the activity-trend review, against the shared bank
(tests/data/relationship_plans.cypher) and its extras (tests/data/book_extras.cypher, whose header
lists the leads, incidents and contacts it adds).

Books: Rita (R000301) manages Alice, Bob and Acme and covers Sam's Dieter and Acme Holdings; Tom
(R000303) covers Rita's. Alice's activity fell from 8 events to 3 over 90 days; Acme's is steady.
"""

from __future__ import annotations

import datetime
from typing import Any, LiteralString, cast

import pytest

from gateway.security.auth import Principal
from gateway.settings import Settings
from graph.database import Database
from graph.queries import load
from tests.support import ADMIN, ANALYST, DATA, FRONTEND, RM, bank_graph, execute, fails, plan_afresh, run

RITA = Principal("R000301", RM)
SAM = Principal("R000302", RM)
TOM = Principal("R000303", RM)

CUSTOMER = "customerId name segment kind valueTier plan { planId status reviewDue } coveredFor { resourceId name }"
BOOK = f"""query ($resourceId: ID, $reviewWithinDays: Int, $recentDays: Int, $limit: Int) {{
  relationshipManagerBook(resourceId: $resourceId, reviewWithinDays: $reviewWithinDays, recentDays: $recentDays,
                          limit: $limit) {{
    resource {{ resourceId name kind }}
    managedCustomers {{ total items {{ {CUSTOMER} }} }}
    coveredCustomers {{ total items {{ {CUSTOMER} }} }}
    plansDueForReview {{ total items {{ planId status reviewDue overdue customer {{ customerId name }} }} }}
    openIncidents {{ total items {{ incidentId planId customer {{ customerId }} incidentType priority status ageDays }} }}
    openLeads {{ total items {{ leadId customer {{ customerId }} product {{ productId }} status owner {{ resourceId }} }} }}
    recentContacts {{ total items {{ contactId planId customer {{ customerId }} contactType status
                                   withResource {{ resourceId }} }} }}
  }}
}}"""
REVIEW = """query ($resourceId: ID, $days: Int, $minimumDropPercent: Int, $minimumEarlierEvents: Int) {
  relationshipActivityReview(resourceId: $resourceId, days: $days, minimumDropPercent: $minimumDropPercent,
                             minimumEarlierEvents: $minimumEarlierEvents) {
    resource { resourceId } days categories minimumDropPercent minimumEarlierEvents customersReviewed
    flagged {
      customerId name segment recent earlier changePercent plan { planId status }
      internalCauses { kind reference type detail }
      externalCauses { kind reference type detail }
      suggestedAgenda
    }
  }
}"""


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "relationship_plans", "book_extras")


def days_from_today(days: int) -> str:
    return (datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=days)).isoformat()


def customer(customer_id: str, name: str, segment: str, kind: str, tier: str | None, plan: dict[str, Any] | None,
             covered_for: dict[str, str] | None = None) -> dict[str, Any]:
    return {"customerId": customer_id, "name": name, "segment": segment, "kind": kind, "valueTier": tier,
            "plan": plan, "coveredFor": covered_for}


def rita_book() -> dict[str, Any]:
    sam = {"resourceId": "R000302", "name": "Sam Ortiz"}
    return {
        "resource": {"resourceId": "R000301", "name": "Rita Hale", "kind": "RELATIONSHIP_MANAGER"},
        "managedCustomers": {"total": 3, "items": [
            customer("C0000001", "Alice Martin", "PREMIER", "PERSON", "GOLD",
                     {"planId": "RP-C0000001", "status": "ACTIVE", "reviewDue": days_from_today(-5)}),
            customer("C0000002", "Bob Martin", "PREMIER", "PERSON", None, None),
            customer("C0000004", "Acme Widgets Ltd", "CORPORATE", "ORGANIZATION", None,
                     {"planId": "RP-C0000004", "status": "SUSPENDED", "reviewDue": days_from_today(60)})]},
        "coveredCustomers": {"total": 2, "items": [
            customer("C0000005", "Dieter Braun", "AFFLUENT", "PERSON", None,
                     {"planId": "RP-C0000005", "status": "CLOSED", "reviewDue": days_from_today(-150)}, sam),
            customer("C0000006", "Acme Holdings plc", "CORPORATE", "ORGANIZATION", "PLATINUM",
                     {"planId": "RP-C0000006", "status": "ACTIVE", "reviewDue": days_from_today(100)}, sam)]},
        "plansDueForReview": {"total": 1, "items": [
            {"planId": "RP-C0000001", "status": "ACTIVE", "reviewDue": days_from_today(-5), "overdue": True,
             "customer": {"customerId": "C0000001", "name": "Alice Martin"}}]},
        "openIncidents": {"total": 2, "items": [
            {"incidentId": "IN-BOOK-HOLD", "planId": "RP-C0000006", "customer": {"customerId": "C0000006"},
             "incidentType": "ACCESS_ISSUE", "priority": 5, "status": "ON_HOLD", "ageDays": 3},
            {"incidentId": "IN-RP-C0000001-1", "planId": "RP-C0000001", "customer": {"customerId": "C0000001"},
             "incidentType": "PAYMENT_ISSUE", "priority": 3, "status": "OPEN", "ageDays": 58}]},
        "openLeads": {"total": 4, "items": [
            {"leadId": "LD-BOOK-3", "customer": {"customerId": "C0000003"}, "product": {"productId": "P-CURRENT"},
             "status": "OFFER_INITIATED", "owner": {"resourceId": "R000301"}},
            {"leadId": "LD-BOOK-1", "customer": {"customerId": "C0000001"},
             "product": {"productId": "P-MORTGAGE-FIXED"}, "status": "QUALIFYING", "owner": {"resourceId": "R000301"}},
            {"leadId": "LD-BOOK-2", "customer": {"customerId": "C0000005"}, "product": {"productId": "P-CARD-GOLD"},
             "status": "CAPTURED", "owner": {"resourceId": "R000302"}},
            {"leadId": "LD-BOOK-6", "customer": {"customerId": "C0000006"}, "product": {"productId": "P-CURRENT"},
             "status": "CAPTURED", "owner": None}]},
        "recentContacts": {"total": 2, "items": [
            {"contactId": "PC-BOOK-SOON", "planId": "RP-C0000006", "customer": {"customerId": "C0000006"},
             "contactType": "CALL", "status": "SCHEDULED", "withResource": {"resourceId": "R000302"}},
            {"contactId": "PC-RP-C0000001-1", "planId": "RP-C0000001", "customer": {"customerId": "C0000001"},
             "contactType": "MEETING", "status": "HELD", "withResource": {"resourceId": "R000301"}}]},
    }


async def test_rita_reads_her_book_with_the_customers_she_covers_for_sam(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, BOOK, RITA)
    assert data["relationshipManagerBook"] == rita_book()


async def test_the_book_costs_one_round_trip(bank: Database, settings: Settings) -> None:
    result, context = await execute(bank, settings, BOOK, {}, RITA)
    assert result.errors is None
    assert context.db.round_trips == 1


async def test_analysts_and_admins_read_any_book_the_same(bank: Database, settings: Settings) -> None:
    for roles in (ANALYST, ADMIN):
        data = await run(bank, settings, BOOK, roles, resourceId="R000301")
        assert data["relationshipManagerBook"] == rita_book()


async def test_tom_as_ritas_backup_covers_her_customers(bank: Database, settings: Settings) -> None:
    book = (await run(bank, settings, BOOK, TOM))["relationshipManagerBook"]
    assert book["managedCustomers"] == {"total": 0, "items": []}
    assert [(c["customerId"], c["coveredFor"]) for c in book["coveredCustomers"]["items"]] == [
        (cid, {"resourceId": "R000301", "name": "Rita Hale"}) for cid in ("C0000001", "C0000002", "C0000004")]
    assert [p["planId"] for p in book["plansDueForReview"]["items"]] == ["RP-C0000001"]
    assert [i["incidentId"] for i in book["openIncidents"]["items"]] == ["IN-RP-C0000001-1"]
    assert [lead["leadId"] for lead in book["openLeads"]["items"]] == ["LD-BOOK-1"]


async def test_windows_and_limit_shape_the_lists(bank: Database, settings: Settings) -> None:
    book = (await run(bank, settings, BOOK, RITA, reviewWithinDays=60, recentDays=60, limit=1))[
        "relationshipManagerBook"]
    assert {name: (part["total"], len(part["items"])) for name, part in book.items() if name != "resource"} == {
        "managedCustomers": (3, 1), "coveredCustomers": (2, 1), "plansDueForReview": (2, 1),
        "openIncidents": (2, 1), "openLeads": (4, 1), "recentContacts": (3, 1)}
    assert book["recentContacts"]["items"][0]["contactId"] == "PC-BOOK-LATER"  # latest first
    due = (await run(bank, settings, BOOK, RITA, reviewWithinDays=60))["relationshipManagerBook"]["plansDueForReview"]
    assert [(p["planId"], p["overdue"]) for p in due["items"]] == [("RP-C0000001", True), ("RP-C0000004", False)]


async def test_who_may_read_which_book(bank: Database, settings: Settings) -> None:
    assert (await fails(bank, settings, BOOK, FRONTEND))["code"] == "FORBIDDEN"
    error = await fails(bank, settings, BOOK, SAM, resourceId="R000301")
    assert (error["code"], error["field"]) == ("FORBIDDEN", "resourceId")
    error = await fails(bank, settings, BOOK, ADMIN, resourceId="R999999")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "resourceId")
    error = await fails(bank, settings, BOOK, ADMIN)  # the tester is no servicing resource
    assert (error["code"], error["field"]) == ("NOT_FOUND", "resourceId")


@pytest.mark.parametrize(("variables", "field"), [
    ({"reviewWithinDays": 0}, "reviewWithinDays"), ({"reviewWithinDays": 366}, "reviewWithinDays"),
    ({"recentDays": 0}, "recentDays"), ({"limit": 0}, "limit"), ({"limit": 201}, "limit"),
])
async def test_bad_book_arguments(bank: Database, settings: Settings, variables: dict[str, Any], field: str) -> None:
    error = await fails(bank, settings, BOOK, RITA, **variables)
    assert (error["code"], error["field"]) == ("VALIDATION", field)


ALICE_FLAGGED = {
    "customerId": "C0000001", "name": "Alice Martin", "segment": "PREMIER", "recent": 3, "earlier": 8,
    "changePercent": -62.5, "plan": {"planId": "RP-C0000001", "status": "ACTIVE"},
    "internalCauses": [  # oldest first: the missed payment (60 days ago), then the incident it raised (58)
        {"kind": "FAILED_PRODUCT_EVENT", "reference": "EV-C0000001-09", "type": "PAYMENT_MISSED", "detail": "FAILED"},
        {"kind": "OPEN_INCIDENT", "reference": "IN-RP-C0000001-1", "type": "PAYMENT_ISSUE",
         "detail": "priority 3, OPEN"},
        {"kind": "SERVICING_OUTCOME", "reference": "EV-C0000001-11", "type": "PAYMENT_ISSUE", "detail": "ESCALATED"},
    ],
    "externalCauses": [{"kind": "LIFE_EVENT", "reference": "EV-C0000001-10", "type": "RELOCATION", "detail": None}],
    "suggestedAgenda": "activity down 62.5% over 90 days; 1 open incident (PAYMENT_ISSUE); "
                       "1 failed product event (PAYMENT_MISSED); 1 poor servicing outcome (PAYMENT_ISSUE); "
                       "life event: RELOCATION",
}


async def test_the_review_flags_alice_with_her_causes_and_not_acme(bank: Database, settings: Settings) -> None:
    review = (await run(bank, settings, REVIEW, RITA))["relationshipActivityReview"]
    assert review == {
        "resource": {"resourceId": "R000301"}, "days": 90,
        "categories": ["RELATIONSHIP", "SALES", "SERVICING", "PRODUCT_PROCESSING", "FRAUD", "LIFE"],
        "minimumDropPercent": 25, "minimumEarlierEvents": 3, "customersReviewed": 5, "flagged": [ALICE_FLAGGED]}


async def test_the_review_for_analysts_leaves_fraud_out(bank: Database, settings: Settings) -> None:
    review = (await run(bank, settings, REVIEW, ANALYST, resourceId="R000301"))["relationshipActivityReview"]
    assert "FRAUD" not in review["categories"]
    assert review["flagged"] == [ALICE_FLAGGED]


async def test_the_review_thresholds(bank: Database, settings: Settings) -> None:
    steep = await run(bank, settings, REVIEW, RITA, minimumDropPercent=63)
    assert steep["relationshipActivityReview"]["flagged"] == []
    few = await run(bank, settings, REVIEW, RITA, minimumEarlierEvents=9)
    assert few["relationshipActivityReview"]["flagged"] == []
    tom = await run(bank, settings, REVIEW, TOM)  # Tom covers Rita's book
    assert [f["customerId"] for f in tom["relationshipActivityReview"]["flagged"]] == ["C0000001"]
    sam = await run(bank, settings, REVIEW, SAM)
    assert sam["relationshipActivityReview"]["customersReviewed"] == 2
    assert sam["relationshipActivityReview"]["flagged"] == []


async def test_ended_allocations_are_servicing_outcomes(bank: Database, settings: Settings) -> None:
    await load_extra(bank, "book_allocations")
    [alice] = (await run(bank, settings, REVIEW, RITA))["relationshipActivityReview"]["flagged"]
    assert alice["internalCauses"][-1] == {"kind": "SERVICING_OUTCOME", "reference": "AL-BOOK-1", "type": "TIMED_OUT",
                                           "detail": "PHONE contact for SERVICING ended TIMED_OUT (nobody answered)"}
    assert len(alice["internalCauses"]) == 4
    assert "2 poor servicing outcomes (PAYMENT_ISSUE, TIMED_OUT)" in alice["suggestedAgenda"]


async def test_who_may_review_which_book(bank: Database, settings: Settings) -> None:
    assert (await fails(bank, settings, REVIEW, FRONTEND))["code"] == "FORBIDDEN"
    error = await fails(bank, settings, REVIEW, SAM, resourceId="R000301")
    assert (error["code"], error["field"]) == ("FORBIDDEN", "resourceId")
    error = await fails(bank, settings, REVIEW, ANALYST, resourceId="R999999")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "resourceId")


@pytest.mark.parametrize(("variables", "field"), [
    ({"days": 0}, "days"), ({"days": 366}, "days"), ({"minimumDropPercent": 0}, "minimumDropPercent"),
    ({"minimumDropPercent": 101}, "minimumDropPercent"), ({"minimumEarlierEvents": 0}, "minimumEarlierEvents"),
])
async def test_bad_review_arguments(bank: Database, settings: Settings, variables: dict[str, Any], field: str) -> None:
    error = await fails(bank, settings, REVIEW, RITA, **variables)
    assert (error["code"], error["field"]) == ("VALIDATION", field)


async def test_the_review_seeks_each_customers_timeline(bank: Database, settings: Settings) -> None:
    from domains.customer_relationship_management.book import review_parameters

    parameters, _ = review_parameters("R000301", RITA, datetime.datetime.now(datetime.UTC), 90, 25, 3)
    plan = await plan_afresh(bank, "EXPLAIN", load("customer_relationship_management/review_activity_of_book"),
                             review=parameters)
    event_reads = [(operator, details) for operator, details in _operators(plan) if "e:Event" in details]
    assert event_reads, "the plan reads no events"
    assert all(operator == "NodeIndexSeek" and "e:Event(customerId, occurredAt)" in details
               for operator, details in event_reads), event_reads
    assert "AllNodesScan" not in {operator for operator, _ in _operators(plan)}


ARRANGE_MEETING = """mutation ($input: RequestRelationshipPlanInput!) {
  requestRelationshipPlan(input: $input) { planId kind contact { contactId status } replayed }
}"""
MEETING_RECORD: LiteralString = """
MATCH (e:RelationshipEvent {customerId: 'C0000001'})-[:CONCERNS]->(:RelationshipPlan {planId: 'RP-C0000001'})
WHERE e.record = $agenda
RETURN count(e) AS events
"""


async def test_the_seed_example_from_a_falling_trend_to_a_scheduled_meeting(bank: Database, settings: Settings) -> None:
    [alice] = (await run(bank, settings, REVIEW, RITA))["relationshipActivityReview"]["flagged"]
    when = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3)).isoformat()
    outcome = (await run(bank, settings, ARRANGE_MEETING, RITA, input={
        "planId": alice["plan"]["planId"], "kind": "ARRANGE_MEETING", "reason": alice["suggestedAgenda"],
        "meeting": {"scheduledAt": when}}))["requestRelationshipPlan"]
    assert (outcome["contact"]["status"], outcome["replayed"]) == ("SCHEDULED", False)
    assert (await bank.read(MEETING_RECORD, agenda=alice["suggestedAgenda"]))[0]["events"] == 1
    contacts = (await run(bank, settings, BOOK, RITA))["relationshipManagerBook"]["recentContacts"]["items"]
    assert [(k["contactId"], k["status"]) for k in contacts] == [
        ("PC-BOOK-SOON", "SCHEDULED"), (outcome["contact"]["contactId"], "SCHEDULED"), ("PC-RP-C0000001-1", "HELD")]


async def test_the_review_costs_one_round_trip(bank: Database, settings: Settings) -> None:
    result, context = await execute(bank, settings, REVIEW, {}, RITA)
    assert result.errors is None
    assert context.db.round_trips == 1


async def load_extra(db: Database, name: str) -> None:

    await db.write(cast(LiteralString, (DATA / f"{name}.cypher").read_text()))


def _operators(plan: dict[str, Any]) -> list[tuple[str, str]]:
    here = (plan["operatorType"].split("@")[0], str(plan.get("args", {}).get("Details", "")))
    return [here, *(op for child in plan.get("children", []) for op in _operators(child))]
