"""Development tasks on leads (BIAN Lead and Opportunity Management's behaviour qualifier
Development): initiate and assign one, record its results, execute its automated action (a message
generated from a template), request manual intervention, retrieve them.

Each mutation is one write transaction: the task and its lead are locked first, the rules checked
under the lock (the lead open, the task's status move legal: `development_rules.TRANSITIONS`),
then the change and its Sales event are written together; bad input changes nothing.
docs/lead-and-opportunity.md ("Development") describes the rules and errors.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import ConstraintError

from domains import idempotency

# Customer Event History's capture, still in resolvers/ (to be repointed when it moves to domains/).
from domains.customer_event_history.capture import log_event
from domains.customer_event_history.categories import EventCategory
from domains.found import found, present, unknown
from domains.inputs import text
from domains.lead_and_opportunity_management import development_rules as rules
from domains.lead_and_opportunity_management.development_rules import (
    FINAL,
    DevelopmentStatus,
    DevelopmentType,
    TaskResults,
)
from domains.lead_and_opportunity_management.lead import lock_lead, require_open
from domains.lead_and_opportunity_management.message_templates import render
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, ValidationFailed
from graph.queries import load

BY_IDEMPOTENCY_KEY = load("lead_and_opportunity_management/development_by_idempotency_key")
CREATE = load("lead_and_opportunity_management/development_create")
LOCK = load("lead_and_opportunity_management/development_lock")
CHANGE = load("lead_and_opportunity_management/development_change")
MESSAGE_CONTEXT = load("lead_and_opportunity_management/development_message_context")
BY_IDS = load("lead_and_opportunity_management/development_by_ids")
OF_LEAD = load("lead_and_opportunity_management/development_tasks_of_lead")


@dataclass(frozen=True)
class Initiation:
    """A task to initiate on an open lead (BIAN InitiateDevelopment)."""

    lead_id: str
    type: DevelopmentType
    description: str | None = None
    resource_id: str | None = None
    due_at: datetime.datetime | None = None
    date_time_location: str | None = None
    document_references: list[str] | None = None


@dataclass(frozen=True)
class Intervention:
    """Manual intervention to request on an OPEN task (BIAN RequestDevelopment)."""

    development_id: str
    due_at: datetime.datetime
    resource_id: str | None = None
    description: str | None = None
    date_time_location: str | None = None


@dataclass(frozen=True)
class Execution:
    """The task (a development map, as development_by_ids reads it) after its automated action,
    and the placeholders its message left unresolved."""

    development: Record
    unresolved_placeholders: list[str]


async def _locked(tx: Transaction, development_id: str, resource_id: str | None) -> dict[str, Any]:
    row = found(await tx.run(LOCK, request={"developmentId": development_id, "resourceId": resource_id}),
                "development task", development_id, "input.developmentId")
    if resource_id is not None and row["resourceId"] is None:
        raise unknown("servicing resource", resource_id, "input.resourceId")
    return row


async def _change(tx: Transaction, development_id: str, properties: dict[str, Any], by: str,
                  now: datetime.datetime, resource_id: str | None = None) -> Record:
    """Writes the change and reads the task back, as this transaction left it."""
    await tx.run(CHANGE, change={"developmentId": development_id, "resourceId": resource_id,
                                 "properties": {**properties, "updatedAt": now, "updatedBy": by}})
    [row] = await tx.run(BY_IDS, developmentIds=[development_id])
    development: Record = row["development"]
    return development


def _initiation(input: Initiation, now: datetime.datetime) -> dict[str, Any]:
    """The initiation as checked: what its fingerprint covers and the new task's properties."""
    return {"leadId": input.lead_id, "type": input.type.name, "resourceId": input.resource_id,
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
        raise unknown("servicing resource", resource_id, "input.resourceId")
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


async def initiate(db: Database, input: Initiation, idempotency_key: str | None, by: str) -> tuple[str, bool]:
    """Initiates the task in one write transaction: (developmentId, replayed)."""
    key = idempotency.key(idempotency_key, "idempotencyKey")
    now = datetime.datetime.now(datetime.UTC)
    asked = _initiation(input, now)
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

    try:
        return await db.transact(work)
    except ConstraintError:
        if key is None:
            raise
        return await db.transact(work)  # a concurrent request with the key committed first


async def update(db: Database, input: TaskResults, by: str) -> Record:
    if input.status is not None and input.status not in FINAL:
        raise ValidationFailed(f"input.status may be DONE or CANCELLED, not {input.status.name}: REQUESTED is set "
                               "by requestLeadDevelopment, OPEN by initiateLeadDevelopment", field="input.status")
    properties = rules.updates(input)
    resource_id = input.resource_id
    if not properties and input.status is None and resource_id is None:
        raise ValidationFailed("name at least one field to change besides input.developmentId", field="input")
    development_id = input.development_id

    async def work(tx: Transaction) -> Record:
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
                        by, result=development["status"], resource_id=resource_id or row["assigneeId"],
                        lead_id=row["leadId"])
        return development

    return await db.transact(work)


