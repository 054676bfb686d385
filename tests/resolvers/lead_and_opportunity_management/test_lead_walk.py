"""Issue 6's walk, end to end through GraphQL against tests/data/lead_procedure.cypher: a lead
spotted while serving Bob (C0000002) is captured from that allocation, assigned by the routing
engine, qualified, evaluated, developed with a generated message and taken to the offer and the
win; the routing profile and the event history are checked at each step.

Bob has no relationship manager of his own, but shares a household with Alice, whose ADMIN is Rita
(R000091): routing prefers Rita (HOUSEHOLD_RM) for his contact and for his lead.
"""

from __future__ import annotations

from typing import Any

import pytest

from gateway.settings import Settings
from graph.database import Database
from graph.seed.templates import seed_message_templates
from tests.support import ADMIN, fails, load_small_bank, run

BOB = "C0000002"
RITA = "R000091"  # Alice's ADMIN, Bob's household's

ALLOCATE = """mutation ($request: RoutingRequestInput!) {
  requestAllocation(request: $request) { allocation { allocationId status resource { resourceId } } } }"""
ACCEPT = """mutation ($id: ID!) {
  updateAllocation(input: {allocationId: $id, action: ACCEPT}) { status } }"""
INITIATE = """mutation ($input: InitiateLeadInput!) {
  initiateLead(input: $input) { duplicate lead { leadId status owner { resourceId }
    assignment { preference resource { resourceId } path { kind id } reason }
    originatedFrom { kind id } prospectStatus { value validTo } } } }"""
UPDATE = """mutation ($input: UpdateLeadInput!) {
  updateLead(input: $input) { status offer { status } prospectStatus { value validTo } closedAt } }"""
EVALUATE = """mutation ($id: ID!) { evaluateLead(leadId: $id) { passed checks { check passed } } }"""
DEVELOP = """mutation ($input: InitiateLeadDevelopmentInput!) {
  initiateLeadDevelopment(input: $input) { development { developmentId status assignedTo { resourceId } } } }"""
GENERATE = """mutation ($input: ExecuteLeadDevelopmentInput!) {
  executeLeadDevelopment(input: $input) { unresolvedPlaceholders
    development { correspondence correspondenceContent } } }"""
PROFILE = """query ($id: ID!) { partyRoutingProfile(partyStateId: $id) { activeIndicators { type value } } }"""
EVENTS = """query ($id: ID!) { customer(customerId: $id) {
  events(first: 50, categories: [SALES, SERVICING]) { edges { node { type leadReference } } } } }"""


@pytest.fixture
async def bank(clean_graph: Database) -> Database:
    await load_small_bank(clean_graph, "lead_procedure")
    await seed_message_templates(clean_graph)
    return clean_graph


async def gql(db: Database, settings: Settings, query: str, **variables: Any) -> Any:
    return await run(db, settings, query, ADMIN, **variables)


async def prospect(db: Database, settings: Settings) -> list[str]:
    """The values of Bob's SALES_PROSPECT statuses in force, as his routing profile shows them."""
    profile = (await gql(db, settings, PROFILE, id=f"PS-{BOB}"))["partyRoutingProfile"]
    return [i["value"] for i in profile["activeIndicators"] if i["type"] == "SALES_PROSPECT"]


async def steps(db: Database, settings: Settings, lead_id: str | None = None) -> list[str]:
    """Bob's Sales and Servicing events, oldest first; with `lead_id`, only those about the lead."""
    edges = (await gql(db, settings, EVENTS, id=BOB))["customer"]["events"]["edges"]
    return [e["node"]["type"] for e in reversed(edges)
            if lead_id is None or e["node"]["leadReference"] == lead_id]


