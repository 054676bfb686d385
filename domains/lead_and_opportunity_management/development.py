"""Development tasks on leads (BIAN Lead and Opportunity Management's behaviour qualifier
Development): initiate and assign one, record its results, execute its automated action (a message
generated from a template), request manual intervention, retrieve them.

Each mutation is one write transaction: the task and its lead are locked first, the rules checked
under the lock (the lead open, the task's status move legal: `development_types.TRANSITIONS`),
then the change and its Sales event are written together; bad input changes nothing.
docs/lead-and-opportunity.md ("Development") describes the rules and errors.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Annotated, Any

import strawberry
from neo4j.exceptions import ConstraintError

from domains import idempotency
from domains.inputs import text
from gateway.security.auth import ALL_ROLES, Role, allow
from gateway.security.book import require_reach_for
from graph.database import Database, Transaction
from graph.errors import Conflict, NotFound, ValidationFailed
from graph.queries import load
from resolvers.context import Info
from resolvers.customer_event_history.capture import log_event
from resolvers.customer_event_history.timeline import EventCategory
from resolvers.lead_and_opportunity_management import development_rules as rules
from resolvers.lead_and_opportunity_management.development_types import (
    FINAL,
    DevelopmentStatus,
    DevelopmentType,
    ExecutedLeadDevelopment,
    ExecuteLeadDevelopmentInput,
    InitiatedLeadDevelopment,
    InitiateLeadDevelopmentInput,
    LeadDevelopment,
    RequestLeadDevelopmentInput,
    UpdateLeadDevelopmentInput,
)
from resolvers.lead_and_opportunity_management.lead_model import lock_lead, require_open
from resolvers.lead_and_opportunity_management.message_templates import MessageTemplateQuery, render

BY_IDEMPOTENCY_KEY = load("lead_and_opportunity_management/development_by_idempotency_key")
CREATE = load("lead_and_opportunity_management/development_create")
LOCK = load("lead_and_opportunity_management/development_lock")
CHANGE = load("lead_and_opportunity_management/development_change")
MESSAGE_CONTEXT = load("lead_and_opportunity_management/development_message_context")
BY_IDS = load("lead_and_opportunity_management/development_by_ids")
OF_LEAD = load("lead_and_opportunity_management/development_tasks_of_lead")

WRITERS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN)


async def _locked(tx: Transaction, development_id: str, resource_id: str | None) -> dict[str, Any]:
    rows = await tx.run(LOCK, request={"developmentId": development_id, "resourceId": resource_id})
    if not rows:
        raise NotFound(f"no development task has the id {development_id}", field="input.developmentId")
    if resource_id is not None and rows[0]["resourceId"] is None:
        raise NotFound(f"no servicing resource has the id {resource_id}", field="input.resourceId")
    return rows[0]


async def _change(tx: Transaction, development_id: str, properties: dict[str, Any], by: str,
                  now: datetime.datetime, resource_id: str | None = None) -> LeadDevelopment:
    """Writes the change and reads the task back, as this transaction left it."""
    await tx.run(CHANGE, change={"developmentId": development_id, "resourceId": resource_id,
                                 "properties": {**properties, "updatedAt": now, "updatedBy": by}})
    [row] = await tx.run(BY_IDS, developmentIds=[development_id])
    return LeadDevelopment.from_record(row["development"])


def _initiation(input: InitiateLeadDevelopmentInput, now: datetime.datetime) -> dict[str, Any]:
    """The initiation as checked: what its fingerprint covers and the new task's properties."""
    return {"leadId": str(input.lead_id), "type": input.type.name,
            "resourceId": None if input.resource_id is None else str(input.resource_id),
            "description": text(input.description, "input.description", rules.MAX_DESCRIPTION, required=False),
            "dueAt": rules.due(input.due_at, "input.dueAt", now),
            "dateTimeLocation": text(input.date_time_location, "input.dateTimeLocation", rules.MAX_REFERENCE,
                                     required=False),
            "documents": rules.texts(input.document_references, "input.documentReferences", rules.MAX_REFERENCE) or []}


