"""Development tasks of relationship plans (BIAN Development) end to end against
tests/data/relationship_plans.cypher and tests/data/development_tasks.cypher: create, update,
exchange (submit, accept, reject, cancel), request and retrieve; the task's whole life, four eyes on
ACCEPT, the Relationship event every step logs, bad input (the graph unchanged), roles and books,
idempotency.

Rita (R000301) manages Alice, whose ACTIVE plan RP-C0000001 has DT-RP-C0000001-1 (OPEN, Rita's, no
due day), DT-RP-C0000001-2 (REQUESTED of Tom, overdue, two work products) and DT-RP-C0000001-3
(ACCEPTED). Tom (R000303) backs Rita up; Sam (R000302) works another book. Dieter's plan RP-C0000005
is CLOSED, with DT-RP-C0000005-1 SUBMITTED.
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
PLAN, TASK, LATE_TASK, DONE_TASK = "RP-C0000001", "DT-RP-C0000001-1", "DT-RP-C0000001-2", "DT-RP-C0000001-3"
TASK_FIELDS = """taskId taskType description status statusReason result workProducts { type identification } dueOn
  overdue assignee { resourceId name } plan { planId status planType } customer { customerId name } requestNote
  createdBy updatedBy requestedAt requestedBy submittedAt submittedBy closedAt closedBy"""
CREATE = f"""mutation ($input: CreateRelationshipDevelopmentInput!, $key: String) {{
  createRelationshipDevelopment(input: $input, idempotencyKey: $key) {{ replayed task {{ {TASK_FIELDS} }} }} }}"""
UPDATE = f"""mutation ($input: UpdateRelationshipDevelopmentInput!, $key: String) {{
  updateRelationshipDevelopment(input: $input, idempotencyKey: $key) {{ replayed task {{ {TASK_FIELDS} }} }} }}"""
EXCHANGE = f"""mutation ($planId: ID!, $taskId: ID!, $action: DevelopmentExchangeAction!, $result: String,
                          $reason: String, $key: String) {{
  exchangeRelationshipDevelopment(planId: $planId, taskId: $taskId, action: $action, result: $result, reason: $reason,
                                  idempotencyKey: $key) {{ replayed task {{ {TASK_FIELDS} }} }} }}"""
REQUEST = f"""mutation ($planId: ID!, $taskId: ID!, $note: String, $dueOn: Date, $key: String) {{
  requestRelationshipDevelopment(planId: $planId, taskId: $taskId, note: $note, dueOn: $dueOn, idempotencyKey: $key) {{
    replayed task {{ {TASK_FIELDS} }} }} }}"""
RETRIEVE = f"""query ($planId: ID!, $taskId: ID!) {{
  relationshipDevelopment(planId: $planId, taskId: $taskId) {{ {TASK_FIELDS} }} }}"""
OF_PLAN = """query ($planId: ID!, $status: [DevelopmentTaskStatus!]) {
  relationshipDevelopments(planId: $planId, status: $status) { taskId status dueOn overdue } }"""
EVENTS = """
MATCH (:Customer)-[:HAS_EVENT_LOG]->(:CustomerEventLog)-[:RECORDED]->(e:RelationshipEvent)
      -[:CONCERNS]->(:RelationshipPlan {planId: $planId})
WHERE e.subjectReference = $taskId
RETURN e.type AS type, e.category AS category, e.result AS result, e.customerId AS customerId,
       e.employeeUnitReference AS resourceId, e.record AS record,
       [(e)-[:CONCERNS]->(r:ServicingResource) | r.resourceId] AS concernsResources
ORDER BY e.occurredAt
"""
ASSIGNEES = """
MATCH (:RelationshipPlan {planId: $planId})-[:HAS_DEVELOPMENT_TASK]->(:DevelopmentTask {taskId: $taskId})
      -[:ASSIGNED_TO]->(r:ServicingResource)
