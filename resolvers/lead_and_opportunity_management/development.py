"""Development tasks on leads as the schema shows them (BIAN Lead and Opportunity Management's
behaviour qualifier Development): initiate, update, execute, request, retrieve. Each resolver
turns its input into the domain's terms once and calls domains/lead_and_opportunity_management/
development.py, where each mutation is one write transaction under the task's and lead's locks.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from domains.lead_and_opportunity_management import development
from domains.lead_and_opportunity_management.development_rules import DevelopmentStatus, TaskResults
from gateway.security.auth import ALL_ROLES, Role, allow
from gateway.security.book import require_reach_for
from resolvers.context import Info
from resolvers.lead_and_opportunity_management.development_types import (
    ExecutedLeadDevelopment,
    ExecuteLeadDevelopmentInput,
    InitiatedLeadDevelopment,
    InitiateLeadDevelopmentInput,
    LeadDevelopment,
    RequestLeadDevelopmentInput,
    UpdateLeadDevelopmentInput,
)
from resolvers.lead_and_opportunity_management.message_templates import MessageTemplateQuery

WRITERS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN)


def _id(value: strawberry.ID | None) -> str | None:
    return None if value is None else str(value)


async def initiate(info: Info, input: InitiateLeadDevelopmentInput,
                   idempotency_key: str | None) -> InitiatedLeadDevelopment:
    db = info.context.db
    created, replayed = await development.initiate(db, development.Initiation(
        lead_id=str(input.lead_id), type=input.type, description=input.description, resource_id=_id(input.resource_id),
        due_at=input.due_at, date_time_location=input.date_time_location,
        document_references=input.document_references), idempotency_key, info.context.caller.subject)
    # Read after the commit (the bookmark makes it see it), as it is now.
    return InitiatedLeadDevelopment(development=await retrieve(info, str(created)), replayed=replayed)


async def update(info: Info, input: UpdateLeadDevelopmentInput) -> LeadDevelopment:
    return LeadDevelopment.from_record(await development.update(info.context.db, TaskResults(
        development_id=str(input.development_id), status=input.status, description=input.description,
        resource_id=_id(input.resource_id), contact_record_reference=input.contact_record_reference,
        document_references=input.document_references, document_content=input.document_content,
        work_products=input.work_products, task_result=input.task_result,
        date_time_location=input.date_time_location), info.context.caller.subject))


async def execute(info: Info, input: ExecuteLeadDevelopmentInput) -> ExecutedLeadDevelopment:
    done = await development.execute(info.context.db, str(input.development_id), str(input.template_id),
                                     info.context.caller.subject)
    return ExecutedLeadDevelopment(development=LeadDevelopment.from_record(done.development),
                                   unresolved_placeholders=done.unresolved_placeholders)


async def request(info: Info, input: RequestLeadDevelopmentInput) -> LeadDevelopment:
    return LeadDevelopment.from_record(await development.request(info.context.db, development.Intervention(
        development_id=str(input.development_id), due_at=input.due_at, resource_id=_id(input.resource_id),
        description=input.description, date_time_location=input.date_time_location), info.context.caller.subject))


async def retrieve(info: Info, development_id: str) -> LeadDevelopment:
    return LeadDevelopment.from_record(await development.retrieve(info.context.db, development_id))


async def of_lead(info: Info, lead_id: str, statuses: list[DevelopmentStatus] | None) -> list[LeadDevelopment]:
    return [LeadDevelopment.from_record(d) for d in await development.of_lead(info.context.db, lead_id, statuses)]


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
        return await retrieve(info, str(development_id))

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
        return await of_lead(info, str(lead_id), statuses)


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
