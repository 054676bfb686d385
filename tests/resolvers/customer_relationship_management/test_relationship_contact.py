"""Plan contacts and the plan's Request end to end against tests/data/relationship_plans.cypher and
contact_plans.cypher: createRelationshipContact, updateRelationshipContact, requestRelationshipContact,
relationshipContact and requestRelationshipPlan, with the Relationship event each step logs, double
booking, the contact's moves, time rules, unknown references, closed plans, roles and idempotency.

Rita (R000301) manages Alice (plan RP-C0000001, ACTIVE: the HELD contact PC-RP-C0000001-1, the
SCHEDULED-but-due PC-T-DUE and the CANCELLED PC-T-CANCELLED) and Acme (RP-C0000004, SUSPENDED);
Sam (R000302) manages Dieter (RP-C0000005, CLOSED) and Acme Holdings (RP-C0000006); Tom (R000303)
backs Rita up.
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

RITA = Principal("R000301", RM)
SAM = Principal("R000302", RM)
TOM = Principal("R000303", RM)
ALICE_PLAN = "RP-C0000001"

CONTACT = """contactId contactType status scheduledAt durationMinutes location scheduleType purpose device content
  result statusReason resource { resourceId name } plan { planId status } customer { customerId name } createdBy
  updatedBy"""
CREATE = f"""mutation ($input: CreateRelationshipContactInput!, $key: String) {{
  createRelationshipContact(input: $input, idempotencyKey: $key) {{ replayed contact {{ {CONTACT} }} }} }}"""
UPDATE = f"""mutation ($input: UpdateRelationshipContactInput!, $key: String) {{
  updateRelationshipContact(input: $input, idempotencyKey: $key) {{ replayed contact {{ {CONTACT} }} }} }}"""
REQUEST = f"""mutation ($planId: ID!, $contactId: ID!, $action: ContactRequestAction!, $scheduledAt: DateTime,
  $reason: String, $key: String) {{
  requestRelationshipContact(planId: $planId, contactId: $contactId, action: $action, scheduledAt: $scheduledAt,
                             reason: $reason, idempotencyKey: $key) {{ replayed contact {{ {CONTACT} }} }} }}"""
RETRIEVE = f"""query ($planId: ID!, $contactId: ID!) {{
  relationshipContact(planId: $planId, contactId: $contactId) {{ {CONTACT} }} }}"""
PLAN_REQUEST = f"""mutation ($input: RequestRelationshipPlanInput!, $key: String) {{
  requestRelationshipPlan(input: $input, idempotencyKey: $key) {{
    planId kind reviewDue replayed contact {{ {CONTACT} }} }} }}"""
EVENTS = """
MATCH (log:CustomerEventLog)-[:RECORDED]->(e:RelationshipEvent)-[:CONCERNS]->(:RelationshipPlan {planId: $planId})
RETURN e.type AS type, e.subjectReference AS subject, e.result AS result, e.record AS record,
       e.employeeUnitReference AS resourceId, log.customerId AS customerId
