"""BIAN RetrieveDevelopment: a plan's development tasks, or one of them. One read transaction: the
principal's access to the plan (access.require_in_book), then one statement.
"""

from __future__ import annotations

from domains.customer_relationship_management.access import require_in_book
from domains.customer_relationship_management.development.work import TASKS_OF_PLAN
from domains.customer_relationship_management.vocabulary import DevelopmentTaskStatus
from domains.found import unknown
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction


async def tasks(db: Database, who: Principal, plan_id: str, task_id: str | None = None,
                statuses: list[DevelopmentTaskStatus] | None = None) -> list[Record]:
    """The plan's tasks (only `task_id`, only `statuses` when given), the soonest due first."""
    async def work(tx: Transaction) -> list[Record]:
        await require_in_book(tx, who, "planId", plan_id=plan_id)
        return [row["task"] for row in await tx.run(TASKS_OF_PLAN, tasks={
            "planId": plan_id, "taskId": task_id, "statuses": None if statuses is None else [s.name for s in statuses]})]

    return await db.read_transact(work)


async def task(db: Database, who: Principal, plan_id: str, task_id: str) -> Record:
    """One task of the plan; NOT_FOUND naming taskId when the plan has no such task."""
    found = await tasks(db, who, plan_id, task_id)
    if not found:
        raise unknown("development task", task_id, "taskId", owner=f"relationship plan {plan_id}")
    return found[0]
