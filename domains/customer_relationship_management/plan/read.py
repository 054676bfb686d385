"""How a relationship plan is read: BIAN Retrieve (one read transaction: the book check, then
plan_by_id), a customer's plans, and the plan a change answers with (read in the change's own
transaction, so it is exactly what was written). Each answers the statement's record; the resolver
shows the narratives to those who may read them (access.shows_narratives).
"""

from __future__ import annotations

from domains.customer_relationship_management.access import require_in_book
from domains.found import found
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.queries import load

PLAN_BY_ID = load("customer_relationship_management/plan_by_id")
PLAN_SUMMARIES_OF_CUSTOMER = load("customer_relationship_management/plan_summaries_of_customer")


async def read_plan(tx: Transaction, plan_id: str, field: str = "planId") -> Record:
    """The plan as `tx` sees it; NOT_FOUND naming `field`."""
    plan: Record = found(await tx.run(PLAN_BY_ID, planId=plan_id), "relationship plan", plan_id, field)["plan"]
    return plan


async def retrieve_plan(db: Database, who: Principal, plan_id: str) -> Record:
    """BIAN Retrieve: NOT_FOUND for an unknown plan, FORBIDDEN outside an RM's book; two round trips."""
    async def work(tx: Transaction) -> Record:
        await require_in_book(tx, who, "planId", plan_id=plan_id)
        return await read_plan(tx, plan_id)

    return await db.read_transact(work)


async def plans_of_customer(db: Database, who: Principal, customer_id: str) -> list[Record]:
    """The customer's plans, newest first: NOT_FOUND for an unknown customer, FORBIDDEN outside an RM's book."""
    async def work(tx: Transaction) -> list[Record]:
        await require_in_book(tx, who, "customerId", customer_id=customer_id)
        return [row["plan"] for row in await tx.run(PLAN_SUMMARIES_OF_CUSTOMER, customerId=customer_id)]

    return await db.read_transact(work)