async def execute(db: Database, development_id: str, template_id: str, by: str) -> Execution:
    """Renders the template for a GENERATE_MESSAGE task, stores the message on it and marks it DONE."""
    template_id = text(template_id, "input.templateId", rules.MAX_REFERENCE) or ""

    async def work(tx: Transaction) -> Execution:
        now = datetime.datetime.now(datetime.UTC)
        row = await _locked(tx, development_id, None)
        require_open(row["leadId"], row["leadStatus"], "developed", "input.developmentId")
        if row["type"] != DevelopmentType.GENERATE_MESSAGE.name:
            raise Conflict(f"development {development_id} is a {row['type']} task, carried out by a person "
                           "(requestLeadDevelopment); only GENERATE_MESSAGE tasks have an automated action",
                           field="input.developmentId")
        rules.step(row, DevelopmentStatus.DONE, "input.developmentId")
        [context] = await tx.run(MESSAGE_CONTEXT, developmentId=development_id, templateId=template_id)
        template = present(context["template"], "message template", template_id, "input.templateId")
        message = render(template, context["data"])
        development = await _change(tx, development_id, {
            "status": DevelopmentStatus.DONE.name, "closedAt": now, "templateId": template_id,
            "correspondence": message.subject, "correspondenceContent": message.body,
            "correspondenceChannel": template.get("channel"), "messageGeneratedAt": now}, by, now)
        await log_event(tx, row["customerId"], EventCategory.SALES, "LEAD_MESSAGE_GENERATED",
                        f"{template.get('channel') or 'message'} '{message.subject}' generated from {template_id} "
                        f"for task {development_id}", by, result=DevelopmentStatus.DONE.name,
                        resource_id=row["assigneeId"], lead_id=row["leadId"])
        return Execution(development=development, unresolved_placeholders=message.unresolved)

    return await db.transact(work)


async def request(db: Database, input: Intervention, by: str) -> Record:
    now = datetime.datetime.now(datetime.UTC)
    due = rules.due(input.due_at, "input.dueAt", now)
    description = text(input.description, "input.description", rules.MAX_DESCRIPTION, required=False)
    location = text(input.date_time_location, "input.dateTimeLocation", rules.MAX_REFERENCE, required=False)
    resource_id, development_id = input.resource_id, input.development_id

    async def work(tx: Transaction) -> Record:
        at = datetime.datetime.now(datetime.UTC)
        row = await _locked(tx, development_id, resource_id)
        require_open(row["leadId"], row["leadStatus"], "developed", "input.developmentId")
        rules.step(row, DevelopmentStatus.REQUESTED, "input.developmentId")
        changes: dict[str, Any] = {"status": DevelopmentStatus.REQUESTED.name, "dueAt": due, "requestedAt": at}
        changes |= {k: v for k, v in (("description", description), ("dateTimeLocation", location)) if v is not None}
        development = await _change(tx, development_id, changes, by, at, resource_id)
        assignee = development["assignee"]["resourceId"]
        await log_event(tx, row["customerId"], EventCategory.SALES, "LEAD_INTERVENTION_REQUESTED",
                        f"{row['type']} task {development_id} requested of {assignee}, due {due.isoformat() if due else ''}"
                        + (f": {description}" if description else ""),
                        by, result=DevelopmentStatus.REQUESTED.name, resource_id=str(assignee), lead_id=row["leadId"])
        return development

    return await db.transact(work)


async def retrieve(db: Database, development_id: str) -> Record:
    """The task (development_by_ids' map); NOT_FOUND for an unknown one."""
    development: Record = found(await db.read(BY_IDS, developmentIds=[development_id]), "development task",
                                development_id, "developmentId")["development"]
    return development


async def of_lead(db: Database, lead_id: str, statuses: list[DevelopmentStatus] | None) -> list[Record]:
    """The lead's tasks, newest first, only those in `statuses` if given; NOT_FOUND for an unknown lead."""
    wanted = None if statuses is None else [s.name for s in statuses]
    developments: list[Record] = found(await db.read(OF_LEAD, request={"leadId": lead_id, "statuses": wanted}),
                                       "lead", lead_id, "leadId")["developments"]
    return developments
