"""Evaluation of a lead through the graph before any offer, and its assignment (BIAN extensions).

One statement (`evaluate_lead.cypher`) answers every check with the facts that decided it; the
query runs it alone, `evaluateLead` runs it in its write transaction and records the outcome on
the lead with a LEAD_EVALUATED Sales event. `assignLead` (re)assigns an open lead (assign_lead.py,
through the rules of assignment.py). The procedure calls `evaluate` and `assign` inside its own
transactions. A confidential indicator type (POSSIBLE_FRAUD) blocks sales like any other but is
named only to principals who may see confidential indicators.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated

import strawberry

from domains import idempotency
from gateway.security.auth import Principal, Role, allow
from gateway.security.book import acting_resource, require_reach_for
from graph.database import Record, Transaction
from graph.errors import NotFound
from graph.queries import load
from graph.temporal import instant_or_now
from resolvers.context import Info
from resolvers.customer_event_history.capture import log_event
from resolvers.customer_event_history.timeline import EventCategory
from resolvers.lead_and_opportunity_management.assign_lead import LeadAssignmentResult, assign_lead
from resolvers.lead_and_opportunity_management.assignment import LeadAssignment, assign
from resolvers.lead_and_opportunity_management.lead_model import lock_lead, require_open

__all__ = ["EvaluationMutation", "EvaluationQuery", "LeadAssignment", "LeadEvaluation", "assign", "evaluate"]

EVALUATE_LEAD = load("lead_and_opportunity_management/evaluate_lead")
RECORD_OUTCOME = load("lead_and_opportunity_management/evaluate_record_outcome")

EVALUATORS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN)


@strawberry.enum(description="A check a lead must pass before an offer (an extension of BIAN's procedure).")
class EvaluationCheckKind(enum.Enum):
    CUSTOMER_ACTIVE = strawberry.enum_value("CUSTOMER_ACTIVE", description="The customer's status is ACTIVE.")
    NO_SALES_BLOCK = strawberry.enum_value(
        "NO_SALES_BLOCK", description="No indicator active at the instant whose type blocks sales.")
    PRODUCT_SUITABLE = strawberry.enum_value(
        "PRODUCT_SUITABLE", description="The product is sold to the customer's segment (Product.segments).")
    NOT_ALREADY_HELD = strawberry.enum_value(
        "NOT_ALREADY_HELD", description="The customer holds no ACTIVE holding of the product, unless the lead is an "
                                        "UP_SELL of a product the customer holds (UPSELLS).")
    CREDIT_RATING = strawberry.enum_value(
        "CREDIT_RATING", description="The active CREDIT_RATING is at or above the product's minCreditRating "
                                     "(no minimum: passes; a minimum but no rating: fails).")


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

    @property
    def failed(self) -> list[EvaluationCheckKind]:
        return [c.check for c in self.checks if not c.passed]


def sales_block_names(row: Record, trusted: bool) -> str:
    """The blocking indicator types of `row["blocks"]`, a confidential one unnamed unless `trusted`."""
    names = [b["type"] if trusted or not b["confidential"] else "a confidential indicator" for b in row["blocks"]]
    return ", ".join(dict.fromkeys(names))  # one "a confidential indicator" for several


def _held(row: Record) -> str:
    product = row["productId"]
    upsells = row["upsells"]
    if not row["held"]:
        return f"the customer does not hold {product}"
    if row["passed"]["NOT_ALREADY_HELD"]:
        named = ", ".join(u["productId"] for u in upsells if u["held"])
        return f"the customer holds {product}, and the lead is an UP_SELL of the held {named}"
    detail = f"the customer already holds {product} (ACTIVE)"
    if row["campaignType"] == "UP_SELL":
        named = ", ".join(u["productId"] for u in upsells)
        return detail + (f"; the up-sell names {named}, which the customer does not hold" if named
                         else "; the UP_SELL lead names no held product it upsells (UPSELLS)")
    return detail


def _credit(row: Record) -> str:
    product, minimum, rating = row["productId"], row["minCreditRating"], row["creditRating"]
    if minimum is None:
        return f"{product} requires no minimum credit rating"
    if rating is None:
        return f"no active credit rating; {product} requires {minimum}"
    sign = "≥" if rating >= minimum else "<"
    return f"credit rating {rating} {sign} {minimum} required by {product}"


def _details(row: Record, trusted: bool) -> dict[EvaluationCheckKind, str]:
    segments = row["productSegments"]
    return {
        EvaluationCheckKind.CUSTOMER_ACTIVE: f"customer {row['customerId']} is {row['customerStatus']}"
                                             + ("" if row["passed"]["CUSTOMER_ACTIVE"] else "; ACTIVE is required"),
        EvaluationCheckKind.NO_SALES_BLOCK: f"sales are blocked by {sales_block_names(row, trusted)}" if row["blocks"]
                                            else "no active indicator blocks sales",
        EvaluationCheckKind.PRODUCT_SUITABLE:
            f"{row['productId']} is sold to every segment" if segments is None
            else f"segment {row['segment'] or 'unknown'} {'is' if row['segment'] in segments else 'is not'} among "
                 f"{row['productId']}'s segments {', '.join(segments)}",
        EvaluationCheckKind.NOT_ALREADY_HELD: _held(row),
        EvaluationCheckKind.CREDIT_RATING: _credit(row),
    }


def lead_evaluation(row: Record, at: datetime.datetime, trusted: bool) -> LeadEvaluation:
    details = _details(row, trusted)
    checks = [EvaluationCheck(check=kind, passed=row["passed"][kind.name], detail=details[kind])
              for kind in EvaluationCheckKind]
    return LeadEvaluation(lead_id=strawberry.ID(row["leadId"]), evaluated_at=at,
                          passed=all(c.passed for c in checks), checks=checks)


def _lead_not_found(lead_id: str) -> NotFound:
    return NotFound(f"no lead has the id {lead_id}", field="leadId")


async def evaluate(tx: Transaction, lead_id: str, at: datetime.datetime, *, trusted: bool = False) -> LeadEvaluation:
    """The lead's evaluation at `at` in one statement; NOT_FOUND for an unknown lead. Reads only.
    `trusted`: the principal may see confidential indicator types (else they are not named)."""
    rows = await tx.run(EVALUATE_LEAD, leadId=lead_id, at=at)
    if not rows:
        raise _lead_not_found(lead_id)
    return lead_evaluation(rows[0], at, trusted)


def _outcome_record(evaluation: LeadEvaluation) -> str:
    # Check kinds only: a detail may name a confidential indicator, and the event log is read widely.
    failed = ", ".join(kind.name for kind in evaluation.failed)
    return "evaluation passed every check" if evaluation.passed else f"evaluation failed: {failed}"


async def evaluate_and_record(tx: Transaction, lead_id: str, by: str, trusted: bool) -> LeadEvaluation:
    lead = await lock_lead(tx, lead_id, "leadId")
    require_open(lead_id, lead["lead"]["status"], "evaluated", "leadId")
    at = lead["now"].to_native()
    evaluation = await evaluate(tx, lead_id, at, trusted=trusted)
    await tx.run(RECORD_OUTCOME, leadId=lead_id, at=at, passed=evaluation.passed,
                 failedChecks=[kind.name for kind in evaluation.failed])
    await log_event(tx, lead["customerId"], EventCategory.SALES, "LEAD_EVALUATED", _outcome_record(evaluation), by,
                    result="PASSED" if evaluation.passed else "FAILED", lead_id=lead_id)
    return evaluation


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
        rows = await info.context.db.read(EVALUATE_LEAD, leadId=str(lead_id), at=as_of)
        if not rows:
            raise _lead_not_found(str(lead_id))
        return lead_evaluation(rows[0], as_of, info.context.caller.sees_confidential)


def _is_admin(info: Info) -> bool:
    principal: Principal = info.context.caller
    return principal.has_any(frozenset({Role.ADMIN}))


@strawberry.type
class EvaluationMutation:
    @strawberry.mutation(
        description="Evaluates an open lead now and records the outcome on it (lastEvaluatedAt, "
                    "lastEvaluationPassed) with a LEAD_EVALUATED Sales event. Closed lead: CONFLICT.",
        extensions=allow(*EVALUATORS),
    )
    async def evaluate_lead(self, info: Info, lead_id: LeadId) -> LeadEvaluation:
        by, trusted = info.context.caller.subject, info.context.caller.sees_confidential
        await require_reach_for(info, "leadId", f"lead '{lead_id}'", leadId=str(lead_id))
        evaluation: LeadEvaluation = await info.context.db.transact(
            lambda tx: evaluate_and_record(tx, str(lead_id), by, trusted))
        return evaluation

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
        by, admin = info.context.caller.subject, _is_admin(info)
        key = idempotency.key(idempotency_key, "idempotencyKey")
        await require_reach_for(info, "leadId", f"lead '{lead_id}'", leadId=str(lead_id))
        result: LeadAssignmentResult = await info.context.db.transact(
            lambda tx: assign_lead(tx, str(lead_id), by, admin, key, acting_resource(info.context.caller)))
        return result
