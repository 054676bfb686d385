"""Development tasks on leads end to end against tests/data/lead_development.cypher: initiate (with its
idempotency key), update, execute (a generated message), request, retrieve, the task lifecycle,
closed leads, unknown references and roles.

Rita (R000901) owns Bob's open mortgage lead LD-T-OPEN and Alice's won lead LD-T-WON (which still has
an OPEN GENERATE_MESSAGE task, DV-T-ON-WON); Chloe's lead LD-T-UNOWNED has no owner; Mallory's name
looks like placeholders. Sam (R000902) is another relationship manager.
"""

from __future__ import annotations

import asyncio
import datetime
from typing import Any

import pytest

from domains.lead_and_opportunity_management.message_templates import PLACEHOLDERS, placeholders, render
from gateway.settings import Settings
from graph.database import Database
from graph.seed.templates import TEMPLATES, seed_message_templates
from tests.support import ADMIN, ANALYST, FRONTEND, bank_graph, execute, fails, run

DEVELOPMENT = """developmentId leadId customerId productId type status description assignedTo { resourceId name }
  dueAt dateTimeLocation contactRecordReference correspondence correspondenceContent correspondenceChannel templateId
  messageGeneratedAt documentReferences documentContent workProducts taskResult requestedAt closedAt createdBy
  updatedBy"""
INITIATE = f"""mutation ($input: InitiateLeadDevelopmentInput!, $key: String) {{
  initiateLeadDevelopment(input: $input, idempotencyKey: $key) {{ replayed development {{ {DEVELOPMENT} }} }} }}"""
UPDATE = f"""mutation ($input: UpdateLeadDevelopmentInput!) {{
  updateLeadDevelopment(input: $input) {{ {DEVELOPMENT} }} }}"""
EXECUTE = f"""mutation ($input: ExecuteLeadDevelopmentInput!) {{
  executeLeadDevelopment(input: $input) {{ unresolvedPlaceholders development {{ {DEVELOPMENT} }} }} }}"""
REQUEST = f"""mutation ($input: RequestLeadDevelopmentInput!) {{
  requestLeadDevelopment(input: $input) {{ {DEVELOPMENT} }} }}"""
RETRIEVE = f"""query ($id: ID!) {{ leadDevelopment(developmentId: $id) {{ {DEVELOPMENT} }} }}"""
OF_LEAD = """query ($leadId: ID!, $statuses: [DevelopmentStatus!]) {
  leadDevelopments(leadId: $leadId, statuses: $statuses) { developmentId type status } }"""
TEMPLATES_QUERY = """query ($channel: String) { messageTemplates(channel: $channel) {
  templateId name channel subject placeholders unknownPlaceholders } }"""
SALES_EVENTS = """
MATCH (e:SalesEvent)-[:CONCERNS]->(l:Lead {leadId: $leadId})
RETURN e.type AS type, e.result AS result, e.record AS record,
       [(e)-[:CONCERNS]->(r:ServicingResource) | r.resourceId][0] AS resourceId
ORDER BY e.occurredAt, e.type
"""
UNSET = {"description": None, "dueAt": None, "dateTimeLocation": None, "contactRecordReference": None,
         "correspondence": None, "correspondenceContent": None, "correspondenceChannel": None, "templateId": None,
         "messageGeneratedAt": None, "documentReferences": [], "documentContent": None, "workProducts": [],
         "taskResult": None, "requestedAt": None, "closedAt": None}
BOB_MORTGAGE = {"leadId": "LD-T-OPEN", "customerId": "C0000002", "productId": "P-MORTGAGE-FIXED"}
RITA = {"resourceId": "R000901", "name": "Rita Patel"}
SAM = {"resourceId": "R000902", "name": "Sam Okoro"}


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "lead_development")


def tomorrow() -> str:
    return (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1)).replace(microsecond=0).isoformat()


