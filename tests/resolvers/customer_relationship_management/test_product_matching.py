"""Product matching through the graph: productSuggestions (ranked, with reasons, names by role) and
turnSuggestionIntoLead (a suggestion captured as a lead), against tests/data/product_matching.cypher.

Alice (C0000001, PREMIER, credit rating 4): her household (Bob, Chloe) and related parties hold
the instant saver; three of the six PREMIER customers hold the investment account; Acme (related)
holds the gold card. Not suggested: the current account (held), the home insurance (open lead),
the platinum card (rating 6 needed), the business loan (CORPORATE only). C0000014 is IN_ARREARS.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from domains.customer_relationship_management.matching import PEER_SAMPLE, SUGGESTIONS, parameters
from gateway.settings import Settings
from graph.database import Database
from graph.seed import seed_bank
from tests.support import ADMIN, ANALYST, FRONTEND, bank_graph, execute, fails, plan_afresh, run, snapshot

SUGGEST = """query ($customerId: ID!, $limit: Int) {
  productSuggestions(customerId: $customerId, limit: $limit) {
    customerId salesBlocked blockedBecause
    suggestions { productId productName productFamily score explanation
                  reasons { source holders points holderIds detail } } } }"""
TURN = """mutation ($customerId: ID!, $productId: ID!, $key: String) {
  turnSuggestionIntoLead(customerId: $customerId, productId: $productId, idempotencyKey: $key) {
    replayed duplicate lead { leadId status source campaignType description customer { customerId }
                              product { productId } owner { resourceId } } } }"""
READ = "query ($id: ID!) { lead(leadId: $id) { leadId status source description product { productId } } }"

SAVINGS_EXPLANATION = ("held by 2 household members: C0000002, C0000003; held by 2 related parties: C0000002 (SPOUSE), "
                       "C0000003 (PARENT); held by 1 of the 6 customers of the segment (16.7%)")


@pytest.fixture
async def db(database: Database) -> Database:
    return await bank_graph(database, "lead_procedure", "product_matching")


async def suggestions(db: Database, settings: Settings, customer: str = "C0000001", roles: Any = ADMIN,
                      limit: int | None = None) -> dict[str, Any]:
    variables: dict[str, Any] = {"customerId": customer}
    if limit is not None:
        variables["limit"] = limit
    return dict((await run(db, settings, SUGGEST, roles, **variables))["productSuggestions"])


async def test_suggestions_are_ranked_with_their_reasons_and_holders_named_to_an_rm(
        db: Database, settings: Settings) -> None:
    answer = await suggestions(db, settings)
    assert (answer["customerId"], answer["salesBlocked"], answer["blockedBecause"]) == ("C0000001", False, None)
    assert [(s["productId"], s["score"]) for s in answer["suggestions"]] == [
        ("P-SAVINGS", 11.67), ("P-INVEST", 5.0), ("P-CARD-GOLD", 2.0)]
    savings, invest, gold = answer["suggestions"]
    assert (savings["productName"], savings["productFamily"]) == ("Instant Saver", "DEPOSITS")
    assert savings["reasons"] == [
        {"source": "HOUSEHOLD", "holders": 2, "points": 6.0, "holderIds": ["C0000002", "C0000003"],
         "detail": "held by 2 household members: C0000002, C0000003"},
        {"source": "RELATED_PARTY", "holders": 2, "points": 4.0, "holderIds": ["C0000002", "C0000003"],
         "detail": "held by 2 related parties: C0000002 (SPOUSE), C0000003 (PARENT)"},
        {"source": "SEGMENT_PEERS", "holders": 1, "points": 1.67, "holderIds": None,
         "detail": "held by 1 of the 6 customers of the segment (16.7%)"}]
    assert savings["explanation"] == SAVINGS_EXPLANATION
    assert invest["reasons"] == [{"source": "SEGMENT_PEERS", "holders": 3, "points": 5.0, "holderIds": None,
                                  "detail": "held by 3 of the 6 customers of the segment (50.0%)"}]
    assert gold["reasons"] == [{"source": "RELATED_PARTY", "holders": 1, "points": 2.0, "holderIds": ["C0000004"],
                                "detail": "held by 1 related party: C0000004 (DIRECTOR, EMPLOYER)"}]


async def test_frontend_and_analyst_see_counts_not_who(db: Database, settings: Settings) -> None:
    for roles in (FRONTEND, ANALYST):
        savings = (await suggestions(db, settings, roles=roles))["suggestions"][0]
        assert [r["holderIds"] for r in savings["reasons"]] == [None, None, None]
        assert savings["explanation"] == ("held by 2 household members; held by 2 related parties; "
                                          "held by 1 of the 6 customers of the segment (16.7%)")
        assert "C00000" not in repr(savings)
    admin = (await suggestions(db, settings, roles=ADMIN))["suggestions"][0]
    assert admin["explanation"] == SAVINGS_EXPLANATION


async def test_limit_keeps_the_best(db: Database, settings: Settings) -> None:
    answer = await suggestions(db, settings, limit=2)
    assert [s["productId"] for s in answer["suggestions"]] == ["P-SAVINGS", "P-INVEST"]


async def test_a_sales_blocked_customer_gets_no_suggestions_and_why(db: Database, settings: Settings) -> None:
    answer = await suggestions(db, settings, customer="C0000014")
    assert answer == {"customerId": "C0000014", "salesBlocked": True,
                      "blockedBecause": "sales are blocked by IN_ARREARS", "suggestions": []}
    # Without the block the peer (no household, no relations) is offered what its segment holds; the
    # platinum card Bob holds needs a credit rating the peer lacks.
    await db.write("MATCH (i:Indicator {indicatorId: 'IN-M2'}) SET i.validTo = datetime('2025-07-01T00:00:00Z')")
    unblocked = await suggestions(db, settings, customer="C0000014")
    assert [(s["productId"], s["score"]) for s in unblocked["suggestions"]] == [
        ("P-INVEST", 5.0), ("P-CURRENT", 3.33), ("P-HOME-INSURANCE", 1.67), ("P-MORTGAGE-FIXED", 1.67),
        ("P-SAVINGS", 1.67)]


async def test_an_inactive_customer_gets_no_suggestions(db: Database, settings: Settings) -> None:
    answer = await suggestions(db, settings, customer="C0000005")
    assert answer["salesBlocked"] and answer["suggestions"] == []
    assert answer["blockedBecause"] == "customer C0000005 is DORMANT; only ACTIVE customers are sold to"


@pytest.mark.parametrize("limit", [0, 51, -1])
async def test_limit_out_of_range_is_a_validation_error(db: Database, settings: Settings, limit: int) -> None:
    error = await fails(db, settings, SUGGEST, ADMIN, customerId="C0000001", limit=limit)
    assert (error["code"], error["field"]) == ("VALIDATION", "limit")
    assert "1 to 50" in error["message"]


async def test_unknown_customer_is_not_found(db: Database, settings: Settings) -> None:
    error = await fails(db, settings, SUGGEST, ADMIN, customerId="C9999999")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "customerId")


async def test_suggestions_cost_one_round_trip(db: Database, settings: Settings) -> None:
    result, context = await execute(db, settings, SUGGEST, {"customerId": "C0000001"}, ADMIN)
    assert result.errors is None
    assert context.db.round_trips == 1


async def turn(db: Database, settings: Settings, product: str, key: str | None = None,
               customer: str = "C0000001", roles: Any = ADMIN) -> dict[str, Any]:
    data = await run(db, settings, TURN, roles, customerId=customer, productId=product, key=key)
    return dict(data["turnSuggestionIntoLead"])


async def test_a_suggestion_becomes_a_lead_and_is_no_longer_suggested(db: Database, settings: Settings) -> None:
    answer = await turn(db, settings, "P-SAVINGS")
    lead = answer["lead"]
    assert (answer["replayed"], answer["duplicate"]) == (False, False)
    assert (lead["status"], lead["source"], lead["campaignType"]) == ("CAPTURED", "MANUAL", "CROSS_SELL")
    assert (lead["customer"], lead["product"], lead["owner"]) == (
        {"customerId": "C0000001"}, {"productId": "P-SAVINGS"}, {"resourceId": "R000091"})
    # Counts only in the description: every lead reader sees it.
    assert lead["description"] == ("Product matching suggestion: held by 2 household members; held by 2 related "
                                   "parties; held by 1 of the 6 customers of the segment (16.7%)")
    read = (await run(db, settings, READ, ADMIN, id=lead["leadId"]))["lead"]
    assert read == {"leadId": lead["leadId"], "status": "CAPTURED", "source": "MANUAL",
                    "description": lead["description"], "product": {"productId": "P-SAVINGS"}}
    left = await suggestions(db, settings)
    assert [s["productId"] for s in left["suggestions"]] == ["P-INVEST", "P-CARD-GOLD"]


async def test_turning_it_again_answers_the_open_lead_as_a_duplicate(db: Database, settings: Settings) -> None:
    first = await turn(db, settings, "P-INVEST")
    before = await snapshot(db)
    again = await turn(db, settings, "P-INVEST", roles=ADMIN)
    assert (again["duplicate"], again["replayed"], again["lead"]["leadId"]) == (True, False, first["lead"]["leadId"])
    assert await snapshot(db) == before
    # The fixture's open lead for the home insurance is a duplicate too.
    insurance = await turn(db, settings, "P-HOME-INSURANCE")
    assert (insurance["duplicate"], insurance["lead"]["leadId"]) == (True, "LD-MATCH-OPEN")


async def test_concurrent_turns_make_one_lead(db: Database, settings: Settings) -> None:
    answers = await asyncio.gather(*(turn(db, settings, "P-INVEST") for _ in range(3)))
    assert len({a["lead"]["leadId"] for a in answers}) == 1
    assert sorted(a["duplicate"] for a in answers) == [False, True, True]


async def test_a_repeated_idempotency_key_replays_the_first_lead(db: Database, settings: Settings) -> None:
    first = await turn(db, settings, "P-CARD-GOLD", key="match-1")
    before = await snapshot(db)
    again = await turn(db, settings, "P-CARD-GOLD", key="match-1")
    assert (again["replayed"], again["lead"]["leadId"]) == (True, first["lead"]["leadId"])
    assert await snapshot(db) == before
    error = await fails(db, settings, TURN, ADMIN, customerId="C0000001", productId="P-INVEST", key="match-1")
    assert (error["code"], error["field"]) == ("CONFLICT", "idempotencyKey")


@pytest.mark.parametrize(("customer", "product", "code", "field", "words"), [
    ("C0000001", "P-CURRENT", "CONFLICT", "productId", "not (or no longer) a suggestion"),
    ("C0000001", "P-CARD-PLATINUM", "CONFLICT", "productId", "not (or no longer) a suggestion"),
    ("C0000001", "P-BUSINESS-LOAN", "CONFLICT", "productId", "not (or no longer) a suggestion"),
    ("C0000001", "P-MORTGAGE-FIXED", "CONFLICT", "productId", "not (or no longer) a suggestion"),
    ("C0000014", "P-INVEST", "CONFLICT", "productId", "sales are blocked by IN_ARREARS"),
    ("C0000001", "P-NOPE", "NOT_FOUND", "productId", "no product has the id P-NOPE"),
    ("C9999999", "P-SAVINGS", "NOT_FOUND", "customerId", "no customer has the id C9999999"),
])
async def test_what_is_not_a_suggestion_is_refused_and_changes_nothing(
        db: Database, settings: Settings, customer: str, product: str, code: str, field: str, words: str) -> None:
    error = await fails(db, settings, TURN, ADMIN, customerId=customer, productId=product, key=None)
    assert (error["code"], error["field"]) == (code, field)
    assert words in error["message"]


async def test_a_blank_idempotency_key_is_a_validation_error(db: Database, settings: Settings) -> None:
    error = await fails(db, settings, TURN, ADMIN, customerId="C0000001", productId="P-SAVINGS", key=" ")
    assert (error["code"], error["field"]) == ("VALIDATION", "idempotencyKey")


@pytest.mark.parametrize("roles", [FRONTEND, ANALYST])
async def test_only_rms_and_admins_turn_suggestions_into_leads(db: Database, settings: Settings, roles: Any) -> None:
    error = await fails(db, settings, TURN, roles, customerId="C0000001", productId="P-SAVINGS", key=None)
    assert error["code"] == "FORBIDDEN"


def _operators(plan: dict[str, Any]) -> list[str]:
    here = f"{plan['operatorType'].split('@')[0]} {plan.get('args', {}).get('Details', '')}"
    return [here, *(op for child in plan.get("children", []) for op in _operators(child))]


def _db_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(_db_hits(child) for child in plan.get("children", []))


async def test_cost_is_bounded_by_the_peer_sample_not_the_bank(clean_graph: Database, settings: Settings) -> None:
    """PROFILE on a seeded bank: segment peers come from the Customer.segment index, at most
    PEER_SAMPLE of them, never a scan of every customer (docs/product-matching.md, "Cost")."""
    await seed_bank(clean_graph, customers=3000, seed=5, progress=False)
    [row] = await clean_graph.read(
        "MATCH (c:Customer {segment: 'MASS', status: 'ACTIVE'}) RETURN c.customerId AS id ORDER BY id LIMIT 1")
    small = {**parameters(row["id"], 10), "peerSample": 100}
    large = {**parameters(row["id"], 10), "peerSample": PEER_SAMPLE}
    plan_small = await plan_afresh(clean_graph, "PROFILE", SUGGESTIONS, q=small)
    plan_large = await plan_afresh(clean_graph, "PROFILE", SUGGESTIONS, q=large)
    operators = _operators(plan_large)
    # Only the (small) product catalog is scanned; customers come from indexes.
    scans = [op for op in operators if op.startswith(("NodeByLabelScan", "AllNodesScan"))]
    assert all(":Product" in op for op in scans), operators
    assert any(op.startswith("NodeIndexSeek") and "Customer(segment)" in op for op in operators), operators
    hits_small, hits_large = _db_hits(plan_small), _db_hits(plan_large)
    print(f"product suggestions dbHits: sample 100 -> {hits_small}, sample {PEER_SAMPLE} -> {hits_large}")
    # The sample bounds the work: well under the segment's (and the bank's) holdings.
    assert hits_large < 40 * PEER_SAMPLE
