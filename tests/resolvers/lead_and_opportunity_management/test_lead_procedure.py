"""The LeadandOpportunityProcedure: initiateLead, updateLead and lead, with their triggers on the
routing profile (SALES_PROSPECT), the offer and the customer's event history."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from domains.lead_and_opportunity_management.scoring import classify, score, score_basis
from gateway.security.auth import Principal
from gateway.settings import Settings
from graph.database import Database
from graph.seed import seed_bank
from graph.seed.sales import lead_score
from resolvers.lead_and_opportunity_management.vocabulary import LeadSource
from tests.support import ADMIN, ANALYST, FRONTEND, RM, bank_graph, execute, fails, run, snapshot

LEAD = """leadId status statusReason source priority suspended score classification campaignType campaignVersion
  productType description dateTimeLocation employeeBusinessUnitReference customer { customerId name }
  product { productId family } productInstance { productId } campaign { campaignId type version }
  owner { resourceId name } assignment { preference resource { resourceId } } originatedFrom { kind id type }
  offer { status } prospectStatus { value validTo } closedAt"""
INITIATE = f"""mutation ($input: InitiateLeadInput!, $key: String) {{
  initiateLead(input: $input, idempotencyKey: $key) {{ replayed duplicate lead {{ {LEAD} }} }} }}"""
UPDATE = f"mutation ($input: UpdateLeadInput!) {{ updateLead(input: $input) {{ {LEAD} }} }}"
READ = f"query ($id: ID!) {{ lead(leadId: $id) {{ {LEAD} }} }}"
PROSPECTS = """
MATCH (:Customer {customerId: $customerId})-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(s:Status {type: 'SALES_PROSPECT'})
WHERE s.validTo IS NULL OR s.validTo > datetime()
RETURN s.value AS value, s.source AS source, [(l:Lead)-[:SETS]->(s) | l.leadId] AS leads
"""
EVENTS = """
MATCH (:Customer {customerId: $customerId})-[:HAS_EVENT_LOG]->(:CustomerEventLog)-[:RECORDED]->(e:Event)
RETURN e.type AS type, [(e)-[:CONCERNS]->(l:Lead) | l.leadId] AS leads ORDER BY e.occurredAt, e.type
"""
OPEN_LEADS = """
MATCH (:Customer {customerId: $customerId})-[:HAS_LEAD]->(l:Lead)-[:FOR_PRODUCT]->(:Product {productId: $productId})
WHERE l.closedAt IS NULL RETURN count(l) AS open
"""
OFFERS = """
MATCH (:Lead {leadId: $leadId})-[:INITIATED]->(o:Offer)-[:FOR_PRODUCT]->(p:Product)
RETURN o.status AS status, p.productId AS productId
"""


@pytest.fixture
async def db(database: Database) -> Database:
    return await bank_graph(database, "lead_procedure")


async def initiate(db: Database, settings: Settings, key: str | None = None, roles: Any = FRONTEND,
                   **fields: Any) -> dict[str, Any]:
    data = await run(db, settings, INITIATE, roles, input=fields, key=key)
    return dict(data["initiateLead"])


async def update(db: Database, settings: Settings, roles: Any = FRONTEND, **fields: Any) -> dict[str, Any]:
    return dict((await run(db, settings, UPDATE, roles, input=fields))["updateLead"])


def lead(**overrides: Any) -> dict[str, Any]:
    """Alice's savings lead as first captured, with the fields a test changes."""
    return {
        "status": "CAPTURED", "statusReason": None, "source": "EVENT", "priority": 4, "suspended": False,
        "score": 87, "classification": "HOT", "campaignType": "CROSS_SELL", "campaignVersion": 2,
        "productType": "DEPOSITS", "description": "Wants to save for the move", "dateTimeLocation": "Leeds branch",
        "employeeBusinessUnitReference": "BRANCH-LEEDS", "customer": {"customerId": "C0000001", "name": "Alice Martin"},
        "product": {"productId": "P-SAVINGS", "family": "DEPOSITS"}, "productInstance": None,
        "campaign": {"campaignId": "CMP-SAVE-2026", "type": "CROSS_SELL", "version": 2},
        "owner": {"resourceId": "tester", "name": "Tess Ter"}, "assignment": None,
        "originatedFrom": {"kind": "EVENT", "id": "EV-L1", "type": "RELOCATION"}, "offer": None,
        "prospectStatus": {"value": "P-SAVINGS", "validTo": None}, "closedAt": None, **overrides,
    }