async def _create(tx: Transaction, asked: dict[str, Any], stamps: dict[str, Any]) -> None:
    """Creates the task on the locked, open lead, assigned to the named resource or the lead's owner."""
    lead_id, resource_id = asked["leadId"], asked["resourceId"]
    locked = await lock_lead(tx, lead_id, "input.leadId", resource_id=resource_id)
    lead = {**locked["lead"], "customerId": locked["customerId"]}
    require_open(lead_id, lead["status"], "developed", "input.leadId")
    if resource_id is not None and locked["namedResourceId"] is None:
        raise NotFound(f"no servicing resource has the id {resource_id}", field="input.resourceId")
    assignee = resource_id or lead["ownerId"]
    if assignee is None:
        raise ValidationFailed(f"lead {lead_id} has no owner to assign the task to: name input.resourceId",
                               field="input.resourceId")
    properties = {k: v for k, v in asked.items() if k not in ("leadId", "resourceId")}
    await tx.run(CREATE, leadId=lead_id, resourceId=assignee, development={
        **properties, **stamps, "status": DevelopmentStatus.OPEN.name, "workProducts": []})
    await log_event(tx, lead["customerId"], EventCategory.SALES, "LEAD_DEVELOPMENT_INITIATED",
                    f"{asked['type']} task {stamps['developmentId']} initiated on lead {lead_id}, assigned to "
                    f"{assignee}" + (f": {asked['description']}" if asked["description"] else ""),
                    stamps["createdBy"], result=DevelopmentStatus.OPEN.name, resource_id=assignee, lead_id=lead_id)


async def initiate(info: Info, input: InitiateLeadDevelopmentInput,
                   idempotency_key: str | None) -> InitiatedLeadDevelopment:
    key = idempotency.key(idempotency_key, "idempotencyKey")
    now = datetime.datetime.now(datetime.UTC)
    asked, by = _initiation(input, now), info.context.caller.subject
    fingerprint = None if key is None else idempotency.fingerprint("initiateLeadDevelopment", {**asked, "by": by})
    development_id = f"DV-{uuid.uuid4()}"
    stamps = {"developmentId": development_id, "createdAt": now, "createdBy": by, "updatedAt": now,
              "updatedBy": by, "idempotencyKey": key, "fingerprint": fingerprint}

    async def work(tx: Transaction) -> tuple[str, bool]:
        if key is not None:
            prior = await tx.run(BY_IDEMPOTENCY_KEY, idempotencyKey=key)
            if prior:
                idempotency.replay(prior[0]["fingerprint"], fingerprint or "", key, "idempotencyKey")
                return prior[0]["developmentId"], True
        await _create(tx, asked, stamps)
        return development_id, False

    db = info.context.db
    try:
        created, replayed = await db.transact(work)
    except ConstraintError:
        if key is None:
            raise
        created, replayed = await db.transact(work)  # a concurrent request with the key committed first
    # Read after the commit (the bookmark makes it see it), as it is now.
    return InitiatedLeadDevelopment(development=await retrieve(db, created), replayed=replayed)


async def update(info: Info, input: UpdateLeadDevelopmentInput) -> LeadDevelopment:
    if input.status is not None and input.status not in FINAL:
        raise ValidationFailed(f"input.status may be DONE or CANCELLED, not {input.status.name}: REQUESTED is set "
                               "by requestLeadDevelopment, OPEN by initiateLeadDevelopment", field="input.status")
    properties = rules.updates(input)
    resource_id = None if input.resource_id is None else str(input.resource_id)
    if not properties and input.status is None and resource_id is None:
        raise ValidationFailed("name at least one field to change besides input.developmentId", field="input")
    development_id, by = str(input.development_id), info.context.caller.subject

    async def work(tx: Transaction) -> LeadDevelopment:
        now = datetime.datetime.now(datetime.UTC)
        row = await _locked(tx, development_id, resource_id)
        if DevelopmentStatus(row["status"]) in FINAL:
            raise Conflict(f"development {development_id} is {row['status']}: a DONE or CANCELLED task does not "
                           "change", field="input.developmentId")
        changes = dict(properties)
        if input.status is not None:
            rules.step(row, input.status, "input.status")
            changes |= {"status": input.status.name, "closedAt": now}
        changed = ", ".join(sorted(changes)) + (f", assigned to {resource_id}" if resource_id else "")
        development = await _change(tx, development_id, changes, by, now, resource_id)
        await log_event(tx, row["customerId"], EventCategory.SALES, "LEAD_DEVELOPMENT_UPDATED",
                        f"{row['type']} task {development_id} updated ({changed})"
                        + (f": {properties['taskResult']}" if "taskResult" in properties else ""),
                        by, result=development.status.name, resource_id=resource_id or row["assigneeId"],
                        lead_id=row["leadId"])
        return development

    return await info.context.db.transact(work)


