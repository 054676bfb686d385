"""The routing decision's dry run (routingCandidates) against tests/data/routing_decision.cypher.

Eva (C0000007) is a PLATINUM sales prospect whose RM is Rita (BUSY) backed up by Sam (OFFLINE);
Alice (C0000001) has POSSIBLE_FRAUD and IN_ARREARS from March 2026; Chloe (C0000003) has no RM
but shares a household with Alice and Bob; Dieter (C0000005) guarantees Acme, Sam's customer.
"""

from __future__ import annotations

from typing import Any

import pytest

from gateway.security.auth import Principal, Role
from gateway.settings import Settings
from graph.database import Database
from tests.support import ADMIN, ANALYST, FRONTEND, RM, bank_graph, execute, fails, run, snapshot

PREVIEW = """query ($request: RoutingRequestInput!, $limit: Int! = 5, $at: DateTime = "2026-06-01T00:00:00Z") {
  routingCandidates(request: $request, limit: $limit, at: $at) {
    customerId channel language priority salesBlocked requestedPurpose purpose specialistPool notes
    requiredSkills { code minProficiency sources { source reference minProficiency } }
    relaxedOptionalSkills queueReason
    chosen { resource { resourceId } preference path { kind id relationship direction } score freeCapacity
             pool { poolId strategy } matchedSkills { code proficiency required } relaxedOptionalSkills }
    candidates { resource { resourceId } preference score }
    rejected { resource { resourceId } preference reasons { kind message } }
  }
}"""
ALICE_FRAUD_AT = "2026-03-10T00:00:00Z"
EVA_MORTGAGE = {"customerId": "C0000007", "channel": "PHONE", "productId": "P-MORTGAGE-FIXED", "purpose": "SALES",
                "requiredSkills": [{"code": "MORTGAGE_SALES", "minProficiency": 3}]}


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "routing_profiles", "portfolio", "contact_routing", "routing_decision")


# The decision proper: without `rejected`, the statement skips ranking the rejected resources.
DECISION = "\n".join(line for line in PREVIEW.splitlines() if "rejected {" not in line)


# Eva's, Alice's and Bob's relationship manager, working her book (portfolio.cypher).
RITA = Principal("R000001", RM)


async def preview(db: Database, settings: Settings, roles: frozenset[Role] | Principal = ADMIN,
                  **variables: Any) -> Any:
    """The dry run with rejected resources, after checking that the decision without them agrees."""
    explained = (await run(db, settings, PREVIEW, roles, **variables))["routingCandidates"]
    decided = (await run(db, settings, DECISION, roles, **variables))["routingCandidates"]
    assert decided == {key: value for key, value in explained.items() if key != "rejected"}
    return explained


async def set_status(db: Database, status: str, *resource_ids: str) -> None:
    await db.write("MATCH (r:ServicingResource) WHERE r.resourceId IN $ids SET r.status = $status",
                   ids=list(resource_ids), status=status)


def ids(entries: list[dict[str, Any]]) -> list[str]:
    return [entry["resource"]["resourceId"] for entry in entries]


