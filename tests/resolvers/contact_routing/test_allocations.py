"""Allocations end to end against tests/data/routing_decision.cypher: request (the routing decision
made), the lifecycle, re-routing, lapsed offers, the queue, wrap-up, retrieval and bad input.

Eva (C0000007) is a PLATINUM sales prospect for the mortgage: only Ann (R000010, POOL-SALES, one
free PHONE unit) qualifies. Alice (C0000001) has POSSIBLE_FRAUD: her contacts go to the fraud
desk (Fia, R000020), never to sales.
"""

from __future__ import annotations

import asyncio
import datetime
from typing import Any

import pytest

from domains.contact_routing.dispatch import (
    QUEUE_REVISIT,
    QUEUE_SETTLE,
    SERVABLE_QUEUED_CONTACTS,
    Dispatcher,
    serve_waiting_contacts,
    withdraw_lapsed_offers,
)
from gateway.settings import Settings
from graph.database import Database
from tests.support import ADMIN, ANALYST, FRONTEND, bank_graph, execute, fails, run, snapshot

ALLOCATION = """allocationId contactId customerId status channel language priority requestedPriority productId
  purpose resource { resourceId } pool { poolId } queuedInPoolIds queueReason preference score
  explanation { resource { resourceId } preference score path { kind id } matchedSkills { code proficiency } }
  excludedResourceIds requestedAt createdAt offeredAt offerExpiresAt acceptedAt endedAt endReason
  wrapUp { disposition note capturedBy } reroutedFromId reroutedToId requestedBy updatedBy"""
REQUEST = f"""mutation ($request: RoutingRequestInput!, $key: String) {{
  requestAllocation(request: $request, idempotencyKey: $key) {{
    replayed allocation {{ {ALLOCATION} }}
    routing {{ chosen {{ resource {{ resourceId }} }} queueReason salesBlocked specialistPool
               rejected {{ resource {{ resourceId }} reasons {{ kind message }} }} }}
  }}
}}"""
STEP = f"""mutation ($id: ID!, $action: AllocationAction!, $reason: String) {{
  updateAllocation(input: {{allocationId: $id, action: $action, reason: $reason}}) {{ {ALLOCATION} }}
}}"""
WRAP_UP = f"""mutation ($id: ID!, $disposition: ContactDisposition!, $note: String) {{
  captureAllocation(input: {{allocationId: $id, disposition: $disposition, note: $note}}) {{ {ALLOCATION} }}
}}"""
RETRIEVE = f"""query ($id: ID!) {{ allocation(allocationId: $id) {{ {ALLOCATION} }} }}"""
CAPTURE_STATUS = """mutation ($resourceId: ID!, $status: ResourceStatus!) {
  captureServicingResourceStatus(resourceId: $resourceId, status: $status) { resourceId status } }"""
UPDATE_RESOURCE = """mutation ($resourceId: ID!, $changes: ServicingResourceChanges!) {
  updateServicingResource(resourceId: $resourceId, changes: $changes) { resourceId } }"""
EVA_MORTGAGE = {"customerId": "C0000007", "channel": "PHONE", "productId": "P-MORTGAGE-FIXED", "purpose": "SALES",
                "requiredSkills": [{"code": "MORTGAGE_SALES", "minProficiency": 3}]}
CONTACT_EVENTS = """
MATCH (e:ServicingEvent)-[:CONCERNS]->(a:Allocation)
WHERE e.customerId = $customerId AND e.type STARTS WITH 'CONTACT_'
RETURN e.type AS type, a.allocationId AS allocationId, e.result AS result,
       [(e)-[:CONCERNS]->(r:ServicingResource) | r.resourceId][0] AS resourceId
ORDER BY e.occurredAt, e.type
"""


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "routing_profiles", "portfolio", "contact_routing", "routing_decision")


async def request(db: Database, settings: Settings, routing_request: dict[str, Any], key: str | None = None,
                  roles: frozenset[Any] = FRONTEND) -> Any:
    return (await run(db, settings, REQUEST, roles, request=routing_request, key=key))["requestAllocation"]


async def step(db: Database, settings: Settings, allocation_id: str, action: str, reason: str | None = None) -> Any:
    return (await run(db, settings, STEP, FRONTEND, id=allocation_id, action=action, reason=reason))["updateAllocation"]


async def contact_events(db: Database, customer_id: str) -> list[tuple[str, str, str | None]]:
    rows = await db.read(CONTACT_EVENTS, customerId=customer_id)
    return [(row["type"], row["result"], row["resourceId"]) for row in rows]