async def test_a_lead_from_a_servicing_interaction_to_the_offer(bank: Database, settings: Settings) -> None:
    # The servicing interaction: Bob's chat is routed to Rita, who accepts it.
    allocation = (await gql(bank, settings, ALLOCATE, request={"customerId": BOB, "channel": "CHAT",
                                                               "purpose": "SALES"}))["requestAllocation"]["allocation"]
    assert (allocation["status"], allocation["resource"]) == ("PENDING", {"resourceId": RITA})
    assert (await gql(bank, settings, ACCEPT, id=allocation["allocationId"]))["updateAllocation"]["status"] == "ACCEPTED"
    assert await steps(bank, settings) == ["CONTACT_OFFERED", "CONTACT_ACCEPTED"]
    no_profile = await fails(bank, settings, PROFILE, ADMIN, id=f"PS-{BOB}")  # the lead will start one
    assert (no_profile["code"], no_profile["field"]) == ("NOT_FOUND", "partyStateId")

    # Rita spots the interest in savings: captured from the allocation, assigned by routing (Bob has
    # no ADMIN of his own, so routing's preference applies: his household's ADMIN).
    captured = (await gql(bank, settings, INITIATE, input={
        "customerId": BOB, "productId": "P-SAVINGS", "source": "SERVICING_INTERACTION",
        "originatedFromAllocationId": allocation["allocationId"]}))["initiateLead"]
    lead = captured["lead"]
    lead_id = lead["leadId"]
    assert (captured["duplicate"], lead["status"], lead["owner"]) == (False, "CAPTURED", {"resourceId": RITA})
    assert lead["originatedFrom"] == {"kind": "ALLOCATION", "id": allocation["allocationId"]}
    assignment = lead["assignment"]
    assert (assignment["preference"], assignment["resource"]) == ("HOUSEHOLD_RM", {"resourceId": RITA})
    assert [step["kind"] for step in assignment["path"]] == ["Customer", "Household", "Customer", "ServicingResource"]
    assert (assignment["path"][2]["id"], assignment["path"][3]["id"]) == ("C0000001", RITA)
    assert lead["prospectStatus"] == {"value": "P-SAVINGS", "validTo": None}
    assert await prospect(bank, settings) == ["P-SAVINGS"]
    assert await steps(bank, settings, lead_id) == ["LEAD_CAPTURED", "LEAD_ASSIGNED"]

    # Qualified, then evaluated through the graph: every check passes.
    assert (await gql(bank, settings, UPDATE, input={"leadId": lead_id, "status": "QUALIFYING"}))[
        "updateLead"]["status"] == "QUALIFYING"
    evaluation = (await gql(bank, settings, EVALUATE, id=lead_id))["evaluateLead"]
    assert evaluation["passed"] and all(check["passed"] for check in evaluation["checks"])
    assert {check["check"] for check in evaluation["checks"]} == {
        "CUSTOMER_ACTIVE", "NO_SALES_BLOCK", "PRODUCT_SUITABLE", "NOT_ALREADY_HELD", "CREDIT_RATING"}
    assert await steps(bank, settings, lead_id) == ["LEAD_CAPTURED", "LEAD_ASSIGNED", "LEAD_QUALIFYING",
                                                    "LEAD_EVALUATED"]

    # A generated message: the introduction, rendered with Bob's, the product's and Rita's data.
    task = (await gql(bank, settings, DEVELOP, input={"leadId": lead_id, "type": "GENERATE_MESSAGE"}))[
        "initiateLeadDevelopment"]["development"]
    assert (task["status"], task["assignedTo"]) == ("OPEN", {"resourceId": RITA})
    message = (await gql(bank, settings, GENERATE, input={"developmentId": task["developmentId"],
                                                          "templateId": "TPL-PRODUCT-INTRODUCTION"}))[
        "executeLeadDevelopment"]
    assert message["unresolvedPlaceholders"] == []
    assert message["development"]["correspondence"] == "Your Instant Saver with us"
    content = message["development"]["correspondenceContent"]
    assert content.startswith("Dear Bob") and "interest in our Instant Saver" in content
    assert content.endswith("Kind regards,\nRita Lowe")
    assert "$" not in content
    assert await prospect(bank, settings) == ["P-SAVINGS"]

    # Confirmed, then handed over to Customer Offer.
    for status in ("CONFIRMED", "OFFER_INITIATED"):
        assert (await gql(bank, settings, UPDATE, input={"leadId": lead_id, "status": status}))[
            "updateLead"]["status"] == status
    offered = (await gql(bank, settings, UPDATE, input={"leadId": lead_id, "description": "Offer sent by e-mail"}))[
        "updateLead"]
    assert offered["offer"] == {"status": "INITIATED"} and offered["prospectStatus"]["validTo"] is None
    assert await prospect(bank, settings) == ["P-SAVINGS"]

    # Won: the lead closes and so does the SALES_PROSPECT status it kept open.
    won = (await gql(bank, settings, UPDATE, input={"leadId": lead_id, "status": "WON"}))["updateLead"]
    assert won["closedAt"] is not None and won["prospectStatus"]["validTo"] is not None
    assert await prospect(bank, settings) == []
    assert await steps(bank, settings, lead_id) == [
        "LEAD_CAPTURED", "LEAD_ASSIGNED", "LEAD_QUALIFYING", "LEAD_EVALUATED", "LEAD_DEVELOPMENT_INITIATED",
        "LEAD_MESSAGE_GENERATED", "LEAD_CONFIRMED", "LEAD_OFFER_INITIATED", "LEAD_UPDATED", "LEAD_WON"]