async def test_the_seed_example_routes_a_sales_prospect_to_an_available_rep_skilled_in_the_product(
        bank: Database, settings: Settings) -> None:
    before = await snapshot(bank)
    result = await preview(bank, settings, request=EVA_MORTGAGE)
    assert result == {
        "customerId": "C0000007", "channel": "PHONE", "language": "en", "priority": 0, "salesBlocked": False,
        "requestedPurpose": "SALES", "purpose": "SALES", "specialistPool": None, "notes": [],
        "requiredSkills": [
            {"code": "MORTGAGE_SALES", "minProficiency": 3, "sources": [
                {"source": "REQUEST", "reference": None, "minProficiency": 3},
                {"source": "PRODUCT", "reference": "P-MORTGAGE-FIXED", "minProficiency": 1}]},
            {"code": "SALES", "minProficiency": 2, "sources": [
                {"source": "INDICATOR", "reference": "SALES_PROSPECT", "minProficiency": 2}]}],
        "relaxedOptionalSkills": [], "queueReason": None,
        "chosen": {"resource": {"resourceId": "R000010"}, "preference": "QUALIFIED",
                   "path": [{"kind": "Customer", "id": "C0000007", "relationship": None, "direction": None},
                            {"kind": "ServicingPool", "id": "POOL-SALES", "relationship": None, "direction": None},
                            {"kind": "ServicingResource", "id": "R000010", "relationship": "MEMBER_OF",
                             "direction": "IN"}],
                   "score": 1_000_007, "freeCapacity": 1, "pool": {"poolId": "POOL-SALES", "strategy": "LEAST_LOAD"},
                   "matchedSkills": [{"code": "MORTGAGE_SALES", "proficiency": 3, "required": True},
                                     {"code": "SALES", "proficiency": 4, "required": True}],
                   "relaxedOptionalSkills": []},
        "candidates": [{"resource": {"resourceId": "R000010"}, "preference": "QUALIFIED", "score": 1_000_007}],
        "rejected": [
            {"resource": {"resourceId": "R000001"}, "preference": "OWN_RM",
             "reasons": [{"kind": "STATUS", "message": "status BUSY"}]},
            {"resource": {"resourceId": "R000002"}, "preference": "RM_BACKUP",
             "reasons": [{"kind": "STATUS", "message": "status OFFLINE"},
                         {"kind": "SKILL", "message": "MORTGAGE_SALES 2 < 3"}]},
            {"resource": {"resourceId": "R000012"}, "preference": "QUALIFIED",
             "reasons": [{"kind": "STATUS", "message": "status BUSY"}]},
            {"resource": {"resourceId": "R000011"}, "preference": "QUALIFIED",
             "reasons": [{"kind": "SKILL", "message": "MORTGAGE_SALES 2 < 3"}]},
            {"resource": {"resourceId": "R000014"}, "preference": "QUALIFIED",
             "reasons": [{"kind": "SKILL", "message": "MORTGAGE_SALES 0 < 3"}]}],
    }
    assert await snapshot(bank) == before, "a dry run allocates nothing"


async def test_the_own_rm_comes_first_then_the_backup_then_anyone_qualified(bank: Database, settings: Settings) -> None:
    request = {"customerId": "C0000007", "channel": "PHONE", "productId": "P-MORTGAGE-FIXED"}
    await set_status(bank, "AVAILABLE", "R000001", "R000002")
    own = await preview(bank, settings, request=request)
    assert (own["chosen"]["preference"], own["chosen"]["path"]) == ("OWN_RM", [
        {"kind": "Customer", "id": "C0000007", "relationship": None, "direction": None},
        {"kind": "ServicingResource", "id": "R000001", "relationship": "MANAGES", "direction": "IN"}])
    assert [(c["resource"]["resourceId"], c["preference"]) for c in own["candidates"]][:3] == [
        ("R000001", "OWN_RM"), ("R000002", "RM_BACKUP"), ("R000010", "QUALIFIED")]

    await set_status(bank, "BUSY", "R000001")
    backup = (await preview(bank, settings, request=request))["chosen"]
    assert (backup["resource"], backup["preference"], [step["id"] for step in backup["path"]]) == (
        {"resourceId": "R000002"}, "RM_BACKUP", ["C0000007", "R000001", "R000002"])
    assert [step["relationship"] for step in backup["path"]] == [None, "MANAGES", "BACKUP_FOR"]

    await set_status(bank, "AWAY", "R000002")
    anyone = (await preview(bank, settings, request=request))["chosen"]
    assert (anyone["resource"], anyone["preference"]) == ({"resourceId": "R000010"}, "QUALIFIED")


async def test_a_household_members_rm_serves_a_customer_without_one(bank: Database, settings: Settings) -> None:
    await set_status(bank, "AVAILABLE", "R000001")
    chloe = await preview(bank, settings, request={"customerId": "C0000003", "channel": "PHONE"},
                          at="2026-01-05T00:00:00Z")
    assert (chloe["chosen"]["preference"], chloe["chosen"]["path"]) == ("HOUSEHOLD_RM", [
        {"kind": "Customer", "id": "C0000003", "relationship": None, "direction": None},
        {"kind": "Household", "id": "H0000001", "relationship": "MEMBER_OF", "direction": "OUT"},
        {"kind": "Customer", "id": "C0000001", "relationship": "MEMBER_OF", "direction": "IN"},
        {"kind": "ServicingResource", "id": "R000001", "relationship": "MANAGES", "direction": "IN"}])


async def test_a_related_partys_rm_comes_before_anyone_qualified(bank: Database, settings: Settings) -> None:
    await set_status(bank, "AVAILABLE", "R000002")
    dieter = (await preview(bank, settings, request={"customerId": "C0000005", "channel": "PHONE"}))["chosen"]
    assert (dieter["resource"], dieter["preference"], dieter["path"][1:]) == ({"resourceId": "R000002"},
                                                                               "RELATED_PARTY_RM", [
        {"kind": "Customer", "id": "C0000004", "relationship": "RELATED_TO", "direction": "OUT"},
        {"kind": "ServicingResource", "id": "R000002", "relationship": "MANAGES", "direction": "IN"}])