async def test_the_seed_example_offers_the_prospect_to_the_rep_skilled_in_the_product(
        bank: Database, settings: Settings) -> None:
    decision = await request(bank, settings, EVA_MORTGAGE)
    allocation = decision["allocation"]
    assert decision["replayed"] is False and decision["routing"]["chosen"] == {"resource": {"resourceId": "R000010"}}
    assert {k: allocation[k] for k in ("customerId", "status", "channel", "language", "priority", "productId",
                                       "purpose", "resource", "pool", "preference", "score", "queuedInPoolIds",
                                       "queueReason", "requestedBy", "reroutedFromId")} == {
        "customerId": "C0000007", "status": "PENDING", "channel": "PHONE", "language": "en", "priority": 0,
        "productId": "P-MORTGAGE-FIXED", "purpose": "SALES", "resource": {"resourceId": "R000010"},
        "pool": {"poolId": "POOL-SALES"}, "preference": "QUALIFIED", "score": 1_000_007, "queuedInPoolIds": [],
        "queueReason": None, "requestedBy": "tester", "reroutedFromId": None}
    assert allocation["contactId"] == allocation["allocationId"]
    assert allocation["explanation"]["path"] == [{"kind": "Customer", "id": "C0000007"},
                                                 {"kind": "ServicingPool", "id": "POOL-SALES"},
                                                 {"kind": "ServicingResource", "id": "R000010"}]
    offered = datetime.datetime.fromisoformat(allocation["offeredAt"])
    expires = datetime.datetime.fromisoformat(allocation["offerExpiresAt"])
    assert expires - offered == datetime.timedelta(seconds=45)  # POOL-SALES offerTimeoutSeconds
    assert await contact_events(bank, "C0000007") == [("CONTACT_OFFERED", "PENDING", "R000010")]
    # The decision used Ann's last free PHONE unit: the dry run now rejects her for capacity.
    preview = await run(bank, settings, """query ($request: RoutingRequestInput!) {
      routingCandidates(request: $request) { chosen { resource { resourceId } }
                                             rejected { resource { resourceId } reasons { message } } } }""",
                        request=EVA_MORTGAGE)
    rejected = {r["resource"]["resourceId"]: r["reasons"] for r in preview["routingCandidates"]["rejected"]}
    assert preview["routingCandidates"]["chosen"] is None
    assert {"message": "no free PHONE capacity (1 of 1 in use)"} in rejected["R000010"]


async def test_a_contact_nobody_can_take_is_queued_with_the_reason_and_served_when_capacity_frees(
        bank: Database, settings: Settings) -> None:
    first = (await request(bank, settings, EVA_MORTGAGE))["allocation"]
    second = await request(bank, settings, {**EVA_MORTGAGE, "priority": 4})
    queued = second["allocation"]
    assert (queued["status"], queued["resource"], queued["queuedInPoolIds"], queued["priority"]) == (
        "QUEUED", None, ["POOL-SALES"], 4)
    assert queued["queueReason"] == second["routing"]["queueReason"] == (
        "no available resource with free PHONE capacity speaks en with MORTGAGE_SALES ≥ 3, SALES ≥ 2 among the "
        "customer's RMs and the SALES pools")

    accepted = await step(bank, settings, first["allocationId"], "ACCEPT")
    assert accepted["status"] == "ACCEPTED" and accepted["acceptedAt"] is not None
    completed = await step(bank, settings, first["allocationId"], "COMPLETE")
    assert completed["status"] == "COMPLETED" and completed["endedAt"] is not None

    served = (await run(bank, settings, RETRIEVE, id=queued["allocationId"]))["allocation"]
    assert (served["status"], served["resource"], served["queuedInPoolIds"]) == (
        "PENDING", {"resourceId": "R000010"}, ["POOL-SALES"])
    assert served["requestedAt"] == queued["requestedAt"] and served["offeredAt"] > queued["requestedAt"]
    assert await contact_events(bank, "C0000007") == [
        ("CONTACT_OFFERED", "PENDING", "R000010"), ("CONTACT_QUEUED", "QUEUED", None),
        ("CONTACT_ACCEPTED", "ACCEPTED", "R000010"), ("CONTACT_COMPLETED", "COMPLETED", "R000010"),
        ("CONTACT_OFFERED", "PENDING", "R000010")]