async def initiate(db: Database, settings: Settings, key: str | None = None, **fields: Any) -> Any:
    request = {"leadId": "LD-T-OPEN", "type": "GENERATE_MESSAGE", **fields}
    return (await run(db, settings, INITIATE, FRONTEND, input=request, key=key))["initiateLeadDevelopment"]


async def task(db: Database, settings: Settings, **fields: Any) -> str:
    development_id: str = (await initiate(db, settings, **fields))["development"]["developmentId"]
    return development_id


async def sales_events(db: Database, lead_id: str) -> list[tuple[str, str, str | None]]:
    return [(row["type"], row["result"], row["resourceId"]) for row in await db.read(SALES_EVENTS, leadId=lead_id)]


def dropping(development: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in development.items() if k not in keys}


# Initiate

async def test_a_task_is_initiated_on_an_open_lead_and_assigned_to_its_owner(bank: Database, settings: Settings) -> None:
    initiated = await initiate(bank, settings, description="Send the mortgage introduction")
    development = initiated["development"]
    assert initiated["replayed"] is False and development["developmentId"].startswith("DV-")
    assert dropping(development, "developmentId") == {
        **UNSET, **BOB_MORTGAGE, "type": "GENERATE_MESSAGE", "status": "OPEN",
        "description": "Send the mortgage introduction", "assignedTo": RITA, "createdBy": "tester",
        "updatedBy": "tester"}
    assert await sales_events(bank, "LD-T-OPEN") == [("LEAD_DEVELOPMENT_INITIATED", "OPEN", "R000901")]
    listed = await run(bank, settings, OF_LEAD, ANALYST, leadId="LD-T-OPEN")
    assert listed == {"leadDevelopments": [
        {"developmentId": development["developmentId"], "type": "GENERATE_MESSAGE", "status": "OPEN"}]}


async def test_a_task_takes_the_named_resource_due_time_and_documents(bank: Database, settings: Settings) -> None:
    due = tomorrow()
    development = (await initiate(bank, settings, type="COLLECT_DOCUMENTS", resourceId="R000902", dueAt=due,
                                  dateTimeLocation="Leeds branch", documentReferences=["DOC-PAYSLIP"]))["development"]
    assert {k: development[k] for k in ("type", "assignedTo", "dueAt", "dateTimeLocation", "documentReferences")} == {
        "type": "COLLECT_DOCUMENTS", "assignedTo": SAM, "dueAt": due, "dateTimeLocation": "Leeds branch",
        "documentReferences": ["DOC-PAYSLIP"]}
    assert await sales_events(bank, "LD-T-OPEN") == [("LEAD_DEVELOPMENT_INITIATED", "OPEN", "R000902")]


async def test_a_repeated_idempotency_key_returns_the_first_task(bank: Database, settings: Settings) -> None:
    first = await initiate(bank, settings, key="desk-7-dev-1", description="Call Bob")
    again = await initiate(bank, settings, key="desk-7-dev-1", description="Call Bob")
    assert again == {**first, "replayed": True}
    assert len((await run(bank, settings, OF_LEAD, leadId="LD-T-OPEN"))["leadDevelopments"]) == 1
    assert len(await sales_events(bank, "LD-T-OPEN")) == 1
    error = await fails(bank, settings, INITIATE, FRONTEND, key="desk-7-dev-1",
                        input={"leadId": "LD-T-OPEN", "type": "FOLLOW_UP"})
    assert (error["code"], error["field"]) == ("CONFLICT", "idempotencyKey")


async def test_concurrent_retries_with_one_key_create_one_task(bank: Database, settings: Settings) -> None:
    results = await asyncio.gather(*(initiate(bank, settings, key="desk-7-burst") for _ in range(4)))
    assert len({r["development"]["developmentId"] for r in results}) == 1
    assert sorted(r["replayed"] for r in results) == [False, True, True, True]
    assert len(await sales_events(bank, "LD-T-OPEN")) == 1