async def execute(info: Info, input: ExecuteLeadDevelopmentInput) -> ExecutedLeadDevelopment:
    template_id = text(str(input.template_id), "input.templateId", rules.MAX_REFERENCE) or ""
    development_id, by = str(input.development_id), info.context.caller.subject

    async def work(tx: Transaction) -> ExecutedLeadDevelopment:
        now = datetime.datetime.now(datetime.UTC)
        row = await _locked(tx, development_id, None)
        require_open(row["leadId"], row["leadStatus"], "developed", "input.developmentId")
        if row["type"] != DevelopmentType.GENERATE_MESSAGE.name:
            raise Conflict(f"development {development_id} is a {row['type']} task, carried out by a person "
                           "(requestLeadDevelopment); only GENERATE_MESSAGE tasks have an automated action",
                           field="input.developmentId")
        rules.step(row, DevelopmentStatus.DONE, "input.developmentId")
        [context] = await tx.run(MESSAGE_CONTEXT, developmentId=development_id, templateId=template_id)
        template = context["template"]
        if template is None:
            raise NotFound(f"no message template has the id {template_id}", field="input.templateId")
        message = render(template, context["data"])
        development = await _change(tx, development_id, {
            "status": DevelopmentStatus.DONE.name, "closedAt": now, "templateId": template_id,
            "correspondence": message.subject, "correspondenceContent": message.body,
            "correspondenceChannel": template.get("channel"), "messageGeneratedAt": now}, by, now)
        await log_event(tx, row["customerId"], EventCategory.SALES, "LEAD_MESSAGE_GENERATED",
                        f"{template.get('channel') or 'message'} '{message.subject}' generated from {template_id} "
                        f"for task {development_id}", by, result=DevelopmentStatus.DONE.name,
                        resource_id=row["assigneeId"], lead_id=row["leadId"])
        return ExecutedLeadDevelopment(development=development, unresolved_placeholders=message.unresolved)

    return await info.context.db.transact(work)


async def request(info: Info, input: RequestLeadDevelopmentInput) -> LeadDevelopment:
    now = datetime.datetime.now(datetime.UTC)
    due = rules.due(input.due_at, "input.dueAt", now)
    description = text(input.description, "input.description", rules.MAX_DESCRIPTION, required=False)
    location = text(input.date_time_location, "input.dateTimeLocation", rules.MAX_REFERENCE, required=False)
    resource_id = None if input.resource_id is None else str(input.resource_id)
    development_id, by = str(input.development_id), info.context.caller.subject

    async def work(tx: Transaction) -> LeadDevelopment:
        at = datetime.datetime.now(datetime.UTC)
        row = await _locked(tx, development_id, resource_id)
        require_open(row["leadId"], row["leadStatus"], "developed", "input.developmentId")
        rules.step(row, DevelopmentStatus.REQUESTED, "input.developmentId")
        changes: dict[str, Any] = {"status": DevelopmentStatus.REQUESTED.name, "dueAt": due, "requestedAt": at}
        changes |= {k: v for k, v in (("description", description), ("dateTimeLocation", location)) if v is not None}
        development = await _change(tx, development_id, changes, by, at, resource_id)
        assignee = development.assigned_to.resource_id
        await log_event(tx, row["customerId"], EventCategory.SALES, "LEAD_INTERVENTION_REQUESTED",
                        f"{row['type']} task {development_id} requested of {assignee}, due {due.isoformat() if due else ''}"
                        + (f": {description}" if description else ""),
                        by, result=DevelopmentStatus.REQUESTED.name, resource_id=str(assignee), lead_id=row["leadId"])
        return development

    return await info.context.db.transact(work)


async def retrieve(db: Database, development_id: str) -> LeadDevelopment:
    rows = await db.read(BY_IDS, developmentIds=[development_id])
    if not rows:
        raise NotFound(f"no development task has the id {development_id}", field="developmentId")
    return LeadDevelopment.from_record(rows[0]["development"])


async def of_lead(db: Database, lead_id: str, statuses: list[DevelopmentStatus] | None) -> list[LeadDevelopment]:
    wanted = None if statuses is None else [s.name for s in statuses]
    rows = await db.read(OF_LEAD, request={"leadId": lead_id, "statuses": wanted})
    if not rows:
        raise NotFound(f"no lead has the id {lead_id}", field="leadId")
    return [LeadDevelopment.from_record(d) for d in rows[0]["developments"]]


