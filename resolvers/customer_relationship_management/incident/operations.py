"""Customer Relationship Management: customer incidents of a relationship plan (BIAN behaviour
qualifier Incident), for troubleshooting: an incident is linked to the product or service activity
concerned (events, allocations, products), worked by a servicing resource, controlled in priority
and status, resolved and closed.

The GraphQL fields live here and `types` holds their types and inputs; the rules and their Cypher
are domains/customer_relationship_management/incident/: `steps` (create, update, capture), `moves`
(control and exchange), `rules` (what they check), `read` (the retrieval). docs/relationship-plans.md
("Incidents") has the rules and errors.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from domains.customer_relationship_management.access import PLAN_READERS, PLAN_WRITERS, shows_narratives
from domains.customer_relationship_management.incident import moves as incident_moves
from domains.customer_relationship_management.incident import read as incident_read
from domains.customer_relationship_management.incident import steps as incident_steps
from gateway.security.auth import allow
from resolvers.context import Info
from resolvers.customer_relationship_management.access import principal
from resolvers.customer_relationship_management.incident.types import (
    ActivityReferenceInput,
    CaptureRelationshipIncidentInput,
    CreateRelationshipIncidentInput,
    RelationshipIncident,
    RelationshipIncidentOutcome,
    UpdateRelationshipIncidentInput,
)
from resolvers.customer_relationship_management.references import IdempotencyKey, PlanId
from resolvers.customer_relationship_management.vocabulary import (
    IncidentControlAction,
    IncidentExchangeAction,
    IncidentStatus,
)

IncidentId = Annotated[strawberry.ID, strawberry.argument(description="The incident on that plan, e.g. IN-…")]


@strawberry.type
class IncidentQuery:
    @strawberry.field(
        description="A customer incident of a relationship plan (BIAN RetrieveIncident), with the product or "
                    "service activity it concerns. NOT_FOUND for an unknown plan or an incident the plan does not "
                    "have, FORBIDDEN outside a relationship manager's book; analysts get the narratives null.",
        extensions=allow(*PLAN_READERS))
    async def relationship_incident(self, info: Info, plan_id: PlanId,
                                    incident_id: IncidentId) -> RelationshipIncident:
        who = principal(info)
        found = await incident_read.incident(info.context.db, who, str(plan_id), str(incident_id))
        return RelationshipIncident.from_record(found, shows_narratives(who))

    @strawberry.field(
        description="A relationship plan's customer incidents (BIAN Incident), highest priority first, then oldest "
                    "first; only those in the given statuses when named.",
        extensions=allow(*PLAN_READERS))
    async def relationship_incidents(
        self, info: Info, plan_id: PlanId,
        status: Annotated[list[IncidentStatus] | None, strawberry.argument(
            description="Only incidents in these statuses (default: all).")] = None,
    ) -> list[RelationshipIncident]:
        who = principal(info)
        rows = await incident_read.incidents(info.context.db, who, str(plan_id), statuses=status)
        return [RelationshipIncident.from_record(row, shows_narratives(who)) for row in rows]


@strawberry.type
class IncidentMutation:
    @strawberry.mutation(
        description="Raises a customer incident on an open relationship plan (BIAN CreateIncident): OPEN, linked "
                    "to the product or service activity concerned and assigned to a servicing resource (default: "
                    "the plan's owner). Logs INCIDENT_CREATED.",
        extensions=allow(*PLAN_WRITERS))
    async def create_relationship_incident(
        self, info: Info,
        input: Annotated[CreateRelationshipIncidentInput, strawberry.argument(description="The incident to raise.")],
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipIncidentOutcome:
        who = principal(info)
        asked = incident_steps.IncidentCreation(
            plan_id=str(input.plan_id), incident_type=input.incident_type, source=input.source,
            description=input.description, priority=input.priority,
            assignee_id=None if input.assignee_id is None else str(input.assignee_id),
            activity=ActivityReferenceInput.asked(input.activity))
        return RelationshipIncidentOutcome.of(await incident_steps.create(info.context.db, who, asked, idempotency_key),
                                              who)

    @strawberry.mutation(
        description="Changes an incident's type, source, description or assignee (BIAN UpdateIncident); a CLOSED "
                    "incident does not change (CONFLICT). Logs INCIDENT_UPDATED naming the fields.",
        extensions=allow(*PLAN_WRITERS))
    async def update_relationship_incident(
        self, info: Info,
        input: Annotated[UpdateRelationshipIncidentInput, strawberry.argument(description="The changes.")],
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipIncidentOutcome:
        who = principal(info)
        asked = incident_steps.IncidentUpdate(
            plan_id=str(input.plan_id), incident_id=str(input.incident_id), incident_type=input.incident_type,
            source=input.source, description=input.description,
            assignee_id=None if input.assignee_id is None else str(input.assignee_id))
        return RelationshipIncidentOutcome.of(await incident_steps.update(info.context.db, who, asked, idempotency_key),
                                              who)

    @strawberry.mutation(
        description="Controls an incident (BIAN ControlIncident): raises or lowers its priority one step (1..5, "
                    "while not RESOLVED or CLOSED), puts it on hold (with a reason) or resumes it. Logs "
                    "INCIDENT_PRIORITY_CHANGED, INCIDENT_ON_HOLD or INCIDENT_RESUMED.",
        extensions=allow(*PLAN_WRITERS))
    async def control_relationship_incident(
        self, info: Info, plan_id: PlanId, incident_id: IncidentId,
        action: Annotated[IncidentControlAction, strawberry.argument(description="What to do.")],
        reason: Annotated[str | None, strawberry.argument(
            description="Why (at most 200 characters); required to HOLD.")] = None,
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipIncidentOutcome:
        who = principal(info)
        changed = await incident_moves.move(info.context.db, who, str(plan_id), str(incident_id), action, reason, None,
                                            idempotency_key)
        return RelationshipIncidentOutcome.of(changed, who)

    @strawberry.mutation(
        description="Moves an incident through its resolution (BIAN ExchangeIncident): ACKNOWLEDGE, RESOLVE (with a "
                    "resolution), REOPEN (with a reason; the resolution is kept in previousResolutions) or CLOSE. "
                    "Logs INCIDENT_ACKNOWLEDGED, INCIDENT_RESOLVED, INCIDENT_REOPENED or INCIDENT_CLOSED.",
        extensions=allow(*PLAN_WRITERS))
    async def exchange_relationship_incident(
        self, info: Info, plan_id: PlanId, incident_id: IncidentId,
        action: Annotated[IncidentExchangeAction, strawberry.argument(description="What to do.")],
        resolution: Annotated[str | None, strawberry.argument(
            description="BIAN CustomerIncidentResolution (1 to 2000 characters); RESOLVE only, and required there.")]
        = None,
        reason: Annotated[str | None, strawberry.argument(
            description="Why (at most 200 characters); required to REOPEN.")] = None,
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipIncidentOutcome:
        who = principal(info)
        changed = await incident_moves.move(info.context.db, who, str(plan_id), str(incident_id), action, reason,
                                            resolution, idempotency_key)
        return RelationshipIncidentOutcome.of(changed, who)

    @strawberry.mutation(
        description="Records details generated outside the gateway on an incident that is not CLOSED (BIAN "
                    "CaptureIncident): more activity it concerns, and a finding appended to its captured details. "
                    "Logs INCIDENT_CAPTURED.",
        extensions=allow(*PLAN_WRITERS))
    async def capture_relationship_incident(
        self, info: Info,
        input: Annotated[CaptureRelationshipIncidentInput, strawberry.argument(description="What to record.")],
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipIncidentOutcome:
        who = principal(info)
        asked = incident_steps.IncidentCapture(
            plan_id=str(input.plan_id), incident_id=str(input.incident_id), captured_detail=input.captured_detail,
            activity=ActivityReferenceInput.asked(input.activity))
        return RelationshipIncidentOutcome.of(await incident_steps.capture(info.context.db, who, asked, idempotency_key),
                                              who)