@pytest.mark.parametrize(("request_fields", "code", "field"), [
    ({"leadId": "LD-NOPE"}, "NOT_FOUND", "input.leadId"),
    ({"resourceId": "R-NOPE"}, "NOT_FOUND", "input.resourceId"),
    ({"leadId": "LD-T-WON"}, "CONFLICT", "input.leadId"),
    ({"leadId": "LD-T-UNOWNED"}, "VALIDATION", "input.resourceId"),
    ({"dueAt": "2020-01-01T00:00:00Z"}, "VALIDATION", "input.dueAt"),
    ({"description": "x" * 2001}, "VALIDATION", "input.description"),
    ({"documentReferences": ["DOC-1", " "]}, "VALIDATION", "input.documentReferences[1]"),
])
async def test_bad_initiations_change_nothing(bank: Database, settings: Settings, request_fields: dict[str, Any],
                                             code: str, field: str) -> None:
    error = await fails(bank, settings, INITIATE, FRONTEND,
                        input={"leadId": "LD-T-OPEN", "type": "FOLLOW_UP", **request_fields})
    assert (error["code"], error["field"]) == (code, field)


async def test_a_closed_lead_names_the_open_statuses(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, INITIATE, FRONTEND, input={"leadId": "LD-T-WON", "type": "FOLLOW_UP"})
    assert error["message"] == ("lead LD-T-WON is WON: only open leads (CAPTURED, QUALIFYING, CONFIRMED, "
                                "OFFER_INITIATED) can be developed")


async def test_analysts_read_but_do_not_develop(bank: Database, settings: Settings) -> None:
    development_id = await task(bank, settings)
    for query, variables in ((INITIATE, {"input": {"leadId": "LD-T-OPEN", "type": "FOLLOW_UP"}}),
                             (UPDATE, {"input": {"developmentId": development_id, "taskResult": "x"}}),
                             (EXECUTE, {"input": {"developmentId": development_id, "templateId": "TPL-TEST-EMAIL"}}),
                             (REQUEST, {"input": {"developmentId": development_id, "dueAt": tomorrow()}})):
        error = await fails(bank, settings, query, ANALYST, **variables)
        assert error["code"] == "FORBIDDEN"
    read = await run(bank, settings, RETRIEVE, ANALYST, id=development_id)
    assert read["leadDevelopment"]["status"] == "OPEN"


# Execute: the generated message

async def test_executing_renders_the_template_with_the_leads_data(bank: Database, settings: Settings) -> None:
    development_id = await task(bank, settings)
    executed = (await run(bank, settings, EXECUTE, ADMIN,
                          input={"developmentId": development_id, "templateId": "TPL-TEST-EMAIL"}))
    result = executed["executeLeadDevelopment"]
    development = result["development"]
    assert result["unresolvedPlaceholders"] == ["discount"]
    assert {k: development[k] for k in ("status", "correspondence", "correspondenceContent", "correspondenceChannel",
                                        "templateId")} == {
        "status": "DONE", "correspondence": "Your Fixed-Rate Mortgage, Bob Martin",
        "correspondenceContent": "Dear Bob Martin,\nRita Patel will call you about the Fixed-Rate Mortgage (LENDING). "
                                 "Fee: $0. ${discount}",
        "correspondenceChannel": "EMAIL", "templateId": "TPL-TEST-EMAIL"}
    assert development["messageGeneratedAt"] is not None and development["closedAt"] is not None
    assert await sales_events(bank, "LD-T-OPEN") == [("LEAD_DEVELOPMENT_INITIATED", "OPEN", "R000901"),
                                                     ("LEAD_MESSAGE_GENERATED", "DONE", "R000901")]
    assert (await run(bank, settings, RETRIEVE, ANALYST, id=development_id))["leadDevelopment"] == development