async def require_development_reach(info: Info, development_id: strawberry.ID,
                                    field: str = "input.developmentId") -> None:
    """The book rule for a lead development task named by `field` (security.book)."""
    await require_reach_for(info, field, f"lead development '{development_id}'", developmentId=str(development_id))


@strawberry.type
class DevelopmentQuery(MessageTemplateQuery):
    @strawberry.field(description="A lead's development task by its id (BIAN RetrieveDevelopment): type, status, "
                                  "assignee, due time, the generated message and the results recorded.",
                      extensions=allow(*ALL_ROLES))
    async def lead_development(
        self, info: Info,
        development_id: Annotated[strawberry.ID, strawberry.argument(description="The task, e.g. DV-…")],
    ) -> LeadDevelopment:
        await require_development_reach(info, development_id, "developmentId")
        return await retrieve(info.context.db, str(development_id))

    @strawberry.field(description="A lead's development tasks, newest first (BIAN RetrieveDevelopment, for every "
                                  "task of a lead), in one round trip.",
                      extensions=allow(*ALL_ROLES))
    async def lead_developments(
        self, info: Info,
        lead_id: Annotated[strawberry.ID, strawberry.argument(description="The lead, e.g. LD-…")],
        statuses: Annotated[list[DevelopmentStatus] | None, strawberry.argument(
            description="Only tasks in these statuses (default: all).")] = None,
    ) -> list[LeadDevelopment]:
        await require_reach_for(info, "leadId", f"lead '{lead_id}'", leadId=str(lead_id))
        return await of_lead(info.context.db, str(lead_id), statuses)


@strawberry.type
class DevelopmentMutation:
    @strawberry.mutation(
        description="Initiates a development task on an open lead and assigns it (BIAN InitiateDevelopment): to the "
                    "named servicing resource, else the lead's owner. Logs LEAD_DEVELOPMENT_INITIATED. A repeated "
                    "idempotencyKey returns the first task.",
        extensions=allow(*WRITERS))
    async def initiate_lead_development(
        self, info: Info,
        input: Annotated[InitiateLeadDevelopmentInput, strawberry.argument(description="The lead and the task.")],
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="A client-chosen key (1 to 128 characters): a retry with it returns the first task.")] = None,
    ) -> InitiatedLeadDevelopment:
        await require_reach_for(info, "input.leadId", f"lead '{input.lead_id}'", leadId=str(input.lead_id))
        return await initiate(info, input, idempotency_key)

    @strawberry.mutation(
        description="Records a development task's results (BIAN UpdateDevelopment): only the fields given change; "
                    "status DONE or CANCELLED closes it, after which it does not change (CONFLICT). Logs "
                    "LEAD_DEVELOPMENT_UPDATED.",
        extensions=allow(*WRITERS))
    async def update_lead_development(
        self, info: Info,
        input: Annotated[UpdateLeadDevelopmentInput, strawberry.argument(description="The task and its results.")],
    ) -> LeadDevelopment:
        await require_development_reach(info, input.development_id)
        return await update(info, input)

    @strawberry.mutation(
        description="Executes a GENERATE_MESSAGE task's automated action (BIAN ExecuteDevelopment): renders the "
                    "message template with the customer's, product's and owner's data, stores the subject and body "
                    "on the task (correspondence, correspondenceContent) and marks it DONE. Logs "
                    "LEAD_MESSAGE_GENERATED.",
        extensions=allow(*WRITERS))
    async def execute_lead_development(
        self, info: Info,
        input: Annotated[ExecuteLeadDevelopmentInput, strawberry.argument(description="The task and the template.")],
    ) -> ExecutedLeadDevelopment:
        await require_development_reach(info, input.development_id)
        return await execute(info, input)

    @strawberry.mutation(
        description="Requests manual intervention on an OPEN development task (BIAN RequestDevelopment), e.g. "
                    "contacting the prospect: it becomes REQUESTED, due at dueAt, assigned to the named resource "
                    "(default: its assignee). Logs LEAD_INTERVENTION_REQUESTED.",
        extensions=allow(*WRITERS))
    async def request_lead_development(
        self, info: Info,
        input: Annotated[RequestLeadDevelopmentInput, strawberry.argument(
            description="The task, who is to act and by when.")],
    ) -> LeadDevelopment:
        await require_development_reach(info, input.development_id)
        return await request(info, input)
