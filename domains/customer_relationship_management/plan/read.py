"""How a relationship plan is read: BIAN Retrieve (one read transaction: the book check, then
plan_by_id), a customer's plans, and the plan a change answers with (read in the change's own
transaction, so it is exactly what was written).
"""

from __future__ import annotations

from gateway.security.auth import Principal
from graph.database import Database, Transaction
from graph.errors import NotFound
from graph.queries import load
from resolvers.customer_relationship_management.access import require_in_book, shows_narratives
from resolvers.customer_relationship_management.plan.types import RelationshipPlan, RelationshipPlanSummary

PLAN_BY_ID = load("customer_relationship_management/plan_by_id")
PLAN_SUMMARIES_OF_CUSTOMER = load("customer_relationship_management/plan_summaries_of_customer")


async def read_plan(tx: Transaction, plan_id: str, who: Principal, field: str = "planId") -> RelationshipPlan:
    """The plan as `tx` sees it, narratives shown to those who may read them; NOT_FOUND naming `field`."""
    rows = await tx.run(PLAN_BY_ID, planId=plan_id)
    if not rows:
        raise NotFound(f"no relationship plan has the id {plan_id}", field=field)
    return RelationshipPlan.from_record(rows[0]["plan"], shows_narratives(who))


async def retrieve_plan(db: Database, who: Principal, plan_id: str) -> RelationshipPlan:
    """BIAN Retrieve: NOT_FOUND for an unknown plan, FORBIDDEN outside an RM's book; two round trips."""
    async def work(tx: Transaction) -> RelationshipPlan:
        await require_in_book(tx, who, "planId", plan_id=plan_id)
        return await read_plan(tx, plan_id, who)

    return await db.read_transact(work)


async def plans_of_customer(db: Database, who: Principal, customer_id: str) -> list[RelationshipPlanSummary]:
    """The customer's plans, newest first: NOT_FOUND for an unknown customer, FORBIDDEN outside an RM's book."""
    async def work(tx: Transaction) -> list[RelationshipPlanSummary]:
        await require_in_book(tx, who, "customerId", customer_id=customer_id)
        rows = await tx.run(PLAN_SUMMARIES_OF_CUSTOMER, customerId=customer_id)
        return [RelationshipPlanSummary.from_record(row["plan"]) for row in rows]

    return await db.read_transact(work)