ORDER BY e.occurredAt
"""
RITA_REF = {"resourceId": "R000301", "name": "Rita Hale"}
ALICE = {"customerId": "C0000001", "name": "Alice Martin"}


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "relationship_plans", "contact_plans")


def at(days: float, hour: int = 10, minute: int = 0) -> str:
    """An instant `days` from today at hour:minute UTC, as GraphQL writes it."""
    day = datetime.datetime.now(datetime.UTC).replace(hour=hour, minute=minute, second=0, microsecond=0)
    return (day + datetime.timedelta(days=days)).isoformat()


async def events(db: Database, plan_id: str = ALICE_PLAN) -> list[dict[str, Any]]:
    return await db.read(EVENTS, planId=plan_id)


async def create(db: Database, settings: Settings, who: Principal | frozenset[Any] = RITA, key: str | None = None,
                 **fields: Any) -> Any:
    request = {"planId": ALICE_PLAN, "contactType": "CALL", "scheduledAt": at(10), **fields}
    return (await run(db, settings, CREATE, who, input=request, key=key))["createRelationshipContact"]


async def scheduled(db: Database, settings: Settings, **fields: Any) -> str:
    contact_id: str = (await create(db, settings, **fields))["contact"]["contactId"]
    return contact_id


def without(contact: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in contact.items() if k not in keys}


# CreateContact

async def test_rita_schedules_a_contact_with_herself_by_default(bank: Database, settings: Settings) -> None:
    created = await create(bank, settings, scheduledAt=at(10), durationMinutes=45, location=" Mayfair branch ",
                           scheduleType="ONE_OFF", purpose="Savings review", device="TABLET", content="Bring rates")
    contact = created["contact"]
    assert created["replayed"] is False and contact["contactId"].startswith("PC-")
    assert without(contact, "contactId") == {
        "contactType": "CALL", "status": "SCHEDULED", "scheduledAt": at(10), "durationMinutes": 45,
        "location": "Mayfair branch", "scheduleType": "ONE_OFF", "purpose": "Savings review", "device": "TABLET",
        "content": "Bring rates", "result": None, "statusReason": None, "resource": RITA_REF,
        "plan": {"planId": ALICE_PLAN, "status": "ACTIVE"}, "customer": ALICE, "createdBy": "R000301",
        "updatedBy": "R000301"}
    assert await events(bank) == [{
        "type": "PLAN_CONTACT_SCHEDULED", "subject": contact["contactId"], "result": "SCHEDULED", "resourceId": "R000301",
        "customerId": "C0000001", "record": f"CALL with R000301 scheduled at {at(10)} for 45 minutes: Savings review"}]
    retrieved = await run(bank, settings, RETRIEVE, ADMIN, planId=ALICE_PLAN, contactId=contact["contactId"])
    assert retrieved == {"relationshipContact": contact}


async def test_a_contact_that_took_place_is_recorded_held_with_its_result(bank: Database, settings: Settings) -> None:
    contact = (await create(bank, settings, status="HELD", scheduledAt=at(-1), result="Wants a fixed-rate saver",
                            withResourceId="R000303"))["contact"]
    assert (contact["status"], contact["result"], contact["resource"]["resourceId"], contact["durationMinutes"]) == (
        "HELD", "Wants a fixed-rate saver", "R000303", 60)
    assert [(e["type"], e["result"], e["resourceId"]) for e in await events(bank)] == [
        ("PLAN_CONTACT_RECORDED", "HELD", "R000303")]


@pytest.mark.parametrize(("fields", "field"), [
    ({"scheduledAt": at(-1)}, "input.scheduledAt"),
    ({"status": "HELD", "scheduledAt": at(2), "result": "Fine"}, "input.scheduledAt"),
    ({"status": "HELD", "scheduledAt": at(-1)}, "input.result"),
    ({"status": "NO_SHOW"}, "input.status"),
    ({"durationMinutes": 4}, "input.durationMinutes"),
    ({"durationMinutes": 481}, "input.durationMinutes"),
    ({"location": "x" * 201}, "input.location"),
    ({"content": "x" * 2001}, "input.content"),
])
async def test_bad_contact_input_is_a_validation_error(bank: Database, settings: Settings, fields: dict[str, Any],
                                                       field: str) -> None:
    error = await fails(bank, settings, CREATE, RITA,
                        input={"planId": ALICE_PLAN, "contactType": "CALL", "scheduledAt": at(10), **fields})
    assert (error["code"], error["field"]) == ("VALIDATION", field)


async def test_a_resource_is_not_double_booked(bank: Database, settings: Settings) -> None:
    first = await scheduled(bank, settings, scheduledAt=at(10, 10), durationMinutes=60)
    error = await fails(bank, settings, CREATE, RITA,
                        input={"planId": ALICE_PLAN, "contactType": "MEETING", "scheduledAt": at(10, 9, 30)})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.scheduledAt") and first in error["message"]
    # Rita's other plans share her diary; Tom is free then; the hour after hers is free.
    error = await fails(bank, settings, CREATE, RITA,
                        input={"planId": "RP-C0000004", "contactType": "CALL", "scheduledAt": at(10, 10, 59)})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.scheduledAt")
    await create(bank, settings, scheduledAt=at(10, 10), withResourceId="R000303")
    await create(bank, settings, scheduledAt=at(10, 11))
    assert len(await events(bank)) == 3


async def test_two_bookings_of_one_resource_at_once_cannot_both_win(bank: Database, settings: Settings) -> None:
    # Different plans (Alice's, Acme's), so only the resource's lock keeps them apart.
    requests = [{"planId": plan_id, "contactType": "CALL", "scheduledAt": at(9, 15)}
                for plan_id in (ALICE_PLAN, "RP-C0000004")]
    results = await asyncio.gather(*(execute(bank, settings, CREATE, {"input": r}, RITA) for r in requests))
    errors = [result.errors for result, _ in results if result.errors]
    assert len(errors) == 1 and errors[0][0].extensions == {"code": "CONFLICT", "field": "input.scheduledAt"}
    [row] = await bank.read("MATCH (c:PlanContact {status: 'SCHEDULED'})-[:WITH_RESOURCE]->(:ServicingResource "
                            "{resourceId: 'R000301'}) WHERE c.scheduledAt > datetime() RETURN count(c) AS booked")
    assert row == {"booked": 1}


async def test_unknown_plans_and_resources_are_not_found(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, CREATE, ADMIN,
                        input={"planId": "RP-NOPE", "contactType": "CALL", "scheduledAt": at(10)})
    assert (error["code"], error["field"]) == ("NOT_FOUND", "input.planId")
    error = await fails(bank, settings, CREATE, ADMIN, input={
        "planId": ALICE_PLAN, "contactType": "CALL", "scheduledAt": at(10), "withResourceId": "R-NOPE"})
    assert (error["code"], error["field"]) == ("NOT_FOUND", "input.withResourceId")


async def test_contacts_need_an_open_plan_and_a_suspended_one_is_open(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, CREATE, ADMIN,
                        input={"planId": "RP-C0000005", "contactType": "CALL", "scheduledAt": at(10)})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.planId") and "CLOSED" in error["message"]
    contact = (await create(bank, settings, planId="RP-C0000004"))["contact"]
    assert contact["plan"] == {"planId": "RP-C0000004", "status": "SUSPENDED"}


async def test_only_writers_within_their_book_create_contacts(bank: Database, settings: Settings) -> None:
    request = {"planId": ALICE_PLAN, "contactType": "CALL", "scheduledAt": at(10)}
    for roles in (FRONTEND, ANALYST):
        assert (await fails(bank, settings, CREATE, roles, input=request))["code"] == "FORBIDDEN"
    error = await fails(bank, settings, CREATE, SAM, input=request)
    assert (error["code"], error["field"]) == ("FORBIDDEN", "input.planId")
    contact = (await create(bank, settings, TOM))["contact"]
    assert (contact["createdBy"], contact["resource"]) == ("R000303", RITA_REF)  # the plan's owner by default


async def test_a_repeated_key_returns_the_first_contact_and_another_request_conflicts(
        bank: Database, settings: Settings) -> None:
    first = await create(bank, settings, key="desk-1-contact", purpose="Renewal")
    again = await create(bank, settings, key="desk-1-contact", purpose="Renewal")
    assert again == {**first, "replayed": True}
    assert len(await events(bank)) == 1
    error = await fails(bank, settings, CREATE, RITA, key="desk-1-contact",
                        input={"planId": ALICE_PLAN, "contactType": "CALL", "scheduledAt": at(10), "purpose": "Other"})
    assert (error["code"], error["field"]) == ("CONFLICT", "idempotencyKey")


# RetrieveContact

async def test_a_contact_is_retrieved_without_narratives_for_analysts(bank: Database, settings: Settings) -> None:
    ids = {"planId": ALICE_PLAN, "contactId": "PC-RP-C0000001-1"}
    seen = (await run(bank, settings, RETRIEVE, TOM, **ids))["relationshipContact"]
    assert without(seen, "scheduledAt") == {
        "contactId": "PC-RP-C0000001-1", "contactType": "MEETING", "status": "HELD", "durationMinutes": 60,
        "location": "Mayfair branch", "scheduleType": "ONE_OFF", "purpose": "Annual review", "device": None,
        "content": "Discussed the renewal", "result": "Customer happy; asked about savings", "statusReason": None,
        "resource": RITA_REF, "plan": {"planId": ALICE_PLAN, "status": "ACTIVE"}, "customer": ALICE,
        "createdBy": "R000301", "updatedBy": "R000301"}
    analysed = (await run(bank, settings, RETRIEVE, ANALYST, **ids))["relationshipContact"]
    assert analysed == {**seen, "content": None, "result": None}
    assert (await fails(bank, settings, RETRIEVE, FRONTEND, **ids))["code"] == "FORBIDDEN"
    error = await fails(bank, settings, RETRIEVE, SAM, **ids)
    assert (error["code"], error["field"]) == ("FORBIDDEN", "planId")
    error = await fails(bank, settings, RETRIEVE, RITA, planId="RP-C0000004", contactId="PC-RP-C0000001-1")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "contactId")
    error = await fails(bank, settings, RETRIEVE, RITA, planId="RP-NOPE", contactId="PC-RP-C0000001-1")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "planId")


async def test_a_contact_costs_two_round_trips_to_retrieve_and_a_fixed_few_to_create(
        bank: Database, settings: Settings) -> None:
    result, context = await execute(bank, settings, RETRIEVE, {"planId": ALICE_PLAN, "contactId": "PC-T-DUE"}, RITA)
    assert result.errors is None and context.db.round_trips == 2  # book access, the contact
    request = {"planId": ALICE_PLAN, "contactType": "CALL", "scheduledAt": at(10)}
    result, context = await execute(bank, settings, CREATE, {"input": request, "key": "desk-1-trips"}, RITA)
    # book access, lock, key, resource lock and clash, create, event, read back
    assert result.errors is None and context.db.round_trips == 7


# UpdateContact

async def test_a_due_contact_is_recorded_held(bank: Database, settings: Settings) -> None:
    updated = (await run(bank, settings, UPDATE, RITA, input={
        "planId": ALICE_PLAN, "contactId": "PC-T-DUE", "outcome": "HELD", "result": "Opened a saver",
        "content": "Compared rates"}))["updateRelationshipContact"]
    assert updated["replayed"] is False
    assert {k: updated["contact"][k] for k in ("status", "result", "content", "purpose", "updatedBy")} == {
        "status": "HELD", "result": "Opened a saver", "content": "Compared rates", "purpose": "Savings follow-up",
        "updatedBy": "R000301"}
    assert [(e["type"], e["subject"], e["result"], e["record"]) for e in await events(bank)] == [
        ("PLAN_CONTACT_RECORDED", "PC-T-DUE", "HELD", "contact PC-T-DUE recorded HELD (content, result)")]
    # Details of a HELD contact may still be completed.
    await run(bank, settings, UPDATE, RITA, input={"planId": ALICE_PLAN, "contactId": "PC-T-DUE", "location": "Phone"})
    assert [e["type"] for e in await events(bank)] == ["PLAN_CONTACT_RECORDED", "PLAN_CONTACT_UPDATED"]


async def test_a_no_show_is_final(bank: Database, settings: Settings) -> None:
    contact = (await run(bank, settings, UPDATE, RITA, input={
        "planId": ALICE_PLAN, "contactId": "PC-T-DUE", "outcome": "NO_SHOW"}))["updateRelationshipContact"]["contact"]
    assert contact["status"] == "NO_SHOW"
    error = await fails(bank, settings, UPDATE, RITA, input={"planId": ALICE_PLAN, "contactId": "PC-T-DUE",
                                                              "content": "Called twice"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.contactId") and "NO_SHOW" in error["message"]


@pytest.mark.parametrize(("contact_id", "changes", "code", "field"), [
    ("PC-RP-C0000001-1", {"outcome": "NO_SHOW"}, "CONFLICT", "input.outcome"),  # HELD already
    ("PC-T-CANCELLED", {"result": "Nothing"}, "CONFLICT", "input.contactId"),
    ("PC-NOPE", {"result": "Nothing"}, "NOT_FOUND", "input.contactId"),
    ("PC-T-DUE", {}, "VALIDATION", "input"),
    ("PC-T-DUE", {"outcome": "HELD"}, "VALIDATION", "input.result"),
    ("PC-T-DUE", {"outcome": "CANCELLED"}, "VALIDATION", "input.outcome"),
    ("PC-T-DUE", {"result": "   "}, "VALIDATION", "input"),
])
async def test_bad_updates_fail_and_change_nothing(bank: Database, settings: Settings, contact_id: str,
                                                  changes: dict[str, Any], code: str, field: str) -> None:
    error = await fails(bank, settings, UPDATE, RITA, input={"planId": ALICE_PLAN, "contactId": contact_id, **changes})
    assert (error["code"], error["field"]) == (code, field)


async def test_an_outcome_waits_for_the_contacts_time(bank: Database, settings: Settings) -> None:
    contact_id = await scheduled(bank, settings)
    error = await fails(bank, settings, UPDATE, RITA, input={
        "planId": ALICE_PLAN, "contactId": contact_id, "outcome": "HELD", "result": "Early"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.outcome")


async def test_updates_respect_books_plans_and_keys(bank: Database, settings: Settings) -> None:
    change = {"planId": ALICE_PLAN, "contactId": "PC-T-DUE", "outcome": "NO_SHOW"}
    error = await fails(bank, settings, UPDATE, SAM, input=change)
    assert (error["code"], error["field"]) == ("FORBIDDEN", "input.planId")
    assert (await fails(bank, settings, UPDATE, FRONTEND, input=change))["code"] == "FORBIDDEN"
    error = await fails(bank, settings, UPDATE, ADMIN, input={**change, "planId": "RP-C0000005"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.planId")
    first = (await run(bank, settings, UPDATE, TOM, input=change, key="desk-1-noshow"))["updateRelationshipContact"]
    again = (await run(bank, settings, UPDATE, TOM, input=change, key="desk-1-noshow"))["updateRelationshipContact"]
    assert again == {**first, "replayed": True} and len(await events(bank)) == 1
    error = await fails(bank, settings, UPDATE, TOM, input={**change, "outcome": "HELD", "result": "x"},
                        key="desk-1-noshow")
    assert (error["code"], error["field"]) == ("CONFLICT", "idempotencyKey")


# RequestContact

async def test_a_contact_is_rescheduled_and_its_resource_stays_unbooked_twice(bank: Database, settings: Settings) -> None:
    moving = await scheduled(bank, settings, scheduledAt=at(10, 10))
    blocking = await scheduled(bank, settings, scheduledAt=at(12, 10))
    moved = (await run(bank, settings, REQUEST, RITA, planId=ALICE_PLAN, contactId=moving, action="RESCHEDULE",
                       scheduledAt=at(10, 10, 30), reason="Customer running late"))["requestRelationshipContact"]
    assert {k: moved["contact"][k] for k in ("status", "scheduledAt", "statusReason")} == {
        "status": "SCHEDULED", "scheduledAt": at(10, 10, 30), "statusReason": "Customer running late"}
    error = await fails(bank, settings, REQUEST, RITA, planId=ALICE_PLAN, contactId=moving, action="RESCHEDULE",
                        scheduledAt=at(12, 9, 30))
    assert (error["code"], error["field"]) == ("CONFLICT", "scheduledAt") and blocking in error["message"]
    assert [(e["type"], e["subject"]) for e in await events(bank)][2:] == [("PLAN_CONTACT_RESCHEDULED", moving)]
    assert (await events(bank))[2]["record"] == (f"contact {moving} moved from {at(10, 10)} to {at(10, 10, 30)}: "
                                                 "Customer running late")


async def test_a_contact_is_cancelled_with_a_reason_and_stays_cancelled(bank: Database, settings: Settings) -> None:
    contact_id = await scheduled(bank, settings)
    ids = {"planId": ALICE_PLAN, "contactId": contact_id}
    error = await fails(bank, settings, REQUEST, RITA, **ids, action="CANCEL")
    assert (error["code"], error["field"]) == ("VALIDATION", "reason")
    cancelled = (await run(bank, settings, REQUEST, RITA, **ids, action="CANCEL", reason="Customer abroad",
                           key="desk-1-cancel"))["requestRelationshipContact"]
    assert (cancelled["contact"]["status"], cancelled["contact"]["statusReason"]) == ("CANCELLED", "Customer abroad")
    again = (await run(bank, settings, REQUEST, RITA, **ids, action="CANCEL", reason="Customer abroad",
                       key="desk-1-cancel"))["requestRelationshipContact"]
    assert again == {**cancelled, "replayed": True}
    assert [(e["type"], e["result"]) for e in await events(bank)] == [
        ("PLAN_CONTACT_SCHEDULED", "SCHEDULED"), ("PLAN_CONTACT_CANCELLED", "CANCELLED")]
    for action, extra in (("CANCEL", {"reason": "Again"}), ("RESCHEDULE", {"scheduledAt": at(20)})):
        error = await fails(bank, settings, REQUEST, RITA, **ids, action=action, **extra)
        assert (error["code"], error["field"]) == ("CONFLICT", "contactId") and "CANCELLED" in error["message"]


@pytest.mark.parametrize(("who", "variables", "code", "field"), [
    (RITA, {"contactId": "PC-T-DUE", "action": "RESCHEDULE"}, "VALIDATION", "scheduledAt"),
    (RITA, {"contactId": "PC-T-DUE", "action": "RESCHEDULE", "scheduledAt": at(-2)}, "VALIDATION", "scheduledAt"),
    (RITA, {"contactId": "PC-T-DUE", "action": "CANCEL", "reason": "x", "scheduledAt": at(2)}, "VALIDATION",
     "scheduledAt"),
    (RITA, {"contactId": "PC-RP-C0000001-1", "action": "RESCHEDULE", "scheduledAt": at(2)}, "CONFLICT", "contactId"),
    (RITA, {"contactId": "PC-NOPE", "action": "CANCEL", "reason": "x"}, "NOT_FOUND", "contactId"),
    (RITA, {"planId": "RP-NOPE", "contactId": "PC-T-DUE", "action": "CANCEL", "reason": "x"}, "NOT_FOUND", "planId"),
    (SAM, {"contactId": "PC-T-DUE", "action": "CANCEL", "reason": "x"}, "FORBIDDEN", "planId"),
    (FRONTEND, {"contactId": "PC-T-DUE", "action": "CANCEL", "reason": "x"}, "FORBIDDEN", None),
])
async def test_bad_contact_requests_fail_and_change_nothing(bank: Database, settings: Settings, who: Any,
                                                            variables: dict[str, Any], code: str,
                                                            field: str | None) -> None:
    error = await fails(bank, settings, REQUEST, who, **{"planId": ALICE_PLAN, **variables})
    assert (error["code"], error.get("field")) == (code, field)


# Request on the plan

async def test_a_meeting_is_arranged_for_the_reasons_a_review_found(bank: Database, settings: Settings) -> None:
    reason = "activity down 62% in 90 days; failed repayment; relocation"
    answer = (await run(bank, settings, PLAN_REQUEST, RITA, input={
        "planId": ALICE_PLAN, "kind": "ARRANGE_MEETING", "reason": reason,
        "meeting": {"scheduledAt": at(7, 14), "location": "Mayfair branch"}}))["requestRelationshipPlan"]
    contact = answer["contact"]
    review_due = (datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(days=5)).isoformat()
    assert without(answer, "contact") == {"planId": ALICE_PLAN, "kind": "ARRANGE_MEETING", "reviewDue": review_due,
                                          "replayed": False}
    assert {k: contact[k] for k in ("contactType", "status", "scheduledAt", "durationMinutes", "purpose", "location",
                                    "resource")} == {
        "contactType": "MEETING", "status": "SCHEDULED", "scheduledAt": at(7, 14), "durationMinutes": 60,
        "purpose": reason, "location": "Mayfair branch", "resource": RITA_REF}
    assert await events(bank) == [{"type": "PLAN_CONTACT_SCHEDULED", "subject": contact["contactId"], "result": "SCHEDULED",
                                   "record": reason, "resourceId": "R000301", "customerId": "C0000001"}]
    retrieved = await run(bank, settings, RETRIEVE, RITA, planId=ALICE_PLAN, contactId=contact["contactId"])
    assert retrieved == {"relationshipContact": contact}


async def test_a_suspended_plan_may_arrange_a_meeting_a_closed_one_may_not(bank: Database, settings: Settings) -> None:
    meeting = {"scheduledAt": at(7, 9), "contactType": "VIDEO_CALL", "purpose": "Re-engage"}
    answer = (await run(bank, settings, PLAN_REQUEST, TOM, input={
        "planId": "RP-C0000004", "kind": "ARRANGE_MEETING", "meeting": meeting}))["requestRelationshipPlan"]
    assert (answer["contact"]["plan"], answer["contact"]["contactType"], answer["contact"]["purpose"]) == (
        {"planId": "RP-C0000004", "status": "SUSPENDED"}, "VIDEO_CALL", "Re-engage")
    error = await fails(bank, settings, PLAN_REQUEST, ADMIN, input={
        "planId": "RP-C0000005", "kind": "ARRANGE_MEETING", "meeting": meeting})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.planId") and "CLOSED" in error["message"]


@pytest.mark.parametrize(("who", "input", "code", "field"), [
    (RITA, {"kind": "ARRANGE_MEETING"}, "VALIDATION", "input.meeting"),
    (RITA, {"kind": "ARRANGE_MEETING", "meeting": {"scheduledAt": at(-1)}}, "VALIDATION", "input.meeting.scheduledAt"),
    (RITA, {"kind": "ARRANGE_MEETING", "meeting": {"scheduledAt": at(7), "durationMinutes": 600}}, "VALIDATION",
     "input.meeting.durationMinutes"),
    (RITA, {"kind": "ARRANGE_MEETING", "meeting": {"scheduledAt": at(7), "withResourceId": "R-NOPE"}}, "NOT_FOUND",
     "input.meeting.withResourceId"),
    (RITA, {"kind": "ARRANGE_MEETING", "meeting": {"scheduledAt": at(7)}, "reviewDue": "2030-01-01"}, "VALIDATION",
     "input.reviewDue"),
    (RITA, {"kind": "REQUEST_REVIEW", "meeting": {"scheduledAt": at(7)}}, "VALIDATION", "input.meeting"),
    (RITA, {"kind": "REQUEST_REVIEW", "reviewDue": at(200)[:10]}, "VALIDATION", "input.reviewDue"),
    (RITA, {"kind": "REQUEST_REVIEW", "reviewDue": at(-1)[:10]}, "VALIDATION", "input.reviewDue"),
    (RITA, {"kind": "REQUEST_REVIEW", "reason": "x" * 2001}, "VALIDATION", "input.reason"),
    (RITA, {"kind": "REQUEST_REVIEW", "planId": "RP-NOPE"}, "NOT_FOUND", "input.planId"),
    (SAM, {"kind": "REQUEST_REVIEW"}, "FORBIDDEN", "input.planId"),
    (ANALYST, {"kind": "REQUEST_REVIEW"}, "FORBIDDEN", None),
    (ADMIN, {"kind": "REQUEST_REVIEW", "planId": "RP-C0000005"}, "CONFLICT", "input.planId"),
])
async def test_bad_plan_requests_fail_and_change_nothing(bank: Database, settings: Settings, who: Any,
                                                         input: dict[str, Any], code: str, field: str | None) -> None:
    error = await fails(bank, settings, PLAN_REQUEST, who, input={"planId": ALICE_PLAN, **input})
    assert (error["code"], error.get("field")) == (code, field)


async def test_a_meeting_does_not_double_book_its_resource(bank: Database, settings: Settings) -> None:
    existing = await scheduled(bank, settings, scheduledAt=at(7, 14))
    error = await fails(bank, settings, PLAN_REQUEST, RITA, input={
        "planId": "RP-C0000004", "kind": "ARRANGE_MEETING", "meeting": {"scheduledAt": at(7, 14, 15)}})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.meeting.scheduledAt") and existing in error["message"]


async def test_a_review_is_requested_for_today_by_default(bank: Database, settings: Settings) -> None:
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    answer = (await run(bank, settings, PLAN_REQUEST, RITA, input={
        "planId": "RP-C0000004", "kind": "REQUEST_REVIEW", "reason": "Payroll move stalled"}))["requestRelationshipPlan"]
    assert answer == {"planId": "RP-C0000004", "kind": "REQUEST_REVIEW", "reviewDue": today, "replayed": False,
                      "contact": None}
    assert await events(bank, "RP-C0000004") == [{
        "type": "PLAN_REVIEW_REQUESTED", "subject": None, "result": today, "resourceId": "R000301",
        "customerId": "C0000004", "record": f"review of plan RP-C0000004 requested for {today}: Payroll move stalled"}]
    [plan] = await bank.read("MATCH (p:RelationshipPlan {planId: 'RP-C0000004'}) RETURN toString(p.reviewDue) AS due, "
                             "p.updatedBy AS by")
    assert plan == {"due": today, "by": "R000301"}


async def test_a_repeated_plan_request_returns_the_first_outcome(bank: Database, settings: Settings) -> None:
    request = {"planId": ALICE_PLAN, "kind": "ARRANGE_MEETING", "reason": "Activity falling",
               "meeting": {"scheduledAt": at(7, 16)}}
    first = (await run(bank, settings, PLAN_REQUEST, RITA, input=request, key="review-alice-1"))["requestRelationshipPlan"]
    again = (await run(bank, settings, PLAN_REQUEST, RITA, input=request, key="review-alice-1"))["requestRelationshipPlan"]
    assert again == {**first, "replayed": True} and len(await events(bank)) == 1
    error = await fails(bank, settings, PLAN_REQUEST, RITA, input={**request, "reason": "Other"}, key="review-alice-1")
    assert (error["code"], error["field"]) == ("CONFLICT", "idempotencyKey")
    review = {"planId": ALICE_PLAN, "kind": "REQUEST_REVIEW", "reviewDue": at(30)[:10]}
    first = (await run(bank, settings, PLAN_REQUEST, ADMIN, input=review, key="review-alice-2"))["requestRelationshipPlan"]
    again = (await run(bank, settings, PLAN_REQUEST, ADMIN, input=review, key="review-alice-2"))["requestRelationshipPlan"]
    assert again == {**first, "replayed": True} and first["reviewDue"] == at(30)[:10]
    assert [e["type"] for e in await events(bank)] == ["PLAN_CONTACT_SCHEDULED", "PLAN_REVIEW_REQUESTED"]
