"""How a development step runs (docs/relationship-plans.md, "Development tasks"): in ONE write
transaction, the plan is locked with the principal's access checked and a repeated idempotency key
recognised (plan.lock.lock_plan); a replay answers the task the first request created or changed,
as it is now; otherwise the plan must be open, the step acts on its task and logs its Relationship
event, and the task is read back as the transaction left it (steps.changed_then_read).
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from domains.customer_relationship_management.development import rules as rules
from domains.customer_relationship_management.plan.lock import LockedPlan, lock_plan, require_open_plan
from domains.customer_relationship_management.steps import Changed, StepKey, changed_then_read, log_plan_step
from domains.found import unknown
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.queries import load
from graph.temporal import native

TASKS_OF_PLAN = load("customer_relationship_management/development_tasks_of_plan")
CHANGE = load("customer_relationship_management/development_change")


async def read_task(tx: Transaction, plan_id: str, task_id: str, field: str) -> Record:
    """The task as development_tasks_of_plan.cypher reads it; NOT_FOUND naming `field` when not on the plan."""
    rows = await tx.run(TASKS_OF_PLAN, tasks={"planId": plan_id, "taskId": task_id, "statuses": None})
    if not rows:
        raise unknown("development task", task_id, field, owner=f"relationship plan {plan_id}")
    task: Record = rows[0]["task"]
    return task


@dataclass(frozen=True)
class Working:
    """A development step under way: its transaction, the locked plan, who acts, its key, and the time."""

    tx: Transaction
    plan: LockedPlan
    who: Principal
    key: StepKey
    now: datetime.datetime

    @property
    def plan_row(self) -> Record:
        plan: Record = self.plan.row["plan"]
        return plan

    async def task(self, task_id: str, field: str) -> Record:
        return await read_task(self.tx, self.plan.plan_id, task_id, field)

    async def change(self, task_id: str, properties: dict[str, Any], assignee_id: str | None = None) -> bool:
        """Writes the change (with who and when); False when the named assignee does not exist."""
        [row] = await self.tx.run(CHANGE, change={
            "planId": self.plan.plan_id, "taskId": task_id, "assigneeId": assignee_id,
            "properties": rules.stamps(self.who.subject, self.now, **properties)})
        return bool(row["assigned"])

    async def log(self, type: str, record: str, task_id: str, resource_id: str | None, result: str) -> None:
        await log_plan_step(self.tx, customer_id=self.plan.access.customer_id, plan_id=self.plan.plan_id, type=type,
                            record=record, by=self.who.subject, step=self.key, subject_id=task_id,
                            resource_id=resource_id, result=result, at=self.now)


Act = Callable[[Working], Awaitable[str]]  # does the step; answers the task it created or changed


@dataclass(frozen=True)
class Step:
    """What a development step asks: the GraphQL field (for the fingerprint), the plan and the input
    field naming it, what it does (for messages), and the request as checked."""

    operation: str
    plan_id: str
    plan_field: str
    doing: str
    request: dict[str, Any]


async def run_step(db: Database, who: Principal, step: Step, idempotency_key: str | None, act: Act) -> Changed[Record]:
    """The step in one write transaction; the task it created or changed, as the transaction left it."""
    key = StepKey.of(idempotency_key, step.operation, {"planId": step.plan_id, **step.request}, who.subject)

    async def work(tx: Transaction) -> Changed[Record]:
        async def change() -> tuple[str, bool]:
            plan = await lock_plan(tx, who, step.plan_id, step.plan_field, key)
            if plan.prior is not None:
                return plan.prior.subject_id or "", True
            require_open_plan(plan, step.doing, step.plan_field)
            return await act(Working(tx, plan, who, key, native(plan.row["now"]))), False

        return await changed_then_read(change(), lambda task_id: read_task(tx, step.plan_id, task_id, step.plan_field))

    return await db.transact(work)