async def test_sales_blocking_routes_to_the_fraud_desk_and_never_to_sales(bank: Database, settings: Settings) -> None:
    request = {"customerId": "C0000001", "channel": "PHONE", "purpose": "SALES", "priority": 2}
    result = await preview(bank, settings, request=request, at=ALICE_FRAUD_AT)
    assert {key: result[key] for key in ("salesBlocked", "requestedPurpose", "purpose", "specialistPool", "priority",
                                         "notes")} == {
        "salesBlocked": True, "requestedPurpose": "SALES", "purpose": None, "specialistPool": "POOL-FRAUD",
        "priority": 2 + 1 + 3 + 1,
        "notes": ["sales are blocked by IN_ARREARS, POSSIBLE_FRAUD: no member of a SALES pool may take the contact",
                  "the requested purpose SALES was overridden because sales are blocked",
                  "routed to POOL-FRAUD, the specialist pool of POSSIBLE_FRAUD"]}
    assert [(r["code"], r["minProficiency"]) for r in result["requiredSkills"]] == [
        ("COLLECTIONS", 2), ("FRAUD_INVESTIGATION", 3), ("VULNERABLE_CUSTOMER_CARE", 4)]
    assert (ids(result["candidates"]), result["chosen"]["pool"]) == (["R000020"], {"poolId": "POOL-FRAUD",
                                                                                   "strategy": "LONGEST_IDLE"})
    rejected = {r["resource"]["resourceId"]: [reason["message"] for reason in r["reasons"]] for r in result["rejected"]}
    assert rejected["R000001"] == ["status BUSY", "COLLECTIONS 0 < 2", "FRAUD_INVESTIGATION 0 < 3",
                                   "VULNERABLE_CUSTOMER_CARE 0 < 4",
                                   "not a member of POOL-FRAUD, the pool sales-blocked contacts go to"]
    assert rejected["R000021"] == ["member of a SALES pool while sales are blocked"]


async def test_a_front_end_is_routed_the_same_but_does_not_see_confidential_indicators(
        bank: Database, settings: Settings) -> None:
    request = {"customerId": "C0000001", "channel": "PHONE"}
    trusted = await preview(bank, settings, request=request, at=ALICE_FRAUD_AT)
    frontend = await preview(bank, settings, FRONTEND, request=request, at=ALICE_FRAUD_AT)
    assert frontend["chosen"] == trusted["chosen"] and frontend["priority"] == trusted["priority"]
    assert "POSSIBLE_FRAUD" in repr(trusted) and "POSSIBLE_FRAUD" not in repr(frontend)
    assert frontend["notes"][0] == ("sales are blocked by IN_ARREARS, a confidential indicator: no member of a SALES "
                                    "pool may take the contact")


async def test_a_narrower_skill_meets_a_broader_requirement_but_not_the_other_way(
        bank: Database, settings: Settings) -> None:
    request = {"customerId": "C0000007", "channel": "PHONE", "purpose": "SALES",
               "requiredSkills": [{"code": "LENDING_SALES", "minProficiency": 3}]}
    result = await preview(bank, settings, request=request, limit=10)
    assert ids(result["candidates"]) == ["R000010"]
    assert {"code": "LENDING_SALES", "proficiency": 3, "required": True} in result["chosen"]["matchedSkills"]
    rejected = {r["resource"]["resourceId"]: [reason["message"] for reason in r["reasons"]] for r in result["rejected"]}
    assert (rejected["R000011"], rejected["R000014"]) == (["LENDING_SALES 2 < 3"], ["LENDING_SALES 0 < 3"])