async def test_a_rejected_contact_is_rerouted_and_never_offered_to_that_resource_again(
        bank: Database, settings: Settings) -> None:
    first = (await request(bank, settings, EVA_MORTGAGE))["allocation"]
    rejected = await step(bank, settings, first["allocationId"], "REJECT", "on a break")
    assert (rejected["status"], rejected["endReason"]) == ("REJECTED", "on a break")
    successor = (await run(bank, settings, RETRIEVE, id=rejected["reroutedToId"]))["allocation"]
    # Ann was the only qualified rep: without her the contact waits, and says why.
    assert (successor["status"], successor["contactId"], successor["reroutedFromId"], successor["excludedResourceIds"],
            successor["requestedAt"]) == ("QUEUED", first["allocationId"], first["allocationId"], ["R000010"],
                                          first["requestedAt"])
    # Capacity Ann frees elsewhere is not offered this contact again: the dispatcher leaves it queued.
    assert await serve_waiting_contacts(bank) == []
    # Another rep who qualifies gets it.
    await run(bank, settings, CAPTURE_STATUS, ADMIN, resourceId="R000012", status="AVAILABLE")
    assert await serve_waiting_contacts(bank) == [successor["allocationId"]]
    now = (await run(bank, settings, RETRIEVE, id=successor["allocationId"]))["allocation"]
    assert (now["status"], now["resource"]) == ("PENDING", {"resourceId": "R000012"})
    assert [e[0] for e in await contact_events(bank, "C0000007")] == [
        "CONTACT_OFFERED", "CONTACT_REJECTED", "CONTACT_QUEUED", "CONTACT_OFFERED"]


async def test_an_offer_not_accepted_in_time_is_withdrawn_and_rerouted(bank: Database, settings: Settings) -> None:
    await bank.write("MATCH (r:ServicingResource {resourceId: 'R000012'}) SET r.status = 'AVAILABLE'")
    first = (await request(bank, settings, EVA_MORTGAGE))["allocation"]
    offered_to = first["resource"]["resourceId"]
    assert await withdraw_lapsed_offers(bank) == []  # not yet lapsed
    later = datetime.datetime.fromisoformat(first["offerExpiresAt"]) + datetime.timedelta(seconds=1)
    changed = await withdraw_lapsed_offers(bank, later)
    lapsed = (await run(bank, settings, RETRIEVE, id=first["allocationId"]))["allocation"]
    assert (lapsed["status"], lapsed["updatedBy"], changed) == ("TIMED_OUT", "dispatcher",
                                                                [first["allocationId"], lapsed["reroutedToId"]])
    successor = (await run(bank, settings, RETRIEVE, id=lapsed["reroutedToId"]))["allocation"]
    assert successor["status"] == "PENDING" and successor["resource"]["resourceId"] not in (offered_to,)
    assert successor["excludedResourceIds"] == [offered_to]
    assert "CONTACT_OFFER_LAPSED" in [e[0] for e in await contact_events(bank, "C0000007")]


async def test_each_withdrawal_of_a_dispatcher_pass_is_stamped_when_its_transaction_runs(
        bank: Database, settings: Settings) -> None:
    # The live feed relies on a change committing soon after its stamp (docs/contact-routing.md):
    # a pass that stamped every withdrawal with its own start made the later ones look late.
    await bank.write("MATCH (r:ServicingResource {resourceId: 'R000012'}) SET r.status = 'AVAILABLE'")
    offers = [(await request(bank, settings, EVA_MORTGAGE))["allocation"]["allocationId"] for _ in range(2)]
    await bank.write("MATCH (a:Allocation) WHERE a.allocationId IN $ids SET a.offerExpiresAt = datetime() - duration('PT1S')",
                     ids=offers)
    began = datetime.datetime.now(datetime.UTC)
    changed = await withdraw_lapsed_offers(bank)
    stamped = "query ($id: ID!) { allocation(allocationId: $id) { status updatedAt } }"
    lapsed = [(await run(bank, settings, stamped, id=i))["allocation"] for i in changed if i in offers]
    assert [a["status"] for a in lapsed] == ["TIMED_OUT", "TIMED_OUT"]
    stamps = [datetime.datetime.fromisoformat(a["updatedAt"]) for a in lapsed]
    assert began < stamps[0] < stamps[1], stamps


