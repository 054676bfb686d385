"""Customer Relationship Management end to end, as a relationship manager works it through GraphQL
against tests/data/relationship_plans.cypher.

1. The domain's example of use: Rita's review finds Alice's activity trending lower, shows the
   internal causes (the open incident, the failed repayment, an escalated servicing contact) and the
   external one (she moved house); Rita troubleshoots the incident and schedules a meeting with the
   review's agenda, in one mutation, which the plan, the book and Alice's event history then show.
2. A plan's life for Bob, who has none: created, verified by another RM (four eyes), accepted,
   granted a campaign, worked (a development task, an incident), and closed, each step a
   Relationship event on Bob's timeline, and the book's coverage figures following along.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from gateway.security.auth import Principal
from gateway.settings import Settings
from graph.database import Database
from tests.support import RM, bank_graph, fails, run

RITA = Principal("R000301", RM)  # manages Alice, Bob and Acme
TOM = Principal("R000303", RM)  # Rita's backup

REVIEW = """query { relationshipActivityReview {
  flagged { customerId recent earlier changePercent suggestedAgenda plan { planId status }
            internalCauses { kind reference type } externalCauses { kind reference type } } } }"""
INCIDENT = """query ($planId: ID!, $incidentId: ID!) { relationshipIncident(planId: $planId, incidentId: $incidentId) {
  status priority incidentType activity { kind id type status } } }"""
CONTROL_INCIDENT = """mutation ($planId: ID!, $incidentId: ID!, $action: IncidentControlAction!) {
  controlRelationshipIncident(planId: $planId, incidentId: $incidentId, action: $action) { incident { priority } } }"""
EXCHANGE_INCIDENT = """mutation ($planId: ID!, $incidentId: ID!, $action: IncidentExchangeAction!, $resolution: String) {
  exchangeRelationshipIncident(planId: $planId, incidentId: $incidentId, action: $action, resolution: $resolution) {
    incident { status } } }"""
ARRANGE = """mutation ($input: RequestRelationshipPlanInput!, $key: String) {
  requestRelationshipPlan(input: $input, idempotencyKey: $key) {
    replayed kind contact { contactId status contactType purpose location scheduledAt resource { resourceId } } } }"""
PLAN = """query ($planId: ID!) { relationshipPlan(planId: $planId) {
  planId status goals { goalType } campaigns { campaign { campaignId } }
  developmentTasks { taskId status } incidents { incidentId status priority } contacts { contactId status } } }"""
BOOK = """query { relationshipManagerBook {
  recentContacts { items { contactId status customer { customerId } } }
  openIncidents { items { incidentId priority status } } } }"""
TIMELINE = """query ($customerId: ID!) { customer(customerId: $customerId) {
  events(categories: [RELATIONSHIP], first: 50) { edges { node { type planReference subjectReference record } } } } }"""
CREATE_PLAN = """mutation ($input: CreateRelationshipPlanInput!) {
  createRelationshipPlan(input: $input) { plan { planId status owner { resourceId } goals { goalType } } } }"""
EXCHANGE_PLAN = """mutation ($planId: ID!, $action: PlanExchangeAction!) {
  exchangeRelationshipPlan(planId: $planId, action: $action) { plan { status } } }"""
CONTROL_PLAN = """mutation ($planId: ID!, $action: PlanControlAction!, $reason: String) {
  controlRelationshipPlan(planId: $planId, action: $action, reason: $reason) { plan { status } } }"""
GRANT = """mutation ($planId: ID!, $campaignId: ID!) {
  grantRelationshipPlan(planId: $planId, campaignId: $campaignId) { plan { campaigns { campaign { campaignId } } } } }"""
CREATE_TASK = """mutation ($input: CreateRelationshipDevelopmentInput!) {
  createRelationshipDevelopment(input: $input) { task { taskId status assignee { resourceId } } } }"""
REQUEST_TASK = """mutation ($planId: ID!, $taskId: ID!) {
  requestRelationshipDevelopment(planId: $planId, taskId: $taskId) { task { status } } }"""
EXCHANGE_TASK = """mutation ($planId: ID!, $taskId: ID!, $action: DevelopmentExchangeAction!, $result: String) {
  exchangeRelationshipDevelopment(planId: $planId, taskId: $taskId, action: $action, result: $result) {
    task { status } } }"""
CREATE_INCIDENT = """mutation ($input: CreateRelationshipIncidentInput!) {
  createRelationshipIncident(input: $input) { incident { incidentId status } } }"""
COVERAGE = """query { relationshipPlanCoverage(groupBy: RELATIONSHIP_MANAGER) {
  key managedCustomers withActivePlan withOpenPlan } }"""


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "relationship_plans")


def in_days(days: int) -> str:
    return (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=days)).replace(microsecond=0).isoformat()


async def relationship_events(db: Database, settings: Settings, customer_id: str) -> list[dict[str, Any]]:
    data = await run(db, settings, TIMELINE, RITA, customerId=customer_id)
    return [edge["node"] for edge in data["customer"]["events"]["edges"]]


async def test_the_example_of_use_from_a_falling_trend_to_a_scheduled_meeting(bank: Database, settings: Settings) -> None:
    # The review: Alice's activity fell from 8 events to 3 over 90 days; Acme's did not.
    [alice] = (await run(bank, settings, REVIEW, RITA))["relationshipActivityReview"]["flagged"]
    assert (alice["customerId"], alice["earlier"], alice["recent"], alice["changePercent"]) == ("C0000001", 8, 3, -62.5)
    assert alice["plan"] == {"planId": "RP-C0000001", "status": "ACTIVE"}
    assert sorted((c["kind"], c["reference"], c["type"]) for c in alice["internalCauses"]) == [
        ("FAILED_PRODUCT_EVENT", "EV-C0000001-09", "PAYMENT_MISSED"),
        ("OPEN_INCIDENT", "IN-RP-C0000001-1", "PAYMENT_ISSUE"),
        ("SERVICING_OUTCOME", "EV-C0000001-11", "PAYMENT_ISSUE")]
    assert alice["externalCauses"] == [{"kind": "LIFE_EVENT", "reference": "EV-C0000001-10", "type": "RELOCATION"}]
    agenda = alice["suggestedAgenda"]
    assert "62.5%" in agenda and "RELOCATION" in agenda and "PAYMENT_MISSED" in agenda

    # Troubleshooting the internal cause: the incident concerns the failed repayment of the mortgage.
    plan, incident = "RP-C0000001", "IN-RP-C0000001-1"
    found = (await run(bank, settings, INCIDENT, RITA, planId=plan, incidentId=incident))["relationshipIncident"]
    assert {(a["kind"], a["id"]) for a in found["activity"]} == {("EVENT", "EV-C0000001-09"),
                                                                 ("PRODUCT", "P-MORTGAGE-FIXED")}
    await run(bank, settings, EXCHANGE_INCIDENT, RITA, planId=plan, incidentId=incident, action="ACKNOWLEDGE")
    await run(bank, settings, CONTROL_INCIDENT, RITA, planId=plan, incidentId=incident, action="RAISE_PRIORITY")

    # The meeting: a plan contact and its Relationship event, in one mutation, with the agenda as its reason.
    meeting = {"planId": plan, "kind": "ARRANGE_MEETING", "reason": agenda,
               "meeting": {"scheduledAt": in_days(7), "location": "Mayfair branch"}}
    outcome = (await run(bank, settings, ARRANGE, RITA, input=meeting, key="rita-alice-review"))["requestRelationshipPlan"]
    contact = outcome["contact"]
    assert (outcome["replayed"], outcome["kind"], contact["status"], contact["contactType"]) == (
        False, "ARRANGE_MEETING", "SCHEDULED", "MEETING")
    assert (contact["purpose"], contact["location"], contact["resource"]) == (
        agenda, "Mayfair branch", {"resourceId": "R000301"})
    again = (await run(bank, settings, ARRANGE, RITA, input=meeting, key="rita-alice-review"))["requestRelationshipPlan"]
    assert (again["replayed"], again["contact"]["contactId"]) == (True, contact["contactId"])

    # What the plan, the book and Alice's history now show.
    shown = (await run(bank, settings, PLAN, RITA, planId=plan))["relationshipPlan"]
    assert {"contactId": contact["contactId"], "status": "SCHEDULED"} in shown["contacts"]
    assert shown["incidents"] == [{"incidentId": incident, "status": "IN_PROGRESS", "priority": 4}]
    book = (await run(bank, settings, BOOK, RITA))["relationshipManagerBook"]
    assert {"contactId": contact["contactId"], "status": "SCHEDULED", "customer": {"customerId": "C0000001"}} in \
        book["recentContacts"]["items"]
    assert book["openIncidents"]["items"] == [{"incidentId": incident, "priority": 4, "status": "IN_PROGRESS"}]
    steps = [(e["type"], e["planReference"], e["subjectReference"]) for e in await relationship_events(bank, settings, "C0000001")]
    assert steps == [("PLAN_CONTACT_SCHEDULED", plan, contact["contactId"]),
                     ("INCIDENT_PRIORITY_CHANGED", plan, incident), ("INCIDENT_ACKNOWLEDGED", plan, incident)]


async def test_a_plans_life_for_a_customer_without_one(bank: Database, settings: Settings) -> None:
    coverage = {row["key"]: row for row in (await run(bank, settings, COVERAGE, RITA))["relationshipPlanCoverage"]}
    assert (coverage["R000301"]["managedCustomers"], coverage["R000301"]["withActivePlan"]) == (3, 1)

    created = (await run(bank, settings, CREATE_PLAN, RITA, input={
        "customerId": "C0000002", "planType": "MANAGEMENT", "description": "Grow Bob's savings",
        "goals": [{"goalType": "CROSS_SELL", "definition": "Hold a savings product", "target": "1 new product"}],
    }))["createRelationshipPlan"]["plan"]
    plan = created["planId"]
    assert (created["status"], created["owner"], created["goals"]) == (
        "DRAFT", {"resourceId": "R000301"}, [{"goalType": "CROSS_SELL"}])

    # Four eyes: Rita created it, so Tom (her backup) verifies it; then Rita accepts it.
    refused = await fails(bank, settings, EXCHANGE_PLAN, RITA, planId=plan, action="VERIFY")
    assert refused["code"] == "FORBIDDEN"
    assert (await run(bank, settings, EXCHANGE_PLAN, TOM, planId=plan, action="VERIFY"))[
        "exchangeRelationshipPlan"]["plan"]["status"] == "VERIFIED"
    assert (await run(bank, settings, EXCHANGE_PLAN, RITA, planId=plan, action="ACCEPT"))[
        "exchangeRelationshipPlan"]["plan"]["status"] == "ACTIVE"
    granted = await run(bank, settings, GRANT, RITA, planId=plan, campaignId="CMP-PREMIER-SAVE")
    assert granted["grantRelationshipPlan"]["plan"]["campaigns"] == [{"campaign": {"campaignId": "CMP-PREMIER-SAVE"}}]

    # The work: a needs analysis Rita does and Tom accepts; an incident raised and resolved.
    task = (await run(bank, settings, CREATE_TASK, RITA, input={
        "planId": plan, "taskType": "NEEDS_ANALYSIS", "description": "Savings needs before the bonus"}))[
        "createRelationshipDevelopment"]["task"]
    assert (task["status"], task["assignee"]) == ("OPEN", {"resourceId": "R000301"})
    await run(bank, settings, REQUEST_TASK, RITA, planId=plan, taskId=task["taskId"])
    await run(bank, settings, EXCHANGE_TASK, RITA, planId=plan, taskId=task["taskId"], action="SUBMIT",
              result="Wants an instant-access saver")
    accepted = await run(bank, settings, EXCHANGE_TASK, TOM, planId=plan, taskId=task["taskId"], action="ACCEPT")
    assert accepted["exchangeRelationshipDevelopment"]["task"]["status"] == "ACCEPTED"
    incident = (await run(bank, settings, CREATE_INCIDENT, RITA, input={
        "planId": plan, "incidentType": "COMPLAINT", "source": "CUSTOMER", "description": "Card fee charged twice",
        "activity": {"productIds": ["P-CURRENT"]}}))["createRelationshipIncident"]["incident"]
    # A plan is not closed over an open incident.
    blocked = await fails(bank, settings, CONTROL_PLAN, RITA, planId=plan, action="CLOSE", reason="Goals met")
    assert (blocked["code"], incident["incidentId"] in blocked["message"]) == ("CONFLICT", True)
    await run(bank, settings, EXCHANGE_INCIDENT, RITA, planId=plan, incidentId=incident["incidentId"],
              action="RESOLVE", resolution="Fee refunded")
    await run(bank, settings, EXCHANGE_INCIDENT, RITA, planId=plan, incidentId=incident["incidentId"], action="CLOSE")

    coverage = {row["key"]: row for row in (await run(bank, settings, COVERAGE, RITA))["relationshipPlanCoverage"]}
    assert (coverage["R000301"]["withActivePlan"], coverage["R000301"]["withOpenPlan"]) == (2, 3)

    closed = await run(bank, settings, CONTROL_PLAN, RITA, planId=plan, action="CLOSE", reason="Goals met")
    assert closed["controlRelationshipPlan"]["plan"]["status"] == "CLOSED"
    shown = (await run(bank, settings, PLAN, RITA, planId=plan))["relationshipPlan"]
    assert (shown["developmentTasks"], shown["incidents"]) == (
        [{"taskId": task["taskId"], "status": "ACCEPTED"}],
        [{"incidentId": incident["incidentId"], "status": "CLOSED", "priority": 3}])

    # Every step is on Bob's timeline, newest first, each concerning the plan.
    steps = [(e["type"], e["planReference"]) for e in await relationship_events(bank, settings, "C0000002")]
    assert [step for step, _ in steps] == [
        "PLAN_CLOSED", "INCIDENT_CLOSED", "INCIDENT_RESOLVED", "INCIDENT_CREATED", "DEVELOPMENT_TASK_ACCEPTED",
        "DEVELOPMENT_TASK_SUBMITTED", "DEVELOPMENT_TASK_REQUESTED", "DEVELOPMENT_TASK_CREATED",
        "PLAN_CAMPAIGN_GRANTED", "PLAN_ACCEPTED", "PLAN_VERIFIED", "PLAN_CREATED"]
    assert {reference for _, reference in steps} == {plan}