async def test_customer_data_is_inserted_as_text_never_as_a_template(bank: Database, settings: Settings) -> None:
    development_id = await task(bank, settings, leadId="LD-T-MALLORY", resourceId="R000902")
    result = (await run(bank, settings, EXECUTE, ADMIN, input={"developmentId": development_id,
                                                            "templateId": "TPL-TEST-SMS"}))["executeLeadDevelopment"]
    assert result["unresolvedPlaceholders"] == []
    assert result["development"]["correspondenceContent"] == \
        "Hello Mallory ${ownerName} $customerId, Sam Okoro calls you today."


@pytest.mark.parametrize(("development", "template", "code", "field"), [
    ("DV-NOPE", "TPL-TEST-EMAIL", "NOT_FOUND", "input.developmentId"),
    ("new", "TPL-NOPE", "NOT_FOUND", "input.templateId"),
    ("new", " ", "VALIDATION", "input.templateId"),
    ("DV-T-ON-WON", "TPL-TEST-EMAIL", "CONFLICT", "input.developmentId"),
    ("follow-up", "TPL-TEST-EMAIL", "CONFLICT", "input.developmentId"),
    ("done", "TPL-TEST-EMAIL", "CONFLICT", "input.developmentId"),
])
async def test_bad_executions_change_nothing(bank: Database, settings: Settings, development: str, template: str,
                                            code: str, field: str) -> None:
    ids = {"new": await task(bank, settings), "follow-up": await task(bank, settings, type="FOLLOW_UP")}
    ids["done"] = await task(bank, settings)
    await run(bank, settings, EXECUTE, ADMIN, input={"developmentId": ids["done"], "templateId": "TPL-TEST-SMS"})
    error = await fails(bank, settings, EXECUTE, ADMIN,
                        input={"developmentId": ids.get(development, development), "templateId": template})
    assert (error["code"], error["field"]) == (code, field)


async def test_executing_a_done_task_names_the_allowed_moves(bank: Database, settings: Settings) -> None:
    development_id = await task(bank, settings)
    await run(bank, settings, EXECUTE, ADMIN, input={"developmentId": development_id, "templateId": "TPL-TEST-SMS"})
    error = await fails(bank, settings, EXECUTE, ADMIN, input={"developmentId": development_id,
                                                            "templateId": "TPL-TEST-SMS"})
    assert error["message"] == (f"development {development_id} is DONE and cannot become DONE; "
                                "allowed from DONE: none, it is final")


# Request: manual intervention

async def test_requesting_intervention_assigns_and_schedules_the_task(bank: Database, settings: Settings) -> None:
    development_id = await task(bank, settings, type="CONTACT_PROSPECT")
    due = tomorrow()
    development = (await run(bank, settings, REQUEST, ADMIN, input={
        "developmentId": development_id, "dueAt": due, "resourceId": "R000902",
        "description": "Call Bob about the fixed rate"}))["requestLeadDevelopment"]
    assert {k: development[k] for k in ("status", "dueAt", "assignedTo", "description")} == {
        "status": "REQUESTED", "dueAt": due, "assignedTo": SAM, "description": "Call Bob about the fixed rate"}
    assert development["requestedAt"] is not None
    assert await sales_events(bank, "LD-T-OPEN") == [("LEAD_DEVELOPMENT_INITIATED", "OPEN", "R000901"),
                                                     ("LEAD_INTERVENTION_REQUESTED", "REQUESTED", "R000902")]
    open_only = await run(bank, settings, OF_LEAD, leadId="LD-T-OPEN", statuses=["OPEN"])
    assert open_only == {"leadDevelopments": []}