ALICE_SAVINGS = {"customerId": "C0000001", "productId": "P-SAVINGS", "campaignId": "CMP-SAVE-2026", "priority": 4,
                 "ownerId": "tester", "originatedFromEventId": "EV-L1", "description": "Wants to save for the move",
                 "dateTimeLocation": "Leeds branch", "employeeBusinessUnitReference": "BRANCH-LEEDS"}


async def test_a_captured_lead_carries_bian_fields_score_owner_origin_and_raises_sales_prospect(
        db: Database, settings: Settings) -> None:
    answer = await initiate(db, settings, **ALICE_SAVINGS)
    lead_id = answer["lead"].pop("leadId")
    assert answer == {"replayed": False, "duplicate": False, "lead": lead()}
    # 8 × 4 (priority) + 15 (EVENT) + 25 (PLATINUM) + 15 (Rita manages Alice) = 87: HOT
    assert await db.read(PROSPECTS, customerId="C0000001") == [
        {"value": "P-SAVINGS", "source": "LEAD_AND_OPPORTUNITY", "leads": [lead_id]}]
    events = await db.read(EVENTS, customerId="C0000001")
    assert {"type": "LEAD_CAPTURED", "leads": [lead_id]} in events
    assert {"type": "ROUTING_INDICATOR_CAPTURED", "leads": []} in events
    read = (await run(db, settings, READ, ANALYST, id=lead_id))["lead"]
    assert read == {"leadId": lead_id, **lead()}  # analysts read leads, description included


async def test_without_an_owner_the_lead_goes_to_the_rm_or_the_best_sales_resource(
        db: Database, settings: Settings) -> None:
    alice = await initiate(db, settings, customerId="C0000001", productId="P-SAVINGS")
    assert alice["lead"]["owner"] == {"resourceId": "R000091", "name": "Rita Lowe"}
    assert alice["lead"]["assignment"] == {"preference": "OWN_RM", "resource": {"resourceId": "R000091"}}
    assert (alice["lead"]["source"], alice["lead"]["campaignType"], alice["lead"]["score"]) == ("MANUAL", "CROSS_SELL", 69)
    bob = await initiate(db, settings, customerId="C0000002", productId="P-SAVINGS", originatedFromAllocationId="AL-L2")
    # Bob has no RM of his own: his household's (Alice's) RM is preferred to the sales pool
    assert bob["lead"]["owner"] == {"resourceId": "R000091", "name": "Rita Lowe"}
    assert bob["lead"]["assignment"] == {"preference": "HOUSEHOLD_RM", "resource": {"resourceId": "R000091"}}
    # 8 × 3 + 20 (a servicing interaction), no tier, no RM = 44: WARM; Bob's profile is started for the status
    assert (bob["lead"]["source"], bob["lead"]["score"], bob["lead"]["classification"]) == (
        "SERVICING_INTERACTION", 44, "WARM")
    assert bob["lead"]["originatedFrom"] == {"kind": "ALLOCATION", "id": "AL-L2", "type": "CHAT"}
    assert [p["value"] for p in await db.read(PROSPECTS, customerId="C0000002")] == ["P-SAVINGS"]
    types = [e["type"] for e in await db.read(EVENTS, customerId="C0000002") if e["leads"]]
    assert sorted(types) == ["LEAD_ASSIGNED", "LEAD_CAPTURED"]


async def test_an_up_sell_names_a_held_product(db: Database, settings: Settings) -> None:
    answer = await initiate(db, settings, customerId="C0000001", productId="P-CARD-PLATINUM",
                            campaignId="CMP-MORTGAGE-UPGRADE", productInstanceReference="P-MORTGAGE-FIXED")
    assert answer["lead"]["campaignType"] == "UP_SELL"
    assert answer["lead"]["productInstance"] == {"productId": "P-MORTGAGE-FIXED"}