async def test_the_background_dispatcher_withdraws_a_lapsed_offer_by_itself(bank: Database, settings: Settings) -> None:
    first = (await request(bank, settings, EVA_MORTGAGE))["allocation"]
    await bank.write("MATCH (a:Allocation {allocationId: $id}) SET a.offerExpiresAt = datetime() - duration('PT1S')",
                     id=first["allocationId"])
    dispatcher = Dispatcher(bank, interval=0.2)
    dispatcher.start()
    try:
        for _ in range(50):
            status = (await run(bank, settings, RETRIEVE, id=first["allocationId"]))["allocation"]["status"]
            if status != "PENDING":
                break
            await asyncio.sleep(0.1)
    finally:
        await dispatcher.stop()
    assert status == "TIMED_OUT"


async def test_accepting_a_lapsed_offer_is_a_conflict_and_changes_nothing(bank: Database, settings: Settings) -> None:
    first = (await request(bank, settings, EVA_MORTGAGE))["allocation"]
    await bank.write("MATCH (a:Allocation {allocationId: $id}) SET a.offerExpiresAt = datetime() - duration('PT1S')",
                     id=first["allocationId"])
    error = await fails(bank, settings, STEP, FRONTEND, id=first["allocationId"], action="ACCEPT")
    assert error["code"] == "CONFLICT" and "the offer lapsed" in error["message"]


async def test_sales_blocking_allocates_to_the_fraud_desk_and_never_to_sales(bank: Database, settings: Settings) -> None:
    decision = await request(bank, settings, {"customerId": "C0000001", "channel": "PHONE", "purpose": "SALES"}, roles=ADMIN)
    allocation = decision["allocation"]
    assert (allocation["status"], allocation["resource"], allocation["pool"]) == (
        "PENDING", {"resourceId": "R000020"}, {"poolId": "POOL-FRAUD"})
    assert decision["routing"]["salesBlocked"] is True and decision["routing"]["specialistPool"] == "POOL-FRAUD"
    assert allocation["priority"] == 0 + 1 + 3 + 1  # IN_ARREARS, POSSIBLE_FRAUD and VULNERABLE_CUSTOMER boosts
    # Even when the fraud desk is full, no sales rep takes it: it waits for the fraud desk.
    await bank.write("MATCH (r:ServicingResource {resourceId: 'R000020'}) SET r.status = 'AWAY'")
    queued = (await request(bank, settings, {"customerId": "C0000001", "channel": "PHONE", "purpose": "SALES"}))
    assert (queued["allocation"]["status"], queued["allocation"]["queuedInPoolIds"]) == ("QUEUED", ["POOL-FRAUD"])


async def test_the_lifecycle_refuses_illegal_steps_and_lets_a_desktop_retry(bank: Database, settings: Settings) -> None:
    first = (await request(bank, settings, EVA_MORTGAGE))["allocation"]
    error = await fails(bank, settings, STEP, FRONTEND, id=first["allocationId"], action="COMPLETE")
    assert (error["code"], error["field"], error["message"]) == (
        "CONFLICT", "input.action", "cannot COMPLETE an allocation that is PENDING; COMPLETE applies to ACCEPTED")
    await step(bank, settings, first["allocationId"], "REJECT")
    error = await fails(bank, settings, STEP, FRONTEND, id=first["allocationId"], action="COMPLETE")
    assert error["message"] == "cannot COMPLETE an allocation that is REJECTED; COMPLETE applies to ACCEPTED"
    before = await snapshot(bank)
    again = await step(bank, settings, first["allocationId"], "REJECT")
    assert again["status"] == "REJECTED" and await snapshot(bank) == before
    error = await fails(bank, settings, STEP, FRONTEND, id="AL-missing", action="ACCEPT")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "input.allocationId")


async def test_a_contact_cancelled_while_queued_leaves_the_queue_and_counts_as_abandoned(
        bank: Database, settings: Settings) -> None:
    statistics = """{ servicingPoolStatistics(poolId: "POOL-SALES") { live { queued } window { cancelled abandoned } } }"""
    await request(bank, settings, EVA_MORTGAGE)
    queued = (await request(bank, settings, EVA_MORTGAGE))["allocation"]
    assert (await run(bank, settings, statistics))["servicingPoolStatistics"] == {
        "live": {"queued": 1}, "window": {"cancelled": 0, "abandoned": 0}}
    cancelled = await step(bank, settings, queued["allocationId"], "CANCEL", "customer hung up")
    assert (cancelled["status"], cancelled["queuedInPoolIds"], cancelled["endReason"]) == (
        "CANCELLED", ["POOL-SALES"], "customer hung up")
    assert (await run(bank, settings, statistics))["servicingPoolStatistics"] == {
        "live": {"queued": 0}, "window": {"cancelled": 1, "abandoned": 1}}