@pytest.mark.parametrize(("development", "fields", "code", "field"), [
    ("DV-NOPE", {}, "NOT_FOUND", "input.developmentId"),
    ("new", {"resourceId": "R-NOPE"}, "NOT_FOUND", "input.resourceId"),
    ("new", {"dueAt": "2020-01-01T00:00:00Z"}, "VALIDATION", "input.dueAt"),
    ("requested", {}, "CONFLICT", "input.developmentId"),
    ("DV-T-ON-WON", {}, "CONFLICT", "input.developmentId"),
])
async def test_bad_requests_change_nothing(bank: Database, settings: Settings, development: str,
                                          fields: dict[str, Any], code: str, field: str) -> None:
    ids = {"new": await task(bank, settings, type="CONTACT_PROSPECT"),
           "requested": await task(bank, settings, type="CONTACT_PROSPECT")}
    await run(bank, settings, REQUEST, ADMIN, input={"developmentId": ids["requested"], "dueAt": tomorrow()})
    error = await fails(bank, settings, REQUEST, ADMIN,
                        input={"developmentId": ids.get(development, development), "dueAt": tomorrow(), **fields})
    assert (error["code"], error["field"]) == (code, field)


# Update: results

async def test_results_are_recorded_and_done_closes_the_task(bank: Database, settings: Settings) -> None:
    development_id = await task(bank, settings, type="CONTACT_PROSPECT")
    development = (await run(bank, settings, UPDATE, FRONTEND, input={
        "developmentId": development_id, "status": "DONE", "taskResult": "Bob wants an offer at 4.1%",
        "contactRecordReference": "AL-123", "workProducts": ["Affordability worksheet"],
        "documentReferences": ["DOC-PAYSLIP", "DOC-ID"], "documentContent": "Payslip March 2026",
        "dateTimeLocation": "Phone, 2 March"}))["updateLeadDevelopment"]
    assert {k: development[k] for k in ("status", "taskResult", "contactRecordReference", "workProducts",
                                        "documentReferences", "documentContent", "dateTimeLocation",
                                        "assignedTo")} == {
        "status": "DONE", "taskResult": "Bob wants an offer at 4.1%", "contactRecordReference": "AL-123",
        "workProducts": ["Affordability worksheet"], "documentReferences": ["DOC-PAYSLIP", "DOC-ID"],
        "documentContent": "Payslip March 2026", "dateTimeLocation": "Phone, 2 March", "assignedTo": RITA}
    assert development["closedAt"] is not None
    assert (await sales_events(bank, "LD-T-OPEN"))[-1] == ("LEAD_DEVELOPMENT_UPDATED", "DONE", "R000901")
    error = await fails(bank, settings, UPDATE, FRONTEND, input={"developmentId": development_id,
                                                                 "taskResult": "changed my mind"})
    assert (error["code"], error["field"]) == ("CONFLICT", "input.developmentId")


async def test_an_update_changes_only_what_it_names(bank: Database, settings: Settings) -> None:
    development_id = await task(bank, settings, type="FOLLOW_UP", description="Follow up", documentReferences=["D1"])
    before = (await run(bank, settings, RETRIEVE, id=development_id))["leadDevelopment"]
    after = (await run(bank, settings, UPDATE, ADMIN, input={"developmentId": development_id, "resourceId": "R000902",
                                                          "taskResult": "Left a voicemail"}))["updateLeadDevelopment"]
    assert after == {**before, "assignedTo": SAM, "taskResult": "Left a voicemail"}


async def test_a_task_on_a_closed_lead_may_still_be_closed(bank: Database, settings: Settings) -> None:
    development = (await run(bank, settings, UPDATE, ADMIN, input={"developmentId": "DV-T-ON-WON",
                                                                "status": "CANCELLED"}))["updateLeadDevelopment"]
    assert development["status"] == "CANCELLED"
    assert await sales_events(bank, "LD-T-WON") == [("LEAD_DEVELOPMENT_UPDATED", "CANCELLED", "R000901")]