async def test_language_and_channel_capacity_are_hard_constraints(bank: Database, settings: Settings) -> None:
    french = await preview(bank, settings, request={"customerId": "C0000007", "channel": "CHAT", "language": "fr",
                                                    "purpose": "SALES"})
    assert (french["language"], ids(french["candidates"])) == ("fr", ["R000010", "R000013"])
    assert [r["reasons"] for r in french["rejected"] if r["resource"]["resourceId"] == "R000011"] == [
        [{"kind": "LANGUAGE", "message": "does not speak fr"}]]

    await bank.write("""MATCH (ann:ServicingResource {resourceId: 'R000010'})
                        CREATE (a1:Allocation {allocationId: 'A-1', channel: 'PHONE', status: 'ACCEPTED'})-[:ASSIGNED_TO]->(ann)
                        CREATE (a1)-[:OCCUPIES {channel: 'PHONE'}]->(ann)
                        CREATE (:Allocation {allocationId: 'A-2', channel: 'PHONE', status: 'COMPLETED'})-[:ASSIGNED_TO]->(ann)
                        CREATE (a3:Allocation {allocationId: 'A-3', channel: 'CHAT', status: 'PENDING'})-[:ASSIGNED_TO]->(ann)
                        CREATE (a3)-[:OCCUPIES {channel: 'CHAT'}]->(ann)""")
    phone = await preview(bank, settings, request={"customerId": "C0000007", "channel": "PHONE", "purpose": "SALES"})
    assert "R000010" not in ids(phone["candidates"])
    assert [r["reasons"] for r in phone["rejected"] if r["resource"]["resourceId"] == "R000010"] == [
        [{"kind": "CAPACITY", "message": "no free PHONE capacity (1 of 1 in use)"}]]
    chat = await preview(bank, settings, request={"customerId": "C0000007", "channel": "CHAT", "purpose": "SALES"})
    # A completed phone allocation and a pending chat leave Ann 2 of 3 chats: she still qualifies on chat.
    assert ids(chat["candidates"]) == ["R000011", "R000014", "R000010"]


@pytest.mark.parametrize(("strategy", "setup", "first"), [
    ("LEAST_LOAD", "", "R000010"),  # equal loads: the lower resourceId
    ("LEAST_LOAD", "CREATE (a:Allocation {allocationId: 'A-1', channel: 'CHAT', status: 'PENDING'})-[:ASSIGNED_TO]->(ann) "
                   "CREATE (a)-[:OCCUPIES {channel: 'CHAT'}]->(ann)", "R000011"),
    ("LONGEST_IDLE", "", "R000011"),  # Ben available since 08:00, Ann since 09:00
    ("ROUND_ROBIN", "SET ben.lastAllocatedAt = datetime('2026-01-05T10:00:00Z')", "R000010"),  # never allocated first
    ("ROUND_ROBIN", "SET ben.lastAllocatedAt = datetime('2026-01-05T10:00:00Z'), "
                    "ann.lastAllocatedAt = datetime('2026-01-05T11:00:00Z')", "R000011"),
])
async def test_equal_scores_go_to_the_pools_strategy(bank: Database, settings: Settings, strategy: str, setup: str,
                                                     first: str) -> None:
    await bank.write("MATCH (pool:ServicingPool {poolId: 'POOL-SALES'}), (ann:ServicingResource {resourceId: 'R000010'}), "
                     "(ben:ServicingResource {resourceId: 'R000011'}) SET pool.strategy = $strategy " + setup,
                     strategy=strategy)
    request = {"customerId": "C0000007", "channel": "CHAT", "productId": "P-MORTGAGE-FIXED", "purpose": "SALES"}
    result = await preview(bank, settings, request=request)
    assert [(c["resource"]["resourceId"], c["score"]) for c in result["candidates"][:2]] == sorted(
        [("R000010", 1_000_007), ("R000011", 1_000_007)], key=lambda c: c[0] != first)


async def test_optional_skills_are_relaxed_last_first(bank: Database, settings: Settings) -> None:
    request = {"customerId": "C0000007", "channel": "PHONE", "purpose": "SALES",
               "optionalSkills": [{"code": "SALES", "minProficiency": 5}, {"code": "MORTGAGE_SALES", "minProficiency": 4}]}
    kept_one = await preview(bank, settings, request=request)
    assert (ids(kept_one["candidates"]), kept_one["relaxedOptionalSkills"]) == (
        ["R000011", "R000014", "R000010"], ["MORTGAGE_SALES"])
    assert kept_one["candidates"][2]["score"] == 1_000_000 + 4  # Ann kept none; SALES 4 meets the indicator's 2

    request["optionalSkills"] = [{"code": "MORTGAGE_SALES", "minProficiency": 5}, {"code": "SALES", "minProficiency": 4}]
    kept_none = await preview(bank, settings, request=request)
    assert kept_none["relaxedOptionalSkills"] == ["SALES", "MORTGAGE_SALES"]
    assert kept_none["chosen"]["matchedSkills"][-1] == {"code": "SALES", "proficiency": 5, "required": False}