async def test_wrap_up_is_captured_on_an_accepted_allocation_only(bank: Database, settings: Settings) -> None:
    first = (await request(bank, settings, EVA_MORTGAGE))["allocation"]
    error = await fails(bank, settings, WRAP_UP, FRONTEND, id=first["allocationId"], disposition="RESOLVED")
    assert (error["code"], error["message"]) == (
        "CONFLICT", "wrap-up is captured on an ACCEPTED allocation; this one is PENDING")
    await step(bank, settings, first["allocationId"], "ACCEPT")
    wrapped = (await run(bank, settings, WRAP_UP, FRONTEND, id=first["allocationId"], disposition="SALES_OPPORTUNITY",
                         note="  Wants a quote for a 20-year fixed rate  "))["captureAllocation"]
    assert wrapped["wrapUp"] == {"disposition": "SALES_OPPORTUNITY", "note": "Wants a quote for a 20-year fixed rate",
                                 "capturedBy": "tester"}
    assert ("CONTACT_WRAPPED_UP", "SALES_OPPORTUNITY", "R000010") in await contact_events(bank, "C0000007")


async def test_a_repeated_idempotency_key_returns_the_first_decision(bank: Database, settings: Settings) -> None:
    first = await request(bank, settings, EVA_MORTGAGE, key="desk-7-call-1")
    before = await snapshot(bank)
    again = await request(bank, settings, EVA_MORTGAGE, key="desk-7-call-1")
    assert again["replayed"] is True and again["routing"] is None
    assert again["allocation"]["allocationId"] == first["allocation"]["allocationId"]
    assert await snapshot(bank) == before
    error = await fails(bank, settings, REQUEST, FRONTEND, request={**EVA_MORTGAGE, "priority": 3},
                        key="desk-7-call-1")
    assert (error["code"], error["field"]) == ("CONFLICT", "idempotencyKey")


@pytest.mark.parametrize(("change", "code", "field"), [
    ({"customerId": "C9999999"}, "NOT_FOUND", "request.customerId"),
    ({"productId": "P-NOPE"}, "NOT_FOUND", "request.productId"),
    ({"requiredSkills": [{"code": "JUGGLING", "minProficiency": 1}]}, "NOT_FOUND", "request.requiredSkills"),
    ({"purpose": "KYC"}, "NOT_FOUND", "request.purpose"),
    ({"priority": 11}, "VALIDATION", "request.priority"),
    ({"language": "English"}, "VALIDATION", "request.language"),
])
async def test_bad_requests_name_the_field_and_leave_the_graph_unchanged(
        bank: Database, settings: Settings, change: dict[str, Any], code: str, field: str) -> None:
    error = await fails(bank, settings, REQUEST, FRONTEND, request={**EVA_MORTGAGE, **change})
    assert (error["code"], error["field"]) == (code, field)


async def test_a_skill_nobody_has_is_queued_with_that_reason_not_dropped(bank: Database, settings: Settings) -> None:
    decision = await request(bank, settings, {"customerId": "C0000007", "channel": "PHONE",
                                              "requiredSkills": [{"code": "KYC_REVIEW", "minProficiency": 2}]})
    assert decision["allocation"]["status"] == "QUEUED"
    assert "KYC_REVIEW ≥ 2" in decision["allocation"]["queueReason"]


