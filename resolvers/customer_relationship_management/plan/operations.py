"""Customer Relationship Management: the relationship plan, the control record
CustomerRelationshipManagementPlan (docs/relationship-plans.md, "The plan").

BIAN Create, Update, Control, Exchange, Grant and Retrieve (Request is contact.py's). Each
mutation checks its input in Python, then runs in one write transaction that begins with the
book check and the plan's (or, to create, the customer's) lock, and answers with the plan as that
transaction leaves it and whether the request was a replay. Types: plan_types; inputs and their
the domain's request: inputs; the rules and their Cypher: domains/customer_relationship_management/plan/ (create,
update, moves, read).
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from domains.customer_relationship_management.access import PLAN_READERS, PLAN_WRITERS, shows_narratives
from domains.customer_relationship_management.plan.create import create_plan, creation
from domains.customer_relationship_management.plan.moves import grant_plan, move_plan, plan_grant, plan_move
from domains.customer_relationship_management.plan.read import plans_of_customer, retrieve_plan
from domains.customer_relationship_management.plan.update import plan_change, update_plan
from gateway.security.auth import allow
from resolvers.context import Info
from resolvers.customer_relationship_management.access import principal
from resolvers.customer_relationship_management.plan.inputs import (
    CreateRelationshipPlanInput,
    UpdateRelationshipPlanInput,
    fields_asked,
    goal_changes_asked,
    goals_asked,
)
from resolvers.customer_relationship_management.plan.types import (
    RelationshipPlan,
    RelationshipPlanOutcome,
    RelationshipPlanSummary,
)
from resolvers.customer_relationship_management.references import IdempotencyKey, PlanId, Reason
from resolvers.customer_relationship_management.vocabulary import PlanControlAction, PlanExchangeAction

__all__ = ["PlanMutation", "PlanQuery"]



@strawberry.type
class PlanQuery:
    @strawberry.field(
        description="BIAN Retrieve CustomerRelationshipManagementPlan: a relationship plan whole, with its goals, "
                    "budget, rating, campaigns, summaries of its development tasks, incidents and contacts, and "
                    "insights derived from the graph. A relationship manager reads its own book (and the one it "
                    "backs up); analysts read without narratives. Unknown plan: NOT_FOUND.",
        extensions=allow(*PLAN_READERS),
    )
    async def relationship_plan(self, info: Info, plan_id: PlanId) -> RelationshipPlan:
        who = principal(info)
        return RelationshipPlan.from_record(await retrieve_plan(info.context.db, who, str(plan_id)),
                                            shows_narratives(who))

    @strawberry.field(
        description="A customer's relationship plans in brief, newest first (extension). Book rules apply; "
                    "unknown customer: NOT_FOUND.",
        extensions=allow(*PLAN_READERS),
    )
    async def customer_relationship_plans(
        self, info: Info,
        customer_id: Annotated[strawberry.ID, strawberry.argument(description="The customer, e.g. C0000001.")],
    ) -> list[RelationshipPlanSummary]:
        plans = await plans_of_customer(info.context.db, principal(info), str(customer_id))
        return [RelationshipPlanSummary.from_record(plan) for plan in plans]


@strawberry.type
class PlanMutation:
    @strawberry.mutation(
        description="BIAN Create CustomerRelationshipManagementPlan: a DRAFT plan for a customer in the principal's "
                    "book, owned by the customer's relationship manager unless ownerId names another. A customer has "
                    "at most one open plan (else CONFLICT naming it). Logs PLAN_CREATED.",
        extensions=allow(*PLAN_WRITERS),
    )
    async def create_relationship_plan(
        self, info: Info,
        input: Annotated[CreateRelationshipPlanInput, strawberry.argument(description="The customer and the plan.")],
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipPlanOutcome:
        who = principal(info)
        request = creation(str(input.customer_id), fields_asked(input), input.plan_type, goals_asked(input.goals),
                           None if input.owner_id is None else str(input.owner_id), idempotency_key, who.subject)
        return RelationshipPlanOutcome.of(await create_plan(info.context.db, who, request), who)

    @strawberry.mutation(
        description="BIAN Update CustomerRelationshipManagementPlan: changes the given fields of an open plan, "
                    "changes or adds goals (a final goal result stays), or hands it to another owner (its owner or an "
                    "admin). Logs PLAN_UPDATED naming what changed.",
        extensions=allow(*PLAN_WRITERS),
    )
    async def update_relationship_plan(
        self, info: Info,
        input: Annotated[UpdateRelationshipPlanInput, strawberry.argument(description="The plan and what changes.")],
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipPlanOutcome:
        who = principal(info)
        change = plan_change(str(input.plan_id), fields_asked(input), input.plan_type, goal_changes_asked(input.goals),
                             None if input.owner_id is None else str(input.owner_id), idempotency_key, who.subject)
        return RelationshipPlanOutcome.of(await update_plan(info.context.db, who, change), who)

    @strawberry.mutation(
        description="BIAN Control CustomerRelationshipManagementPlan: SUSPEND (ACTIVE), RESUME (SUSPENDED) or CLOSE "
                    "(ACTIVE or SUSPENDED; refused while an incident is open; cancels the open development tasks "
                    "and scheduled contacts). Logs PLAN_SUSPENDED, PLAN_RESUMED or PLAN_CLOSED.",
        extensions=allow(*PLAN_WRITERS),
    )
    async def control_relationship_plan(
        self, info: Info, plan_id: PlanId,
        action: Annotated[PlanControlAction, strawberry.argument(description="What to do with the plan.")],
        reason: Reason = None, idempotency_key: IdempotencyKey = None,
    ) -> RelationshipPlanOutcome:
        return await _move(info, str(plan_id), action, reason, idempotency_key, "controlRelationshipPlan")

    @strawberry.mutation(
        description="BIAN Exchange CustomerRelationshipManagementPlan: VERIFY a DRAFT (not by its creator), ACCEPT "
                    "a VERIFIED plan with at least one goal (it becomes ACTIVE), or REJECT a DRAFT or VERIFIED plan "
                    "with a reason. Logs PLAN_VERIFIED, PLAN_ACCEPTED or PLAN_REJECTED.",
        extensions=allow(*PLAN_WRITERS),
    )
    async def exchange_relationship_plan(
        self, info: Info, plan_id: PlanId,
        action: Annotated[PlanExchangeAction, strawberry.argument(description="What to do with the plan.")],
        reason: Annotated[str | None, strawberry.argument(
            description="Why, at most 2000 characters; required to REJECT.")] = None,
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipPlanOutcome:
        return await _move(info, str(plan_id), action, reason, idempotency_key, "exchangeRelationshipPlan")

    @strawberry.mutation(
        description="BIAN Grant CustomerRelationshipManagementPlan: qualifies an ACTIVE plan's customer for a "
                    "campaign running today (QUALIFIES_FOR), unless an indicator in force blocks sales to the "
                    "customer or the plan already qualifies. Logs PLAN_CAMPAIGN_GRANTED.",
        extensions=allow(*PLAN_WRITERS),
    )
    async def grant_relationship_plan(
        self, info: Info, plan_id: PlanId,
        campaign_id: Annotated[strawberry.ID, strawberry.argument(description="The campaign, e.g. CMP-PREMIER-SAVE.")],
        reason: Reason = None, idempotency_key: IdempotencyKey = None,
    ) -> RelationshipPlanOutcome:
        who = principal(info)
        grant = plan_grant(str(plan_id), str(campaign_id), reason, idempotency_key, who.subject)
        return RelationshipPlanOutcome.of(await grant_plan(info.context.db, who, grant), who)


async def _move(info: Info, plan_id: str, action: PlanControlAction | PlanExchangeAction,
                reason: str | None, key: str | None, operation: str) -> RelationshipPlanOutcome:
    who = principal(info)
    move = plan_move(plan_id, action, reason, key, operation, who.subject)
    return RelationshipPlanOutcome.of(await move_plan(info.context.db, who, move), who)