@pytest.mark.parametrize(("development", "fields", "code", "field"), [
    ("DV-NOPE", {"taskResult": "x"}, "NOT_FOUND", "input.developmentId"),
    ("new", {"resourceId": "R-NOPE"}, "NOT_FOUND", "input.resourceId"),
    ("new", {}, "VALIDATION", "input"),
    ("new", {"status": "REQUESTED"}, "VALIDATION", "input.status"),
    ("new", {"status": "OPEN"}, "VALIDATION", "input.status"),
    ("new", {"workProducts": ["x" * 2001]}, "VALIDATION", "input.workProducts[0]"),
    ("new", {"taskResult": " "}, "VALIDATION", "input"),
    ("cancelled", {"status": "DONE"}, "CONFLICT", "input.developmentId"),
])
async def test_bad_updates_change_nothing(bank: Database, settings: Settings, development: str,
                                         fields: dict[str, Any], code: str, field: str) -> None:
    ids = {"new": await task(bank, settings), "cancelled": await task(bank, settings)}
    await run(bank, settings, UPDATE, ADMIN, input={"developmentId": ids["cancelled"], "status": "CANCELLED"})
    error = await fails(bank, settings, UPDATE, ADMIN,
                        input={"developmentId": ids.get(development, development), **fields})
    assert (error["code"], error["field"]) == (code, field)


# Retrieve

async def test_unknown_tasks_and_leads_are_not_found(bank: Database, settings: Settings) -> None:
    error = await fails(bank, settings, RETRIEVE, ANALYST, id="DV-NOPE")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "developmentId")
    error = await fails(bank, settings, OF_LEAD, ANALYST, leadId="LD-NOPE")
    assert (error["code"], error["field"]) == ("NOT_FOUND", "leadId")
    assert await run(bank, settings, OF_LEAD, ANALYST, leadId="LD-T-UNOWNED") == {"leadDevelopments": []}


async def test_a_leads_tasks_are_listed_newest_first_in_one_round_trip(bank: Database, settings: Settings) -> None:
    first = await task(bank, settings, type="FOLLOW_UP")
    second = await task(bank, settings, type="CONTACT_PROSPECT")
    result, context = await execute(bank, settings, OF_LEAD, {"leadId": "LD-T-OPEN"}, ANALYST)
    assert result.errors is None and result.data == {"leadDevelopments": [
        {"developmentId": second, "type": "CONTACT_PROSPECT", "status": "OPEN"},
        {"developmentId": first, "type": "FOLLOW_UP", "status": "OPEN"}]}
    assert context.db.round_trips == 1


async def test_templates_are_listed_with_the_placeholders_they_use(bank: Database, settings: Settings) -> None:
    assert await run(bank, settings, TEMPLATES_QUERY, ANALYST, channel="EMAIL") == {"messageTemplates": [
        {"templateId": "TPL-TEST-EMAIL", "name": "Mortgage introduction", "channel": "EMAIL",
         "subject": "Your ${productName}, ${customerName}",
         "placeholders": ["productName", "customerName", "ownerName", "productFamily", "discount"],
         "unknownPlaceholders": ["discount"]}]}


def test_the_seeded_templates_use_only_known_placeholders() -> None:
    data = {name: f"<{name}>" for name in PLACEHOLDERS}
    for template in TEMPLATES:
        assert set(placeholders(template.subject, template.body)) <= set(PLACEHOLDERS), template.template_id
        message = render({"subject": template.subject, "body": template.body}, data)
        assert message.unresolved == [] and "$" not in message.subject + message.body


async def test_seeding_adds_the_templates_once_and_keeps_browser_edits(bank: Database, settings: Settings) -> None:
    await seed_message_templates(bank)
    await bank.write("MATCH (t:MessageTemplate {templateId: 'TPL-CALL-BACK'}) SET t.body = 'Edited in Browser'")
    await seed_message_templates(bank)
    listed = (await run(bank, settings, TEMPLATES_QUERY, ANALYST))["messageTemplates"]
    assert [t["templateId"] for t in listed] == sorted(
        [t.template_id for t in TEMPLATES] + ["TPL-TEST-EMAIL", "TPL-TEST-SMS"])
    assert await bank.read("MATCH (t:MessageTemplate {templateId: 'TPL-CALL-BACK'}) RETURN t.body AS body") == [
        {"body": "Edited in Browser"}]
