"""The rules a relationship plan's development tasks follow: input limits (VALIDATION naming the
field, checked before the database where the input alone decides) and the task's status moves
(CONFLICT naming the current status and the statuses the step may start from).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

from domains.customer_relationship_management.vocabulary import (
    OPEN_DEVELOPMENT_STATUSES,
    DevelopmentTaskStatus,
    WorkProductType,
)
from domains.inputs import text
from graph.database import Record
from graph.errors import Conflict, ValidationFailed
from graph.temporal import native

MAX_NARRATIVE = 2000
MAX_IDENTIFICATION = 200
MAX_REASON = 500
MAX_WORK_PRODUCTS = 20


@dataclass(frozen=True)
class WorkProduct:
    """BIAN CustomerDevelopmentWorkProduct as asked: its type and where to find it (not yet checked)."""

    type: WorkProductType
    identification: str


def today() -> datetime.date:
    """The bank's day (UTC), against which due days are checked and tasks are overdue."""
    return datetime.datetime.now(datetime.UTC).date()


def narrative(value: str | None, field: str, *, required: bool = False) -> str | None:
    return text(value, field, MAX_NARRATIVE, required=required)


def work_products(values: list[WorkProduct] | None, field: str) -> list[dict[str, str]]:
    """The work products checked: at most 20, each identified (at most 200 characters)."""
    if values is None:
        return []
    if len(values) > MAX_WORK_PRODUCTS:
        raise ValidationFailed(f"{field} has {len(values)} items; at most {MAX_WORK_PRODUCTS} are allowed",
                               field=field)
    return [{"type": value.type.name,
             "identification": text(value.identification, f"{field}[{i}].identification", MAX_IDENTIFICATION) or ""}
            for i, value in enumerate(values)]


def stored_work_products(task: Record) -> list[dict[str, str]]:
    """The stored work products: a JSON list of {type, identification} (Neo4j lists hold no maps)."""
    stored = task.get("workProducts")
    return list(json.loads(stored)) if stored else []


def as_json(work_products: list[dict[str, str]]) -> str:
    """Work products as stored: a JSON list (Neo4j lists hold no maps)."""
    return json.dumps(work_products, separators=(",", ":"))


def appended(recorded: list[dict[str, str]], added: list[dict[str, str]], field: str) -> list[dict[str, str]]:
    """The recorded work products with `added` after them; VALIDATION beyond 20 in all."""
    if len(recorded) + len(added) > MAX_WORK_PRODUCTS:
        raise ValidationFailed(f"{field} would give the task {len(recorded) + len(added)} work products "
                               f"({len(recorded)} recorded); at most {MAX_WORK_PRODUCTS} are allowed", field=field)
    return recorded + added


def due_on(value: datetime.date | None, field: str) -> datetime.date | None:
    """A due day: today or later."""
    if value is not None and value < today():
        raise ValidationFailed(f"{field} is {value.isoformat()}, in the past; a task is due today "
                               f"({today().isoformat()}) or later", field=field)
    return value


def within_validity(value: datetime.date | None, plan: Record, field: str) -> None:
    """VALIDATION unless the due day lies in the plan's validity period (BIAN PlanValidityPeriod)."""
    if value is None:
        return
    starts, ends = native(plan.get("validFrom")), native(plan.get("validTo"))
    if (starts is not None and value < starts) or (ends is not None and value > ends):
        period = f"{starts.isoformat() if starts else 'open'} to {ends.isoformat() if ends else 'open'}"
        raise ValidationFailed(f"{field} is {value.isoformat()}, outside the validity of plan {plan['planId']} "
                               f"({period})", field=field)


def require_changeable(task: Record, field: str) -> None:
    """CONFLICT naming `field` for a final task (ACCEPTED or CANCELLED)."""
    status = DevelopmentTaskStatus(task["status"])
    if status not in OPEN_DEVELOPMENT_STATUSES:
        raise Conflict(f"development task {task['taskId']} is {status.name}, which is final; only "
                       f"{_names(OPEN_DEVELOPMENT_STATUSES)} tasks change", field=field)


def move(task: Record, doing: str, starts: frozenset[DevelopmentTaskStatus], field: str) -> None:
    """CONFLICT naming `field` unless the task's status is one `doing` may start from."""
    status = DevelopmentTaskStatus(task["status"])
    if status not in starts:
        raise Conflict(f"development task {task['taskId']} is {status.name}: {doing} starts from "
                       f"{_names(starts)}", field=field)


def stamps(by: str, at: datetime.datetime, **more: Any) -> dict[str, Any]:
    """The properties every change sets: who changed the task and when, with `more`."""
    return {**more, "updatedAt": at, "updatedBy": by}


def _names(statuses: frozenset[DevelopmentTaskStatus]) -> str:
    return ", ".join(s.name for s in DevelopmentTaskStatus if s in statuses)