async def test_an_open_lead_for_the_same_product_is_returned_not_duplicated(db: Database, settings: Settings) -> None:
    first = await initiate(db, settings, **ALICE_SAVINGS)
    second = await initiate(db, settings, customerId="C0000001", productId="P-SAVINGS", priority=1)
    assert (second["duplicate"], second["lead"]["leadId"], second["lead"]["priority"]) == (
        True, first["lead"]["leadId"], 4)
    assert await db.read(OPEN_LEADS, customerId="C0000001", productId="P-SAVINGS") == [{"open": 1}]


async def test_concurrent_captures_for_one_customer_and_product_make_exactly_one_open_lead(
        db: Database, settings: Settings) -> None:
    answers = await asyncio.gather(*(initiate(db, settings, customerId="C0000002", productId="P-SAVINGS",
                                              ownerId="tester", priority=1 + n % 5) for n in range(8)))
    assert await db.read(OPEN_LEADS, customerId="C0000002", productId="P-SAVINGS") == [{"open": 1}]
    assert sorted(a["duplicate"] for a in answers) == [False] + [True] * 7
    assert len({a["lead"]["leadId"] for a in answers}) == 1
    assert len(await db.read(PROSPECTS, customerId="C0000002")) == 1


async def test_an_idempotency_key_replays_the_first_lead_and_refuses_another_request(
        db: Database, settings: Settings) -> None:
    first = await initiate(db, settings, "crm-1", **ALICE_SAVINGS)
    again = await initiate(db, settings, "crm-1", **ALICE_SAVINGS)
    assert (again["replayed"], again["lead"]["leadId"]) == (True, first["lead"]["leadId"])
    error = await fails(db, settings, INITIATE, input={**ALICE_SAVINGS, "priority": 5}, key="crm-1")
    assert (error["code"], error["field"]) == ("CONFLICT", "idempotencyKey")


@pytest.mark.parametrize(("changes", "code", "field", "says"), [
    ({"customerId": "C9999999"}, "NOT_FOUND", "input.customerId", "no customer has the id C9999999"),
    ({"productId": "P-NONE"}, "NOT_FOUND", "input.productId", "no product has the id P-NONE"),
    ({"campaignId": "CMP-NONE"}, "NOT_FOUND", "input.campaignId", "no campaign has the id CMP-NONE"),
    ({"ownerId": "R-NOBODY"}, "NOT_FOUND", "input.ownerId", "no servicing resource has the id R-NOBODY"),
    ({"originatedFromEventId": "EV-L2"}, "VALIDATION", "input.originatedFromEventId", "belongs to another customer"),
    ({"originatedFromAllocationId": "AL-NONE"}, "NOT_FOUND", "input.originatedFromAllocationId", "no allocation"),
    ({"originatedFromAllocationId": "AL-L2"}, "VALIDATION", "input.originatedFromAllocationId", "another customer"),
    ({"priority": 6}, "VALIDATION", "input.priority", "1 (least urgent) to 5"),
    ({"campaignType": "RETENTION"}, "VALIDATION", "input.campaignType", "CROSS_SELL campaign"),
    ({"campaignId": "CMP-MORTGAGE-UPGRADE"}, "VALIDATION", "input.productInstanceReference", "names the held product"),
    ({"productInstanceReference": "P-CURRENT"}, "VALIDATION", "input.productInstanceReference", "only for an UP_SELL"),
    ({"campaignId": None, "productInstanceReference": "P-CARD-GOLD"}, "VALIDATION", "input.productInstanceReference",
     "holds no product 'P-CARD-GOLD'"),
    ({"description": "x" * 2001}, "VALIDATION", "input.description", "at most 2000 are allowed"),
    ({"priority": 0}, "VALIDATION", "input.priority", "out of range"),
])
async def test_bad_capture_input_is_refused_and_changes_nothing(
        db: Database, settings: Settings, changes: dict[str, Any], code: str, field: str, says: str) -> None:
    error = await fails(db, settings, INITIATE, input={**ALICE_SAVINGS, **changes})
    assert (error["code"], error["field"]) == (code, field)
    assert says in error["message"]


async def test_analysts_read_but_do_not_capture(db: Database, settings: Settings) -> None:
    assert (await fails(db, settings, INITIATE, ANALYST, input=ALICE_SAVINGS))["code"] == "FORBIDDEN"
    lead_id = (await initiate(db, settings, **ALICE_SAVINGS))["lead"]["leadId"]
    refused = await fails(db, settings, UPDATE, ANALYST, input={"leadId": lead_id, "description": "x"})
    assert refused["code"] == "FORBIDDEN"
    error = await fails(db, settings, READ, ANALYST, id="LD-NONE")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "leadId")


