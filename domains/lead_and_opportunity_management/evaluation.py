"""Evaluation of a lead through the graph before any offer (BIAN extensions).

One statement (`evaluate_lead.cypher`) answers every check with the facts that decided it; the
query runs it alone (`evaluation_at`), `evaluateLead` runs it in its write transaction and records
the outcome on the lead with a LEAD_EVALUATED Sales event (`record_evaluation`). The procedure
calls `evaluate` inside its own transactions. A confidential indicator type (POSSIBLE_FRAUD)
blocks sales like any other but is named only to principals who may see confidential indicators.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

# Customer Event History's capture, still in resolvers/ (to be repointed when it moves to domains/).
from domains.customer_event_history.capture import log_event
from domains.customer_event_history.categories import EventCategory
from domains.found import found
from domains.lead_and_opportunity_management.lead import lock_lead, require_open
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.queries import load

EVALUATE_LEAD = load("lead_and_opportunity_management/evaluate_lead")
RECORD_OUTCOME = load("lead_and_opportunity_management/evaluate_record_outcome")


class EvaluationCheckKind(enum.Enum):
    """The checks, in the order they are answered."""

    CUSTOMER_ACTIVE = "CUSTOMER_ACTIVE"
    NO_SALES_BLOCK = "NO_SALES_BLOCK"
    PRODUCT_SUITABLE = "PRODUCT_SUITABLE"
    NOT_ALREADY_HELD = "NOT_ALREADY_HELD"
    CREDIT_RATING = "CREDIT_RATING"


@dataclass(frozen=True)
class Check:
    check: EvaluationCheckKind
    passed: bool
    detail: str  # the fact that decided it, e.g. 'credit rating 4 < 6 required by P-MORTGAGE-FIXED'


@dataclass(frozen=True)
class Evaluation:
    lead_id: str
    evaluated_at: datetime.datetime
    passed: bool  # every check passed: only then may the lead reach an offer
    checks: tuple[Check, ...]

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


def lead_evaluation(row: Record, at: datetime.datetime, trusted: bool) -> Evaluation:
    details = _details(row, trusted)
    checks = tuple(Check(check=kind, passed=row["passed"][kind.name], detail=details[kind])
                   for kind in EvaluationCheckKind)
    return Evaluation(lead_id=row["leadId"], evaluated_at=at, passed=all(c.passed for c in checks), checks=checks)


async def evaluate(tx: Transaction, lead_id: str, at: datetime.datetime, *, trusted: bool = False) -> Evaluation:
    """The lead's evaluation at `at` in one statement; NOT_FOUND for an unknown lead. Reads only.
    `trusted`: the principal may see confidential indicator types (else they are not named)."""
    return lead_evaluation(found(await tx.run(EVALUATE_LEAD, leadId=lead_id, at=at), "lead", lead_id, "leadId"), at,
                           trusted)


async def evaluation_at(db: Database, lead_id: str, at: datetime.datetime, principal: Principal) -> Evaluation:
    """The lead's evaluation at `at`, in one read transaction, recording nothing."""
    row = found(await db.read(EVALUATE_LEAD, leadId=lead_id, at=at), "lead", lead_id, "leadId")
    return lead_evaluation(row, at, principal.sees_confidential)


def _outcome_record(evaluation: Evaluation) -> str:
    # Check kinds only: a detail may name a confidential indicator, and the event log is read widely.
    failed = ", ".join(kind.name for kind in evaluation.failed)
    return "evaluation passed every check" if evaluation.passed else f"evaluation failed: {failed}"


async def evaluate_and_record(tx: Transaction, lead_id: str, by: str, trusted: bool) -> Evaluation:
    lead = await lock_lead(tx, lead_id, "leadId")
    require_open(lead_id, lead["lead"]["status"], "evaluated", "leadId")
    at = lead["now"].to_native()
    evaluation = await evaluate(tx, lead_id, at, trusted=trusted)
    await tx.run(RECORD_OUTCOME, leadId=lead_id, at=at, passed=evaluation.passed,
                 failedChecks=[kind.name for kind in evaluation.failed])
    await log_event(tx, lead["customerId"], EventCategory.SALES, "LEAD_EVALUATED", _outcome_record(evaluation), by,
                    result="PASSED" if evaluation.passed else "FAILED", lead_id=lead_id)
    return evaluation


async def record_evaluation(db: Database, lead_id: str, principal: Principal) -> Evaluation:
    """Evaluates an open lead now and records the outcome on it, in one write transaction."""
    by, trusted = principal.subject, principal.sees_confidential
    return await db.transact(lambda tx: evaluate_and_record(tx, lead_id, by, trusted))