async def test_nobody_qualifies_gives_no_choice_and_says_why(bank: Database, settings: Settings) -> None:
    request = {"customerId": "C0000007", "channel": "PHONE", "language": "fr",
               "requiredSkills": [{"code": "KYC_REVIEW", "minProficiency": 2}],
               "optionalSkills": [{"code": "MORTGAGE_SALES", "minProficiency": 1}]}
    result = await preview(bank, settings, request=request)
    assert (result["chosen"], result["candidates"], result["relaxedOptionalSkills"]) == (None, [], ["MORTGAGE_SALES"])
    assert result["queueReason"] == ("no available resource with free PHONE capacity speaks fr with KYC_REVIEW ≥ 2, "
                                     "SALES ≥ 2, even with every optional skill relaxed")
    assert len(result["rejected"]) == 5


@pytest.mark.parametrize(("request_", "field"), [
    ({"customerId": "C9999999", "channel": "PHONE"}, "request.customerId"),
    ({"customerId": "C0000007", "channel": "PHONE", "productId": "P-NOTHING"}, "request.productId"),
    ({"customerId": "C0000007", "channel": "PHONE", "requiredSkills": [{"code": "TELEPATHY", "minProficiency": 1}]},
     "request.requiredSkills"),
    ({"customerId": "C0000007", "channel": "PHONE", "optionalSkills": [{"code": "TELEPATHY", "minProficiency": 1}]},
     "request.optionalSkills"),
    ({"customerId": "C0000007", "channel": "PHONE", "purpose": "KYC"}, "request.purpose"),
])
async def test_unknown_references_are_not_found(bank: Database, settings: Settings, request_: dict[str, Any],
                                                field: str) -> None:
    error = await fails(bank, settings, PREVIEW, request=request_)
    assert (error["code"], error["field"]) == ("NOT_FOUND", field)


@pytest.mark.parametrize(("change", "limit", "field"), [
    ({"priority": 11}, 5, "request.priority"),
    ({"priority": -1}, 5, "request.priority"),
    ({}, 0, "limit"),
    ({}, 51, "limit"),
    ({"language": "FRA"}, 5, "request.language"),
    ({"requiredSkills": [{"code": "SALES", "minProficiency": 6}]}, 5, "request.requiredSkills.minProficiency"),
    ({"optionalSkills": [{"code": "SALES", "minProficiency": 0}]}, 5, "request.optionalSkills.minProficiency"),
    ({"requiredSkills": [{"code": "SALES", "minProficiency": 2}],
      "optionalSkills": [{"code": "SALES", "minProficiency": 4}]}, 5, "request.optionalSkills"),
])
async def test_invalid_input_is_a_validation_error(bank: Database, settings: Settings, change: dict[str, Any],
                                                   limit: int, field: str) -> None:
    error = await fails(bank, settings, PREVIEW, request={"customerId": "C0000007", "channel": "PHONE", **change},
                        limit=limit)
    assert (error["code"], error["field"]) == ("VALIDATION", field)


# A relationship manager's book is asked first: one more round trip, for it only.
@pytest.mark.parametrize(("roles", "round_trips"), [(RITA, 2), (FRONTEND, 1), (ADMIN, 1)],
                         ids=["relationship_manager", "frontend", "admin"])
async def test_front_ends_rms_and_admins_preview_in_one_round_trip(bank: Database, settings: Settings,
                                                                   roles: frozenset[Role] | Principal,
                                                                   round_trips: int) -> None:
    result, context = await execute(bank, settings, PREVIEW, {"request": EVA_MORTGAGE}, roles)
    assert result.errors is None and context.db.round_trips == round_trips


async def test_rejected_resources_are_ranked_when_selected_through_a_fragment(bank: Database,
                                                                              settings: Settings) -> None:
    query = DECISION.replace("candidates {", "...Why candidates {") + """
fragment Why on RoutingPreview { rejected { resource { resourceId } reasons { kind } } }"""
    result = (await run(bank, settings, query, RITA, request=EVA_MORTGAGE))["routingCandidates"]
    assert ids(result["rejected"]) == ids((await preview(bank, settings, request=EVA_MORTGAGE))["rejected"])
    assert result["rejected"][0]["reasons"] == [{"kind": "STATUS"}]


async def test_analysts_may_not_preview(bank: Database, settings: Settings) -> None:
    result, context = await execute(bank, settings, PREVIEW, {"request": EVA_MORTGAGE}, ANALYST)
    assert result.errors is not None and result.errors[0].extensions == {"code": "FORBIDDEN"}
    assert context.db.round_trips == 0