async def test_a_lead_walks_to_the_offer_and_is_won(db: Database, settings: Settings) -> None:
    lead_id = (await initiate(db, settings, **ALICE_SAVINGS))["lead"]["leadId"]
    for status in ("QUALIFYING", "CONFIRMED"):
        assert (await update(db, settings, leadId=lead_id, status=status))["status"] == status
    offered = await update(db, settings, leadId=lead_id, status="OFFER_INITIATED")
    assert offered["offer"] == {"status": "INITIATED"}
    assert await db.read(OFFERS, leadId=lead_id) == [{"status": "INITIATED", "productId": "P-SAVINGS"}]
    won = await update(db, settings, leadId=lead_id, status="WON", statusReason="Opened online")
    assert (won["status"], won["statusReason"], won["closedAt"] is not None) == ("WON", "Opened online", True)
    assert won["prospectStatus"]["validTo"] is not None
    assert await db.read(PROSPECTS, customerId="C0000001") == []
    steps = [e["type"] for e in await db.read(EVENTS, customerId="C0000001") if e["leads"] == [lead_id]]
    assert steps == ["LEAD_CAPTURED", "LEAD_QUALIFYING", "LEAD_CONFIRMED", "LEAD_OFFER_INITIATED", "LEAD_WON"]
    error = await fails(db, settings, UPDATE, input={"leadId": lead_id, "description": "again"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.leadId")


async def test_an_illegal_move_names_the_allowed_ones(db: Database, settings: Settings) -> None:
    lead_id = (await initiate(db, settings, **ALICE_SAVINGS))["lead"]["leadId"]
    error = await fails(db, settings, UPDATE, input={"leadId": lead_id, "status": "CONFIRMED"})
    assert error == {"code": "CONFLICT", "field": "input.status", "message":
                     f"lead {lead_id} is CAPTURED: it cannot move to CONFIRMED; allowed: EXPIRED, QUALIFYING, REJECTED"}


async def test_a_lead_failing_evaluation_cannot_be_confirmed(db: Database, settings: Settings) -> None:
    lead_id = (await initiate(db, settings, customerId="C0000002", productId="P-CARD-PLATINUM",
                              ownerId="tester"))["lead"]["leadId"]
    await update(db, settings, leadId=lead_id, status="QUALIFYING")
    error = await fails(db, settings, UPDATE, input={"leadId": lead_id, "status": "CONFIRMED"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.status")
    assert "CREDIT_RATING" in error["message"] and "CUSTOMER_ACTIVE" not in error["message"]


async def test_priority_is_raised_lowered_suspended_and_resumed(db: Database, settings: Settings) -> None:
    lead_id = (await initiate(db, settings, **ALICE_SAVINGS))["lead"]["leadId"]
    raised = await update(db, settings, leadId=lead_id, priorityAction="RAISE")
    assert (raised["priority"], raised["score"], raised["classification"]) == (5, 95, "HOT")
    error = await fails(db, settings, UPDATE, input={"leadId": lead_id, "priorityAction": "RAISE"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.priorityAction")
    assert "at priority 5" in error["message"]
    suspended = await update(db, settings, leadId=lead_id, priorityAction="SUSPEND")
    assert (suspended["suspended"], suspended["priority"]) == (True, 5)
    error = await fails(db, settings, UPDATE, input={"leadId": lead_id, "priorityAction": "SUSPEND"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.priorityAction")
    resumed = await update(db, settings, leadId=lead_id, priorityAction="RESUME")
    assert (resumed["suspended"], resumed["priority"]) == (False, 5)
    changes = [e["type"] for e in await db.read(EVENTS, customerId="C0000001") if e["type"] == "LEAD_PRIORITY_CHANGED"]
    assert len(changes) == 3


async def test_only_the_owner_or_an_admin_changes_the_owner(db: Database, settings: Settings) -> None:
    ritas = (await initiate(db, settings, customerId="C0000001", productId="P-SAVINGS"))["lead"]["leadId"]
    error = await fails(db, settings, UPDATE, FRONTEND, input={"leadId": ritas, "ownerId": "tester"})
    assert (error["code"], error["field"]) == ("FORBIDDEN", "input.ownerId")
    moved = await update(db, settings, ADMIN, leadId=ritas, ownerId="R000092")
    assert (moved["owner"], moved["assignment"]) == ({"resourceId": "R000092", "name": "Sam Sellers"}, None)
    mine = (await initiate(db, settings, customerId="C0000002", productId="P-SAVINGS", ownerId="tester"))["lead"]
    error = await fails(db, settings, UPDATE, input={"leadId": mine["leadId"], "ownerId": "R-NOBODY"})
    assert (error["code"], error["field"]) == ("NOT_FOUND", "input.ownerId")
    handed = await update(db, settings, leadId=mine["leadId"], ownerId="R000092")
    assert handed["owner"] == {"resourceId": "R000092", "name": "Sam Sellers"}
    assert "LEAD_OWNER_CHANGED" in [e["type"] for e in await db.read(EVENTS, customerId="C0000002")]


async def test_details_change_and_bad_updates_change_nothing(db: Database, settings: Settings) -> None:
    lead_id = (await initiate(db, settings, **ALICE_SAVINGS))["lead"]["leadId"]
    changed = await update(db, settings, leadId=lead_id, description="Wants a regular saver", campaignVersion=3)
    assert (changed["description"], changed["campaignVersion"]) == ("Wants a regular saver", 3)
    for bad, code, field in (({"leadId": "LD-NONE", "description": "x"}, "NOT_FOUND", "input.leadId"),
                             ({"leadId": lead_id}, "VALIDATION", "input"),
                             ({"leadId": lead_id, "campaignVersion": 0}, "VALIDATION", "input.campaignVersion"),
                             ({"leadId": lead_id, "statusReason": "x" * 2001}, "VALIDATION", "input.statusReason")):
        error = await fails(db, settings, UPDATE, input=bad)
        assert (error["code"], error["field"]) == (code, field)


async def test_closing_hands_sales_prospect_to_the_next_open_lead_then_ends_it(db: Database, settings: Settings) -> None:
    savings = (await initiate(db, settings, **ALICE_SAVINGS))["lead"]["leadId"]
    card = (await initiate(db, settings, customerId="C0000001", productId="P-CARD-PLATINUM", ownerId="tester",
                           campaignType="UP_SELL", productInstanceReference="P-CURRENT"))["lead"]["leadId"]
    assert [p["value"] for p in await db.read(PROSPECTS, customerId="C0000001")] == ["P-CARD-PLATINUM"]
    await update(db, settings, leadId=card, status="REJECTED", statusReason="Not eligible")
    assert await db.read(PROSPECTS, customerId="C0000001") == [
        {"value": "P-SAVINGS", "source": "LEAD_AND_OPPORTUNITY", "leads": [savings]}]
    expired = await update(db, settings, leadId=savings, status="EXPIRED")
    assert expired["prospectStatus"]["value"] == "P-SAVINGS" and expired["prospectStatus"]["validTo"] is not None
    assert await db.read(PROSPECTS, customerId="C0000001") == []


@pytest.mark.parametrize("source", list(LeadSource))
@pytest.mark.parametrize("tier", [None, "BRONZE", "SILVER", "GOLD", "PLATINUM"])
def test_the_demo_bank_scores_leads_as_the_gateway_does(source: LeadSource, tier: str | None) -> None:
    for priority in range(1, 6):
        for managed in (False, True):
            basis = score_basis(source, tier, managed)
            points = score(priority, basis)
            assert lead_score(priority, source.name, tier, managed) == (points, basis, classify(points).name)


async def test_the_lowest_priority_cannot_be_lowered(db: Database, settings: Settings) -> None:
    lead_id = (await initiate(db, settings, **{**ALICE_SAVINGS, "priority": 1}))["lead"]["leadId"]
    error = await fails(db, settings, UPDATE, input={"leadId": lead_id, "priorityAction": "LOWER"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.priorityAction")


async def test_retrieve_costs_one_round_trip(db: Database, settings: Settings) -> None:
    lead_id = (await initiate(db, settings, **ALICE_SAVINGS))["lead"]["leadId"]
    result, context = await execute(db, settings, READ, {"id": lead_id}, ANALYST)
    assert result.errors is None and context.db.round_trips == 1


async def test_without_a_sales_prospect_type_no_lead_is_captured(db: Database, settings: Settings) -> None:
    await db.write("MATCH (t:IndicatorType {code: 'SALES_PROSPECT'}) DETACH DELETE t")
    error = await fails(db, settings, INITIATE, input=ALICE_SAVINGS)
    assert (error["code"], error["field"]) == ("CONFLICT", "input.customerId")


async def test_seeded_leads_read_like_captured_ones(clean_graph: Database, settings: Settings) -> None:
    await seed_bank(clean_graph, customers=150, seed=11, progress=False, batch_size=150)
    rows = await clean_graph.read("MATCH (l:Lead) RETURN l.leadId AS leadId, l.source AS source")
    assert rows
    for row in rows:
        seeded = (await run(clean_graph, settings, READ, ANALYST, id=row["leadId"]))["lead"]
        assert (seeded["campaign"] is not None) == (row["source"] == "CAMPAIGN")
        assert seeded["prospectStatus"]["value"] == seeded["product"]["productId"]
        assert (seeded["prospectStatus"]["validTo"] is None) == (seeded["closedAt"] is None)


async def test_a_lead_written_in_browser_without_score_or_bookkeeping_reads_with_documented_defaults(
        db: Database, settings: Settings) -> None:
    # As an analyst would write it: no priority, score, classification, capturedBy or updatedAt/By.
    await db.write("""
        MATCH (c:Customer {customerId: 'C0000002'}), (p:Product {productId: 'P-SAVINGS'})
        CREATE (c)-[:HAS_LEAD]->(:Lead {leadId: 'LD-BROWSER', status: 'CAPTURED', campaignType: 'CROSS_SELL',
                                        source: 'MANUAL', createdAt: datetime('2026-01-10T09:00:00Z')})-[:FOR_PRODUCT]->(p)""")
    fields = "priority score classification createdAt capturedBy updatedAt updatedBy"
    read = await run(db, settings, f"query {{ lead(leadId: \"LD-BROWSER\") {{ {fields} }} }}", ANALYST)
    assert read == {"lead": {"priority": 3, "score": 24, "classification": "COLD", "createdAt": "2026-01-10T09:00:00+00:00",
                             "capturedBy": "unknown", "updatedAt": "2026-01-10T09:00:00+00:00", "updatedBy": "unknown"}}
    raised = await update(db, settings, ADMIN, leadId="LD-BROWSER", priorityAction="RAISE")
    assert (raised["priority"], raised["score"], raised["classification"]) == (4, 32, "COLD")


async def test_a_relationship_manager_works_the_leads_of_its_book_only(db: Database, settings: Settings) -> None:
    rita = Principal("R000091", RM)  # she MANAGES Alice; Bob is outside her book
    captured = (await initiate(db, settings, roles=rita, customerId="C0000001", productId="P-SAVINGS"))["lead"]
    assert captured["owner"]["resourceId"] == "R000091"
    raised = await update(db, settings, rita, leadId=captured["leadId"], priorityAction="RAISE")
    assert raised["priority"] == captured["priority"] + 1
    bobs = (await initiate(db, settings, customerId="C0000002", productId="P-SAVINGS"))["lead"]
    # Assignment gave Bob's lead to Rita (his household's RM): she works the open leads she owns.
    assert bobs["owner"]["resourceId"] == "R000091"
    assert (await update(db, settings, rita, leadId=bobs["leadId"], priorityAction="RAISE"))["priority"] == bobs["priority"] + 1
    await db.write("MATCH (:Lead {leadId: $leadId})-[owned:OWNED_BY]->() DELETE owned", leadId=bobs["leadId"])
    bobs = bobs["leadId"]
    before = await snapshot(db)
    error = await fails(db, settings, INITIATE, rita, input={"customerId": "C0000002", "productId": "P-SAVINGS"})
    assert (error["code"], error["field"]) == ("FORBIDDEN", "input.customerId")
    error = await fails(db, settings, UPDATE, rita, input={"leadId": bobs, "priorityAction": "RAISE"})
    assert (error["code"], error["field"]) == ("FORBIDDEN", "input.leadId")
    assert await snapshot(db) == before
