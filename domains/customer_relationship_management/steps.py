"""Every plan, development, incident and contact step is a Relationship event in the customer's
event history, and that event carries the step's idempotency key.

A step runs: lock the plan (or, to create one, the customer), `prior_step` (a repeated key answers
the first request's outcome, a key reused for another request is a CONFLICT), check, write, then
`log_plan_step` in the same transaction. Checking the key under the lock means two identical
requests at once run one after the other and the second finds the first's event. Every step answers
with what it created or changed, read back in its own transaction (`changed_then_read`).
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from domains import idempotency
from domains.customer_event_history.capture import log_event
from domains.customer_event_history.categories import EventCategory
from graph.database import Transaction
from graph.queries import load

STEP_BY_IDEMPOTENCY_KEY = load("customer_relationship_management/step_by_idempotency_key")
KEY_FIELD = "idempotencyKey"

T = TypeVar("T")


@dataclass(frozen=True)
class PriorStep:
    """The step an idempotency key was first used for: its plan and what it created or changed."""

    plan_id: str | None
    subject_id: str | None


@dataclass(frozen=True)
class StepKey:
    """A request's idempotency key (None: the client sent none) and the fingerprint of what it asks."""

    key: str | None
    fingerprint: str | None

    @classmethod
    def of(cls, value: str | None, operation: str, request: dict[str, Any], by: str) -> StepKey:
        key = idempotency.key(value, KEY_FIELD)
        return cls(key, None if key is None else idempotency.fingerprint(operation, {**request, "by": by}))


async def prior_step(tx: Transaction, step: StepKey) -> PriorStep | None:
    """The first outcome of a repeated key, None for a new one; CONFLICT when the key served another request."""
    if step.key is None:
        return None
    rows = await tx.run(STEP_BY_IDEMPOTENCY_KEY, idempotencyKey=step.key)
    if not rows:
        return None
    idempotency.replay(rows[0]["fingerprint"], step.fingerprint or "", step.key, KEY_FIELD)
    return PriorStep(plan_id=rows[0]["planId"], subject_id=rows[0]["subjectId"])


async def log_plan_step(tx: Transaction, *, customer_id: str, plan_id: str, type: str, record: str, by: str,
                        step: StepKey, subject_id: str | None = None, resource_id: str | None = None,
                        result: str | None = None, at: datetime.datetime | None = None) -> None:
    """Logs the step as a Relationship event that CONCERNS the plan (and `resource_id`), naming the
    development task, incident or contact it was about (`subjectReference`)."""
    logged = await log_event(
        tx, customer_id, EventCategory.RELATIONSHIP, type, record, by, result=result, resource_id=resource_id,
        plan_id=plan_id, idempotency_key=step.key, at=at,
        details={"subjectReference": subject_id, "idempotencyFingerprint": step.fingerprint})
    if not logged["created"]:
        # Only a request for another plan can race us to the key (same-plan requests wait on its lock).
        idempotency.replay(logged["event"].get("idempotencyFingerprint"), step.fingerprint or "", step.key or "",
                           KEY_FIELD)


@dataclass(frozen=True)
class Changed(Generic[T]):
    """A step's answer: what it created or changed as its transaction left it, and whether the request
    was a replay of an earlier one with the same idempotency key (then nothing was written)."""

    record: T
    replayed: bool


async def changed_then_read(change: Awaitable[tuple[str, bool]], read: Callable[[str], Awaitable[T]]) -> Changed[T]:
    """Update-then-read, the one way a step answers: `change` runs (answering the id of what it created or
    changed, and whether it replayed), then `read` reads that object back in the same transaction, so the
    answer is exactly what was written, never a later writer's."""
    subject_id, replayed = await change
    return Changed(record=await read(subject_id), replayed=replayed)
