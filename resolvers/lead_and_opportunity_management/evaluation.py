"""Evaluation of a lead through the graph before any offer, and its assignment (BIAN extensions), as
the schema shows them: `leadEvaluation` (a dry run), `evaluateLead` (recorded on the lead) and
`assignLead`. The checks and the assignment rules are domains/lead_and_opportunity_management/
(evaluation.py, assignment.py, assign_lead.py); the procedure calls `evaluate` and `assign` inside
its own transactions.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from domains import idempotency
from domains.lead_and_opportunity_management import evaluation
from domains.lead_and_opportunity_management.assign_lead import AssignmentOutcome, reassign
from domains.lead_and_opportunity_management.evaluation import EvaluationCheckKind
from gateway.security.auth import Role, allow
from gateway.security.book import require_reach_for
from graph.temporal import instant_or_now
from resolvers.context import Info
from resolvers.described_enum import described_enum
from resolvers.lead_and_opportunity_management.assignment import LeadAssignment
from resolvers.lead_and_opportunity_management.lead_model import Lead

__all__ = ["EvaluationMutation", "EvaluationQuery", "LeadEvaluation"]

EVALUATORS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN)

described_enum(EvaluationCheckKind, "A check a lead must pass before an offer (an extension of BIAN's procedure).", {
    "CUSTOMER_ACTIVE": "The customer's status is ACTIVE.",
    "NO_SALES_BLOCK": "No indicator active at the instant whose type blocks sales.",
    "PRODUCT_SUITABLE": "The product is sold to the customer's segment (Product.segments).",
    "NOT_ALREADY_HELD": "The customer holds no ACTIVE holding of the product, unless the lead is an UP_SELL of a "
                        "product the customer holds (UPSELLS).",
    "CREDIT_RATING": "The active CREDIT_RATING is at or above the product's minCreditRating (no minimum: passes; a "
                     "minimum but no rating: fails).",
})


@strawberry.type(description="One check of a lead's evaluation and its outcome.")
class EvaluationCheck:
    check: EvaluationCheckKind = strawberry.field(description="Which check.")
    passed: bool = strawberry.field(description="Whether the lead passed it.")
    detail: str = strawberry.field(
        description="The fact that decided it, e.g. 'credit rating 4 < 6 required by P-MORTGAGE-FIXED'.")


@strawberry.type(description="A lead's evaluation through the graph: every check with its outcome.")
class LeadEvaluation:
    lead_id: strawberry.ID = strawberry.field(description="The lead evaluated.")
    evaluated_at: datetime.datetime = strawberry.field(description="The instant indicators and holdings were read at.")
    passed: bool = strawberry.field(description="Whether every check passed: only then may the lead reach an offer.")
    checks: list[EvaluationCheck] = strawberry.field(description="Each check, in a fixed order, with its outcome.")

    @classmethod
    def of(cls, e: evaluation.Evaluation) -> LeadEvaluation:
        return cls(lead_id=strawberry.ID(e.lead_id), evaluated_at=e.evaluated_at, passed=e.passed,
                   checks=[EvaluationCheck(check=c.check, passed=c.passed, detail=c.detail) for c in e.checks])


@strawberry.type(description="The outcome of (re)assigning a lead.")
class LeadAssignmentResult:
    lead: Lead = strawberry.field(description="The lead as it is now, with its owner and the assignment's explanation.")
    assignment: LeadAssignment | None = strawberry.field(
        description="Who this request assigned the lead to and why; null when nobody qualifies (the owner is then "
                    "unchanged).")
    previous_owner_id: strawberry.ID | None = strawberry.field(
        description="The resourceId of the owner before this request; null when the lead had none.")
    reason_unassigned: str | None = strawberry.field(description="Why nobody qualifies; null when assigned.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key was used before: the first request's assignment, the lead as it "
                    "is now.")

    @classmethod
    def of(cls, outcome: AssignmentOutcome) -> LeadAssignmentResult:
        previous = outcome.previous_owner_id
        return cls(lead=Lead.from_record(outcome.lead),
                   assignment=None if outcome.assignment is None else LeadAssignment.of(outcome.assignment),
                   previous_owner_id=None if previous is None else strawberry.ID(previous),
                   reason_unassigned=outcome.reason_unassigned, replayed=outcome.replayed)


LeadId = Annotated[strawberry.ID, strawberry.argument(description="The lead's identifier.")]


@strawberry.type
class EvaluationQuery:
    @strawberry.field(
        description="Evaluates a lead through the graph, without recording anything: customer active, no sales "
                    "block, product suitable for the segment, not already held (unless an up-sell of a holding), "
                    "credit rating at or above the product's minimum; each with its outcome. One round trip.",
        extensions=allow(Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ANALYST, Role.ADMIN),
    )
    async def lead_evaluation(
        self, info: Info, lead_id: LeadId,
        at: Annotated[datetime.datetime | None, strawberry.argument(
            description="The instant to evaluate at (default: now; without a zone, UTC).")] = None,
    ) -> LeadEvaluation:
        as_of = instant_or_now(at)
        await require_reach_for(info, "leadId", f"lead '{lead_id}'", leadId=str(lead_id))
        return LeadEvaluation.of(await evaluation.evaluation_at(info.context.db, str(lead_id), as_of,
                                                                info.context.caller))


@strawberry.type
class EvaluationMutation:
    @strawberry.mutation(
        description="Evaluates an open lead now and records the outcome on it (lastEvaluatedAt, "
                    "lastEvaluationPassed) with a LEAD_EVALUATED Sales event. Closed lead: CONFLICT.",
        extensions=allow(*EVALUATORS),
    )
    async def evaluate_lead(self, info: Info, lead_id: LeadId) -> LeadEvaluation:
        await require_reach_for(info, "leadId", f"lead '{lead_id}'", leadId=str(lead_id))
        return LeadEvaluation.of(await evaluation.record_evaluation(info.context.db, str(lead_id), info.context.caller))

    @strawberry.mutation(
        description="(Re)assigns an open lead: to the customer's relationship manager whatever their availability, "
                    "else to the routing engine's best-suited SALES resource (PHONE channel, the lead's product's "
                    "skills), with the explanation; logs LEAD_ASSIGNED. Nobody qualifies: the owner is unchanged "
                    "and the reason is given. Changing an existing owner: only that owner or an admin. "
                    "Closed lead: CONFLICT. A repeated idempotencyKey returns the first assignment.",
        extensions=allow(*EVALUATORS),
    )
    async def assign_lead(
        self, info: Info, lead_id: LeadId,
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Makes a retry safe: a repeat returns the first assignment (replayed) and writes nothing; "
                        "1 to 128 characters.")] = None,
    ) -> LeadAssignmentResult:
        key = idempotency.key(idempotency_key, "idempotencyKey")
        await require_reach_for(info, "leadId", f"lead '{lead_id}'", leadId=str(lead_id))
        return LeadAssignmentResult.of(await reassign(info.context.db, str(lead_id), info.context.caller, key))