async def test_a_contact_routed_in_vain_is_looked_at_again_only_once_a_resource_changed_or_it_is_due(
        bank: Database, settings: Settings) -> None:
    """The queue's servers (the dispatcher every second, each release of capacity) route a queued contact
    again only once a resource changed after its last routing, or once that routing is QUEUE_REVISIT
    old: without it, a contact waiting for a skill nobody free has was routed in vain on every pass."""
    kyc = {"customerId": "C0000007", "channel": "PHONE", "requiredSkills": [{"code": "KYC_REVIEW", "minProficiency": 2}]}
    queued = (await request(bank, settings, kyc))["allocation"]
    assert queued["status"] == "QUEUED"

    async def servable(at: datetime.datetime | None = None) -> list[str]:
        at = at or datetime.datetime.now(datetime.UTC)
        rows = await bank.read(SERVABLE_QUEUED_CONTACTS, resourceId=None, examined=[], limit=10,
                               revisitBefore=at - QUEUE_REVISIT, settle=QUEUE_SETTLE)
        return [row["allocationId"] for row in rows]

    second = datetime.timedelta(seconds=1)
    # Ann (R000010) is free and speaks English, but routing saw her without KYC_REVIEW already.
    assert await servable() == []
    assert await serve_waiting_contacts(bank) == []
    # Her profile changed since: the contact is looked at again. Routed in vain once the change has
    # settled (a change counts for routings up to QUEUE_SETTLE after it), it waits again.
    await run(bank, settings, UPDATE_RESOURCE, ADMIN, resourceId="R000010", changes={"name": "Ann Lee-Smith"})
    assert await servable() == [queued["allocationId"]]
    settled = datetime.datetime.now(datetime.UTC) + QUEUE_SETTLE + second
    assert await serve_waiting_contacts(bank, settled) == []
    assert await servable(settled) == []
    # Due for a revisit (what no resource's stamp shows, e.g. an edit in Neo4j Browser): looked at again.
    later = settled + QUEUE_REVISIT + second
    assert await servable(later) == [queued["allocationId"]]
    # Given the skill, in Neo4j Browser, she gets the contact at the next revisit.
    await bank.write("""MATCH (r:ServicingResource {resourceId: 'R000010'}), (s:Skill {code: 'KYC_REVIEW'})
                        CREATE (r)-[:HAS_SKILL {proficiency: 3}]->(s)""")
    assert await serve_waiting_contacts(bank, later) == [queued["allocationId"]]
    served = (await run(bank, settings, RETRIEVE, id=queued["allocationId"]))["allocation"]
    assert (served["status"], served["resource"]) == ("PENDING", {"resourceId": "R000010"})


async def test_analysts_read_allocations_but_do_not_route(bank: Database, settings: Settings) -> None:
    first = (await request(bank, settings, EVA_MORTGAGE))["allocation"]
    error = await fails(bank, settings, REQUEST, ANALYST, request=EVA_MORTGAGE)
    assert error["code"] == "FORBIDDEN"
    read = (await run(bank, settings, RETRIEVE, ANALYST, id=first["allocationId"]))["allocation"]
    assert read["status"] == "PENDING"
    result, _ = await execute(bank, settings, RETRIEVE, {"id": "AL-missing"}, ANALYST)
    assert result.errors and result.errors[0].extensions["code"] == "NOT_FOUND"


async def test_an_allocation_imported_without_priorities_or_bookkeeping_reads_with_documented_defaults(
        bank: Database, settings: Settings) -> None:
    # As an import from an older contact centre would write them: no priority, createdAt, updatedAt, requestedBy...
    await bank.write("""
        MATCH (eva:Customer {customerId: 'C0000007'})
        CREATE (:Allocation {allocationId: 'AL-IMPORTED-1', contactId: 'AL-IMPORTED-1', customerId: 'C0000007',
                             status: 'COMPLETED', channel: 'PHONE', requestedAt: datetime('2025-12-01T09:00:00Z')})
               -[:FOR_CUSTOMER]->(eva)
        CREATE (:Allocation {allocationId: 'AL-IMPORTED-2', contactId: 'AL-IMPORTED-2', customerId: 'C0000007',
                             status: 'COMPLETED', channel: 'CHAT', requestedAt: datetime('2025-12-02T09:00:00Z'),
                             requestedPriority: 2, requestedBy: 'cc-import'})-[:FOR_CUSTOMER]->(eva)""")
    fields = "priority requestedPriority requestedAt createdAt updatedAt requestedBy updatedBy"
    query = f"query ($id: ID!) {{ allocation(allocationId: $id) {{ {fields} }} }}"
    first = (await run(bank, settings, query, ANALYST, id="AL-IMPORTED-1"))["allocation"]
    second = (await run(bank, settings, query, ANALYST, id="AL-IMPORTED-2"))["allocation"]
    assert first == {"priority": 0, "requestedPriority": 0, "requestedAt": "2025-12-01T09:00:00+00:00",
                     "createdAt": "2025-12-01T09:00:00+00:00", "updatedAt": "2025-12-01T09:00:00+00:00",
                     "requestedBy": "unknown", "updatedBy": "unknown"}
    assert second == {"priority": 2, "requestedPriority": 2, "requestedAt": "2025-12-02T09:00:00+00:00",
                      "createdAt": "2025-12-02T09:00:00+00:00", "updatedAt": "2025-12-02T09:00:00+00:00",
                      "requestedBy": "cc-import", "updatedBy": "cc-import"}
