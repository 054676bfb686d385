"""Customer Relationship Management: the development tasks of a relationship plan (BIAN behaviour
qualifier Development): create one, update it, exchange it (submit, accept, reject, cancel), request
it of its assignee, retrieve one or a plan's list.

A task moves OPEN → REQUESTED → SUBMITTED → ACCEPTED, back to REQUESTED when rejected, and to
CANCELLED from any open status (vocabulary.DEVELOPMENT_MOVES). Every step is one write transaction
that begins with the plan's lock and logs a Relationship event; a read is one read transaction: the
principal's access, then one statement. The rules and their Cypher: domains/customer_relationship_management/
development/ (steps, work, read, rules). docs/relationship-plans.md ("Development tasks") gives the rules and errors.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from domains.customer_relationship_management.access import PLAN_READERS, PLAN_WRITERS, shows_narratives
from domains.customer_relationship_management.development import read as read
from domains.customer_relationship_management.development import steps as steps
from domains.customer_relationship_management.development.rules import today
from gateway.security.auth import allow
from graph.database import Record
from resolvers.context import Info
from resolvers.customer_relationship_management.access import principal
from resolvers.customer_relationship_management.development.types import (
    CreateRelationshipDevelopmentInput,
    RelationshipDevelopmentOutcome,
    RelationshipDevelopmentTask,
    UpdateRelationshipDevelopmentInput,
    WorkProductInput,
)
from resolvers.customer_relationship_management.references import IdempotencyKey, PlanId
from resolvers.customer_relationship_management.vocabulary import DevelopmentExchangeAction, DevelopmentTaskStatus

TaskIdArgument = Annotated[strawberry.ID, strawberry.argument(description="The development task of that plan, "
                                                                          "e.g. DT-….")]


def _task(info: Info, row: Record) -> RelationshipDevelopmentTask:
    return RelationshipDevelopmentTask.from_record(row, shows_narratives(principal(info)), today())


def _id(value: strawberry.ID | None) -> str | None:
    return None if value is None else str(value)


@strawberry.type
class DevelopmentQuery:
    @strawberry.field(description="A development task of a relationship plan (BIAN RetrieveDevelopment): its type, "
                                  "description, status, result, work products, due day, assignee, plan and customer. "
                                  "Analysts get the narratives (description, result, request note) as null.",
                      extensions=allow(*PLAN_READERS))
    async def relationship_development(self, info: Info, plan_id: PlanId,
                                       task_id: TaskIdArgument) -> RelationshipDevelopmentTask:
        return _task(info, await read.task(info.context.db, principal(info), str(plan_id), str(task_id)))

    @strawberry.field(description="A relationship plan's development tasks (BIAN RetrieveDevelopment for every task "
                                  "of a plan), the soonest due first (those without a due day last).",
                      extensions=allow(*PLAN_READERS))
    async def relationship_developments(
        self, info: Info, plan_id: PlanId,
        status: Annotated[list[DevelopmentTaskStatus] | None, strawberry.argument(
            description="Only tasks in these statuses (default: every task).")] = None,
    ) -> list[RelationshipDevelopmentTask]:
        rows = await read.tasks(info.context.db, principal(info), str(plan_id), statuses=status)
        return [_task(info, row) for row in rows]


@strawberry.type
class DevelopmentMutation:
    @strawberry.mutation(description="Creates a development task on an open relationship plan (BIAN "
                                     "CreateDevelopment), OPEN and assigned to the named servicing resource or the "
                                     "plan's owner; logs DEVELOPMENT_TASK_CREATED.",
                         extensions=allow(*PLAN_WRITERS))
    async def create_relationship_development(
        self, info: Info,
        input: Annotated[CreateRelationshipDevelopmentInput, strawberry.argument(description="The task to create.")],
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipDevelopmentOutcome:
        who = principal(info)
        asked = steps.TaskCreation(
            plan_id=str(input.plan_id), task_type=input.task_type, description=input.description,
            assignee_id=_id(input.assignee_id), due_on=input.due_on, work_products=WorkProductInput.asked(input.work_products))
        return RelationshipDevelopmentOutcome.of(await steps.create(info.context.db, who, asked, idempotency_key), who)

    @strawberry.mutation(description="Changes a development task that is not final (BIAN UpdateDevelopment): its "
                                     "description, result, work products (appended), due day or assignee; logs "
                                     "DEVELOPMENT_TASK_UPDATED naming the fields.",
                         extensions=allow(*PLAN_WRITERS))
    async def update_relationship_development(
        self, info: Info,
        input: Annotated[UpdateRelationshipDevelopmentInput, strawberry.argument(description="What to change.")],
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipDevelopmentOutcome:
        who = principal(info)
        asked = steps.TaskUpdate(
            plan_id=str(input.plan_id), task_id=str(input.task_id), description=input.description, result=input.result,
            add_work_products=WorkProductInput.asked(input.add_work_products), due_on=input.due_on,
            assignee_id=_id(input.assignee_id))
        return RelationshipDevelopmentOutcome.of(await steps.update(info.context.db, who, asked, idempotency_key), who)

    @strawberry.mutation(description="Hands a development task over or decides on it (BIAN ExchangeDevelopment): "
                                     "SUBMIT its result, ACCEPT it (four eyes: not by its assignee or submitter, "
                                     "unless an admin), REJECT it back to REQUESTED or CANCEL it (both with a "
                                     "reason); logs DEVELOPMENT_TASK_SUBMITTED, _ACCEPTED, _REJECTED or _CANCELLED.",
                         extensions=allow(*PLAN_WRITERS))
    async def exchange_relationship_development(
        self, info: Info, plan_id: PlanId, task_id: TaskIdArgument,
        action: Annotated[DevelopmentExchangeAction, strawberry.argument(description="What to do with the task.")],
        result: Annotated[str | None, strawberry.argument(
            description="BIAN CustomerDevelopmentTaskResult, with SUBMIT only (at most 2000 characters); SUBMIT "
                        "needs one, given here or recorded before.")] = None,
        reason: Annotated[str | None, strawberry.argument(
            description="Why, with REJECT or CANCEL (required there, at most 500 characters).")] = None,
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipDevelopmentOutcome:
        who = principal(info)
        changed = await steps.exchange(info.context.db, who, str(plan_id), str(task_id), action, result, reason,
                                       idempotency_key)
        return RelationshipDevelopmentOutcome.of(changed, who)

    @strawberry.mutation(description="Asks a development task's assignee to carry it out (BIAN RequestDevelopment): "
                                     "OPEN → REQUESTED, optionally with a note and a new due day; logs "
                                     "DEVELOPMENT_TASK_REQUESTED.",
                         extensions=allow(*PLAN_WRITERS))
    async def request_relationship_development(
        self, info: Info, plan_id: PlanId, task_id: TaskIdArgument,
        note: Annotated[str | None, strawberry.argument(
            description="What the assignee is asked to do (at most 2000 characters); a narrative.")] = None,
        due_on: Annotated[datetime.date | None, strawberry.argument(
            description="A new due day: today or later, within the plan's validity period.")] = None,
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipDevelopmentOutcome:
        who = principal(info)
        changed = await steps.request(info.context.db, who, str(plan_id), str(task_id), note, due_on, idempotency_key)
        return RelationshipDevelopmentOutcome.of(changed, who)
