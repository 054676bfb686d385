"""How every change of a plan or of its development tasks, incidents and contacts begins, in its
write transaction: the principal may work the customer (access.require_in_book), the plan is
locked and read under the lock, and a repeated idempotency key is recognised (steps.prior_step).
"""

from __future__ import annotations

from dataclasses import dataclass

from domains.customer_relationship_management.access import BookAccess, require_in_book
from domains.customer_relationship_management.steps import PriorStep, StepKey, prior_step
from domains.customer_relationship_management.vocabulary import OPEN_PLAN_STATUSES, PlanStatus
from domains.found import found
from gateway.security.auth import Principal
from graph.database import Record, Transaction
from graph.errors import Conflict
from graph.queries import load

PLAN_LOCK = load("customer_relationship_management/plan_lock")


@dataclass(frozen=True)
class LockedPlan:
    """A plan under its write lock: `row` has now, customerId, status, ownerId and plan (its properties)."""

    access: BookAccess
    row: Record
    prior: PriorStep | None

    @property
    def plan_id(self) -> str:
        return str(self.row["plan"]["planId"])

    @property
    def status(self) -> PlanStatus:
        return PlanStatus(self.row["status"])


async def lock_plan(tx: Transaction, who: Principal, plan_id: str, field: str, step: StepKey) -> LockedPlan:
    """NOT_FOUND naming `field` for an unknown plan, FORBIDDEN outside the principal's book; then the
    plan locked, and the first outcome of a repeated idempotency key (`prior`; act only when None)."""
    access = await require_in_book(tx, who, field, plan_id=plan_id)
    # Found by the book check; gone now only if deleted between the two statements.
    row = found(await tx.run(PLAN_LOCK, planId=plan_id), "relationship plan", plan_id, field)
    return LockedPlan(access=access, row=row, prior=await prior_step(tx, step))


def require_open_plan(plan: LockedPlan, doing: str, field: str) -> None:
    """CONFLICT naming `field` unless the plan is open (DRAFT, VERIFIED, ACTIVE or SUSPENDED)."""
    if plan.status not in OPEN_PLAN_STATUSES:
        allowed = ", ".join(s.name for s in PlanStatus if s in OPEN_PLAN_STATUSES)
        raise Conflict(f"relationship plan {plan.plan_id} is {plan.status.name}: {doing} needs an open plan "
                       f"({allowed})", field=field)