RETURN collect(r.resourceId) AS assignees
"""
ALICE_PLAN = {"planId": PLAN, "status": "ACTIVE", "planType": "MANAGEMENT"}
ALICE = {"customerId": "C0000001", "name": "Alice Martin"}
RITA_REF = {"resourceId": "R000301", "name": "Rita Hale"}
TOM_REF = {"resourceId": "R000303", "name": "Tom Reed"}


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "relationship_plans", "development_tasks")


def day(offset: int) -> str:
    return (datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=offset)).isoformat()


async def events(db: Database, task_id: str, plan_id: str = PLAN) -> list[dict[str, Any]]:
    return await db.read(EVENTS, planId=plan_id, taskId=task_id)


async def event_types(db: Database, task_id: str) -> list[str]:
    return [e["type"] for e in await events(db, task_id)]


async def create(db: Database, settings: Settings, who: Principal | frozenset[Any] = RITA, key: str | None = None,
                 **fields: Any) -> dict[str, Any]:
    request = {"planId": PLAN, "taskType": "PROPOSAL", "description": "Draft a savings proposal", **fields}
    outcome: dict[str, Any] = (await run(db, settings, CREATE, who, input=request, key=key))[
        "createRelationshipDevelopment"]
    return outcome


async def exchange(db: Database, settings: Settings, who: Principal | frozenset[Any], action: str,
                   task_id: str = TASK, **fields: Any) -> dict[str, Any]:
    outcome: dict[str, Any] = (await run(db, settings, EXCHANGE, who, planId=PLAN, taskId=task_id, action=action,
                                         **fields))["exchangeRelationshipDevelopment"]
    return outcome


# --- create ------------------------------------------------------------------------------------

async def test_create_opens_a_task_for_the_plans_owner_and_logs_it(bank: Database, settings: Settings) -> None:
    outcome = await create(bank, settings, description="  Draft a savings proposal  ", dueOn=day(14),
                           workProducts=[{"type": "DOCUMENT", "identification": " DOC-9 "}])
    task = outcome["task"]
    assert outcome["replayed"] is False and task["taskId"].startswith("DT-")
    assert {k: v for k, v in task.items() if k != "taskId"} == {
        "taskType": "PROPOSAL", "description": "Draft a savings proposal", "status": "OPEN", "statusReason": None,
        "result": None, "workProducts": [{"type": "DOCUMENT", "identification": "DOC-9"}], "dueOn": day(14),
        "overdue": False, "assignee": RITA_REF, "plan": ALICE_PLAN, "customer": ALICE, "requestNote": None,
        "createdBy": "R000301", "updatedBy": "R000301", "requestedAt": None, "requestedBy": None,
        "submittedAt": None, "submittedBy": None, "closedAt": None, "closedBy": None}
    assert (await bank.read(ASSIGNEES, planId=PLAN, taskId=task["taskId"]))[0]["assignees"] == ["R000301"]
    [event] = await events(bank, task["taskId"])
    assert event["type"] == "DEVELOPMENT_TASK_CREATED" and event["category"] == "RELATIONSHIP"
    assert (event["result"], event["customerId"], event["resourceId"], event["concernsResources"]) == (
        "OPEN", "C0000001", "R000301", ["R000301"])
    assert "Draft a savings" not in event["record"], "event records carry no narratives"


async def test_create_assigns_the_named_resource_and_tom_covers_ritas_book(bank: Database, settings: Settings) -> None:
    task = (await create(bank, settings, TOM, assigneeId="R000303", taskType="FOLLOW_UP"))["task"]
    assert (task["assignee"], task["taskType"], task["createdBy"], task["dueOn"]) == (
        TOM_REF, "FOLLOW_UP", "R000303", None)
    assert [e["resourceId"] for e in await events(bank, task["taskId"])] == ["R000303"]


@pytest.mark.parametrize(("fields", "key", "field"), [
    ({"description": "   "}, None, "input.description"),
    ({"description": "x" * 2001}, None, "input.description"),
    ({"dueOn": day(-1)}, None, "input.dueOn"),
    ({"dueOn": day(400)}, None, "input.dueOn"),  # after the plan's validTo (in 165 days)
    ({"workProducts": [{"type": "FILE", "identification": "f" * 201}]}, None, "input.workProducts[0].identification"),
    ({"workProducts": [{"type": "FILE", "identification": " "}]}, None, "input.workProducts[0].identification"),
    ({"workProducts": [{"type": "FILE", "identification": f"F-{i}"} for i in range(21)]}, None, "input.workProducts"),
    ({}, "  ", "idempotencyKey"),
])
async def test_create_rejects_bad_input(bank: Database, settings: Settings, fields: dict[str, Any], key: str | None,
                                        field: str) -> None:
    request = {"planId": PLAN, "taskType": "PROPOSAL", "description": "Draft", **fields}
    error = await fails(bank, settings, CREATE, RITA, input=request, key=key)
    assert (error["code"], error["field"]) == ("VALIDATION", field)


async def test_create_names_what_is_unknown_or_closed(bank: Database, settings: Settings) -> None:
    base = {"taskType": "PROPOSAL", "description": "Draft"}
    unknown_plan = await fails(bank, settings, CREATE, ADMIN, input={**base, "planId": "RP-NOPE"})
    assert (unknown_plan["code"], unknown_plan["field"]) == ("NOT_FOUND", "input.planId")
    unknown_assignee = await fails(bank, settings, CREATE, RITA, input={**base, "planId": PLAN, "assigneeId": "R999"})
    assert (unknown_assignee["code"], unknown_assignee["field"]) == ("NOT_FOUND", "input.assigneeId")
    closed = await fails(bank, settings, CREATE, ADMIN, input={**base, "planId": "RP-C0000005"})
    assert (closed["code"], closed["field"]) == ("CONFLICT", "input.planId")
    assert "CLOSED" in closed["message"] and "ACTIVE" in closed["message"]


async def test_create_on_a_suspended_plan_is_allowed(bank: Database, settings: Settings) -> None:
    task = (await create(bank, settings, planId="RP-C0000004"))["task"]
    assert task["plan"] == {"planId": "RP-C0000004", "status": "SUSPENDED", "planType": "STRATEGY"}


async def test_create_is_idempotent(bank: Database, settings: Settings) -> None:
    first = await create(bank, settings, key="dev-create-1", dueOn=day(7))
    again = await create(bank, settings, key="dev-create-1", dueOn=day(7))
    assert again == {**first, "replayed": True}
    assert len(await events(bank, first["task"]["taskId"])) == 1
    listed = await run(bank, settings, OF_PLAN, RITA, planId=PLAN)
    assert len(listed["relationshipDevelopments"]) == 4  # three loaded, one created
    reused = await fails(bank, settings, CREATE, RITA, key="dev-create-1",
                         input={"planId": PLAN, "taskType": "PROPOSAL", "description": "Something else"})
    assert (reused["code"], reused["field"]) == ("CONFLICT", "idempotencyKey")


async def test_two_identical_creates_at_once_make_one_task(bank: Database, settings: Settings) -> None:
    request = {"planId": PLAN, "taskType": "FOLLOW_UP", "description": "Call back"}
    outcomes = await asyncio.gather(*(run(bank, settings, CREATE, RITA, input=request, key="dev-race")
                                      for _ in range(2)))
    tasks = {o["createRelationshipDevelopment"]["task"]["taskId"] for o in outcomes}
    assert len(tasks) == 1
    assert sorted(o["createRelationshipDevelopment"]["replayed"] for o in outcomes) == [False, True]
    assert len(await events(bank, tasks.pop())) == 1


# --- roles and books ---------------------------------------------------------------------------

async def test_frontend_reaches_no_development_field(bank: Database, settings: Settings) -> None:
    operations: list[tuple[str, dict[str, Any]]] = [
        (RETRIEVE, {"planId": PLAN, "taskId": TASK}), (OF_PLAN, {"planId": PLAN}),
        (CREATE, {"input": {"planId": PLAN, "taskType": "PROPOSAL", "description": "Draft"}}),
        (UPDATE, {"input": {"planId": PLAN, "taskId": TASK, "result": "x"}}),
        (EXCHANGE, {"planId": PLAN, "taskId": TASK, "action": "CANCEL", "reason": "x"}),
        (REQUEST, {"planId": PLAN, "taskId": TASK})]
    for query, variables in operations:
        assert (await fails(bank, settings, query, FRONTEND, **variables))["code"] == "FORBIDDEN"


async def test_an_analyst_reads_without_narratives_and_changes_nothing(bank: Database, settings: Settings) -> None:
    task = (await run(bank, settings, RETRIEVE, ANALYST, planId=PLAN, taskId=DONE_TASK))["relationshipDevelopment"]
    assert (task["description"], task["result"], task["status"], task["taskType"]) == (
        None, None, "ACCEPTED", "ACCOUNT_REVIEW")
    denied = await fails(bank, settings, REQUEST, ANALYST, planId=PLAN, taskId=TASK)
    assert denied["code"] == "FORBIDDEN"


async def test_an_rm_outside_the_book_is_forbidden(bank: Database, settings: Settings) -> None:
    read = await fails(bank, settings, RETRIEVE, SAM, planId=PLAN, taskId=TASK)
    assert (read["code"], read["field"]) == ("FORBIDDEN", "planId")
    created = await fails(bank, settings, CREATE, SAM,
                          input={"planId": PLAN, "taskType": "PROPOSAL", "description": "Draft"})
    assert (created["code"], created["field"]) == ("FORBIDDEN", "input.planId")
    requested = await fails(bank, settings, REQUEST, SAM, planId=PLAN, taskId=TASK)
    assert (requested["code"], requested["field"]) == ("FORBIDDEN", "planId")


# --- reads -------------------------------------------------------------------------------------

async def test_retrieve_answers_every_field_in_two_round_trips(bank: Database, settings: Settings) -> None:
    result, context = await execute(bank, settings, RETRIEVE, {"planId": PLAN, "taskId": LATE_TASK}, TOM)
    assert result.errors is None
    task = result.data["relationshipDevelopment"]  # type: ignore[index]
    assert (task["description"], task["status"], task["dueOn"], task["overdue"], task["assignee"], task["customer"],
            task["requestedBy"]) == ("Draft a savings proposal", "REQUESTED", day(-3), True, TOM_REF, ALICE, "R000301")
    assert task["workProducts"] == [{"type": "DOCUMENT", "identification": "DOC-1"},
                                    {"type": "FORM", "identification": "FORM-7"}]
    assert context.db.round_trips == 2


async def test_retrieve_names_what_is_unknown(bank: Database, settings: Settings) -> None:
    no_task = await fails(bank, settings, RETRIEVE, RITA, planId=PLAN, taskId="DT-NOPE")
    assert (no_task["code"], no_task["field"]) == ("NOT_FOUND", "taskId")
    other_plan = await fails(bank, settings, RETRIEVE, ADMIN, planId="RP-C0000006", taskId=TASK)
    assert (other_plan["code"], other_plan["field"]) == ("NOT_FOUND", "taskId")
    no_plan = await fails(bank, settings, RETRIEVE, ADMIN, planId="RP-NOPE", taskId=TASK)
    assert (no_plan["code"], no_plan["field"]) == ("NOT_FOUND", "planId")


async def test_a_plans_tasks_come_due_first_and_filter_by_status(bank: Database, settings: Settings) -> None:
    listed = (await run(bank, settings, OF_PLAN, ANALYST, planId=PLAN))["relationshipDevelopments"]
    assert listed == [{"taskId": LATE_TASK, "status": "REQUESTED", "dueOn": day(-3), "overdue": True},
                      {"taskId": DONE_TASK, "status": "ACCEPTED", "dueOn": day(10), "overdue": False},
                      {"taskId": TASK, "status": "OPEN", "dueOn": None, "overdue": False}]
    open_only = await run(bank, settings, OF_PLAN, RITA, planId=PLAN, status=["OPEN", "SUBMITTED"])
    assert [t["taskId"] for t in open_only["relationshipDevelopments"]] == [TASK]
    assert (await run(bank, settings, OF_PLAN, ADMIN, planId="RP-C0000006"))["relationshipDevelopments"] == []
    missing = await fails(bank, settings, OF_PLAN, ADMIN, planId="RP-NOPE")
    assert (missing["code"], missing["field"]) == ("NOT_FOUND", "planId")


# --- update ------------------------------------------------------------------------------------

async def test_update_changes_the_named_fields_and_reassigns(bank: Database, settings: Settings) -> None:
    outcome = (await run(bank, settings, UPDATE, RITA, input={
        "planId": PLAN, "taskId": LATE_TASK, "description": "Draft a premier savings proposal",
        "result": "First draft done", "dueOn": day(5), "assigneeId": "R000301",
        "addWorkProducts": [{"type": "WORKING_PAPER", "identification": "WP-3"}]}))["updateRelationshipDevelopment"]
    task = outcome["task"]
    assert outcome["replayed"] is False
    assert (task["description"], task["result"], task["dueOn"], task["overdue"], task["assignee"], task["status"],
            task["updatedBy"]) == ("Draft a premier savings proposal", "First draft done", day(5), False, RITA_REF,
                                   "REQUESTED", "R000301")
    assert [w["identification"] for w in task["workProducts"]] == ["DOC-1", "FORM-7", "WP-3"]
    assert (await bank.read(ASSIGNEES, planId=PLAN, taskId=LATE_TASK))[0]["assignees"] == ["R000301"]
    [event] = await events(bank, LATE_TASK)
    assert (event["type"], event["resourceId"], event["result"]) == ("DEVELOPMENT_TASK_UPDATED", "R000301", "REQUESTED")
    for name in ("description", "result", "addWorkProducts", "dueOn", "assigneeId"):
        assert name in event["record"]


@pytest.mark.parametrize(("fields", "code", "field"), [
    ({"taskId": TASK}, "VALIDATION", "input"),
    ({"taskId": TASK, "result": " "}, "VALIDATION", "input.result"),
    ({"taskId": TASK, "result": "r" * 2001}, "VALIDATION", "input.result"),
    ({"taskId": TASK, "dueOn": day(-2)}, "VALIDATION", "input.dueOn"),
    ({"taskId": TASK, "dueOn": day(300)}, "VALIDATION", "input.dueOn"),
    ({"taskId": LATE_TASK, "addWorkProducts": [{"type": "FILE", "identification": f"F-{i}"} for i in range(19)]},
     "VALIDATION", "input.addWorkProducts"),  # 2 recorded + 19 > 20
    ({"taskId": "DT-NOPE", "result": "x"}, "NOT_FOUND", "input.taskId"),
    ({"taskId": TASK, "assigneeId": "R999"}, "NOT_FOUND", "input.assigneeId"),
    ({"taskId": DONE_TASK, "result": "x"}, "CONFLICT", "input.taskId"),
    ({"planId": "RP-C0000006", "taskId": TASK, "result": "x"}, "NOT_FOUND", "input.taskId"),
])
async def test_update_rejects_bad_input(bank: Database, settings: Settings, fields: dict[str, Any], code: str,
                                        field: str) -> None:
    error = await fails(bank, settings, UPDATE, ADMIN, input={"planId": PLAN, **fields})
    assert (error["code"], error["field"]) == (code, field)


async def test_update_is_idempotent(bank: Database, settings: Settings) -> None:
    request = {"planId": PLAN, "taskId": TASK, "addWorkProducts": [{"type": "FILE", "identification": "F-1"}]}
    first = (await run(bank, settings, UPDATE, RITA, input=request, key="dev-update-1"))["updateRelationshipDevelopment"]
    again = (await run(bank, settings, UPDATE, RITA, input=request, key="dev-update-1"))["updateRelationshipDevelopment"]
    assert again == {**first, "replayed": True} and len(again["task"]["workProducts"]) == 1
    assert await event_types(bank, TASK) == ["DEVELOPMENT_TASK_UPDATED"]
    reused = await fails(bank, settings, UPDATE, RITA, key="dev-update-1", input={**request, "result": "other"})
    assert (reused["code"], reused["field"]) == ("CONFLICT", "idempotencyKey")


# --- request -----------------------------------------------------------------------------------

async def test_request_asks_the_assignee(bank: Database, settings: Settings) -> None:
    outcome = (await run(bank, settings, REQUEST, TOM, planId=PLAN, taskId=TASK, note="Please before Friday",
                         dueOn=day(3)))["requestRelationshipDevelopment"]
    task = outcome["task"]
    assert (task["status"], task["requestNote"], task["dueOn"], task["requestedBy"], task["assignee"]) == (
        "REQUESTED", "Please before Friday", day(3), "R000303", RITA_REF)
    assert task["requestedAt"] is not None
    [event] = await events(bank, TASK)
    assert (event["type"], event["resourceId"], event["result"]) == ("DEVELOPMENT_TASK_REQUESTED", "R000301",
                                                                     "REQUESTED")
    analyst = (await run(bank, settings, RETRIEVE, ANALYST, planId=PLAN, taskId=TASK))["relationshipDevelopment"]
    assert analyst["requestNote"] is None


async def test_request_rejects_bad_input(bank: Database, settings: Settings) -> None:
    again = await fails(bank, settings, REQUEST, RITA, planId=PLAN, taskId=LATE_TASK)
    assert (again["code"], again["field"]) == ("CONFLICT", "taskId")
    assert "REQUESTED" in again["message"] and "OPEN" in again["message"]
    past = await fails(bank, settings, REQUEST, RITA, planId=PLAN, taskId=TASK, dueOn=day(-1))
    assert (past["code"], past["field"]) == ("VALIDATION", "dueOn")
    late = await fails(bank, settings, REQUEST, RITA, planId=PLAN, taskId=TASK, dueOn=day(200))
    assert (late["code"], late["field"]) == ("VALIDATION", "dueOn")
    long_note = await fails(bank, settings, REQUEST, RITA, planId=PLAN, taskId=TASK, note="n" * 2001)
    assert (long_note["code"], long_note["field"]) == ("VALIDATION", "note")
    unknown = await fails(bank, settings, REQUEST, RITA, planId=PLAN, taskId="DT-NOPE")
    assert (unknown["code"], unknown["field"]) == ("NOT_FOUND", "taskId")


async def test_request_is_idempotent(bank: Database, settings: Settings) -> None:
    first = (await run(bank, settings, REQUEST, RITA, planId=PLAN, taskId=TASK, key="dev-request-1"))
    again = (await run(bank, settings, REQUEST, RITA, planId=PLAN, taskId=TASK, key="dev-request-1"))
    assert again["requestRelationshipDevelopment"] == {**first["requestRelationshipDevelopment"], "replayed": True}
    assert await event_types(bank, TASK) == ["DEVELOPMENT_TASK_REQUESTED"]
    reused = await fails(bank, settings, REQUEST, RITA, planId=PLAN, taskId=TASK, note="other", key="dev-request-1")
    assert (reused["code"], reused["field"]) == ("CONFLICT", "idempotencyKey")


# --- exchange: the whole life ------------------------------------------------------------------

async def test_a_task_lives_from_open_to_accepted_with_four_eyes(bank: Database, settings: Settings) -> None:
    await run(bank, settings, REQUEST, RITA, planId=PLAN, taskId=TASK)
    no_result = await fails(bank, settings, EXCHANGE, RITA, planId=PLAN, taskId=TASK, action="SUBMIT")
    assert (no_result["code"], no_result["field"]) == ("VALIDATION", "result")
    submitted = (await exchange(bank, settings, RITA, "SUBMIT", result="Needs a fixed-term saver"))["task"]
    assert (submitted["status"], submitted["result"], submitted["submittedBy"]) == (
        "SUBMITTED", "Needs a fixed-term saver", "R000301")
    own = await fails(bank, settings, EXCHANGE, RITA, planId=PLAN, taskId=TASK, action="ACCEPT")
    assert (own["code"], own["field"]) == ("FORBIDDEN", "action")
    rejected = (await exchange(bank, settings, TOM, "REJECT", reason="Add the rates"))["task"]
    assert (rejected["status"], rejected["statusReason"], rejected["requestedBy"]) == (
        "REQUESTED", "Add the rates", "R000303")
    resubmitted = (await exchange(bank, settings, RITA, "SUBMIT"))["task"]  # the recorded result stands
    assert (resubmitted["status"], resubmitted["result"], resubmitted["statusReason"]) == (
        "SUBMITTED", "Needs a fixed-term saver", None)
    accepted = (await exchange(bank, settings, TOM, "ACCEPT"))["task"]
    assert (accepted["status"], accepted["closedBy"], accepted["overdue"]) == ("ACCEPTED", "R000303", False)
    assert accepted["closedAt"] is not None
    logged = await events(bank, TASK)
    assert [(e["type"], e["result"], e["resourceId"]) for e in logged] == [
        ("DEVELOPMENT_TASK_REQUESTED", "REQUESTED", "R000301"),
        ("DEVELOPMENT_TASK_SUBMITTED", "SUBMITTED", "R000301"),
        ("DEVELOPMENT_TASK_REJECTED", "REQUESTED", "R000301"),
        ("DEVELOPMENT_TASK_SUBMITTED", "SUBMITTED", "R000301"),
        ("DEVELOPMENT_TASK_ACCEPTED", "ACCEPTED", "R000301")]
    assert {e["category"] for e in logged} == {"RELATIONSHIP"}
    final = await fails(bank, settings, EXCHANGE, ADMIN, planId=PLAN, taskId=TASK, action="CANCEL", reason="x")
    assert (final["code"], final["field"]) == ("CONFLICT", "action")
    assert "ACCEPTED" in final["message"] and "OPEN, REQUESTED, SUBMITTED" in final["message"]


async def test_an_admin_may_accept_and_cancel_needs_a_reason(bank: Database, settings: Settings) -> None:
    await exchange(bank, settings, RITA, "SUBMIT", task_id=LATE_TASK, result="Proposal drafted")
    assert (await exchange(bank, settings, ADMIN, "ACCEPT", task_id=LATE_TASK))["task"]["status"] == "ACCEPTED"
    no_reason = await fails(bank, settings, EXCHANGE, RITA, planId=PLAN, taskId=TASK, action="CANCEL")
    assert (no_reason["code"], no_reason["field"]) == ("VALIDATION", "reason")
    cancelled = (await exchange(bank, settings, RITA, "CANCEL", reason="Customer declined"))["task"]
    assert (cancelled["status"], cancelled["statusReason"], cancelled["closedBy"]) == (
        "CANCELLED", "Customer declined", "R000301")
    assert await event_types(bank, TASK) == ["DEVELOPMENT_TASK_CANCELLED"]


@pytest.mark.parametrize(("variables", "code", "field"), [
    ({"action": "ACCEPT"}, "CONFLICT", "action"),  # OPEN: nothing submitted yet
    ({"action": "REJECT", "reason": "x"}, "CONFLICT", "action"),
    ({"action": "REJECT"}, "VALIDATION", "reason"),
    ({"action": "CANCEL", "reason": "r" * 501}, "VALIDATION", "reason"),
    ({"action": "ACCEPT", "result": "x"}, "VALIDATION", "result"),
    ({"action": "SUBMIT", "reason": "x", "result": "y"}, "VALIDATION", "reason"),
    ({"action": "SUBMIT", "result": "r" * 2001}, "VALIDATION", "result"),
    ({"action": "SUBMIT", "result": "y", "taskId": "DT-NOPE"}, "NOT_FOUND", "taskId"),
    ({"action": "SUBMIT", "result": "y", "planId": "RP-NOPE"}, "NOT_FOUND", "planId"),
    ({"action": "ACCEPT", "planId": "RP-C0000005", "taskId": "DT-RP-C0000005-1"}, "CONFLICT", "planId"),
])
async def test_exchange_rejects_bad_input(bank: Database, settings: Settings, variables: dict[str, Any], code: str,
                                          field: str) -> None:
    error = await fails(bank, settings, EXCHANGE, ADMIN, **{"planId": PLAN, "taskId": TASK, **variables})
    assert (error["code"], error["field"]) == (code, field)


async def test_exchange_is_idempotent(bank: Database, settings: Settings) -> None:
    first = await run(bank, settings, EXCHANGE, RITA, planId=PLAN, taskId=TASK, action="SUBMIT", result="Done",
                      key="dev-exchange-1")
    again = await run(bank, settings, EXCHANGE, RITA, planId=PLAN, taskId=TASK, action="SUBMIT", result="Done",
                      key="dev-exchange-1")
    assert again["exchangeRelationshipDevelopment"] == {**first["exchangeRelationshipDevelopment"], "replayed": True}
    assert await event_types(bank, TASK) == ["DEVELOPMENT_TASK_SUBMITTED"]
    reused = await fails(bank, settings, EXCHANGE, TOM, planId=PLAN, taskId=TASK, action="ACCEPT",
                         key="dev-exchange-1")
    assert (reused["code"], reused["field"]) == ("CONFLICT", "idempotencyKey")
