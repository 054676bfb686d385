"""The rules a lead's development tasks follow, checked before anything is written: the task's
types and statuses and their legal moves (CONFLICT naming the allowed ones), and input limits
(VALIDATION naming the field). Used by `development` inside its transactions, after the locks are taken.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass
from typing import Any

from domains.inputs import text
from graph.errors import Conflict, ValidationFailed
from graph.temporal import aware


class DevelopmentType(enum.Enum):
    FOLLOW_UP = "FOLLOW_UP"
    GENERATE_MESSAGE = "GENERATE_MESSAGE"  # the one type with an automated action
    CONTACT_PROSPECT = "CONTACT_PROSPECT"
    COLLECT_DOCUMENTS = "COLLECT_DOCUMENTS"


class DevelopmentStatus(enum.Enum):
    OPEN = "OPEN"
    REQUESTED = "REQUESTED"
    DONE = "DONE"
    CANCELLED = "CANCELLED"


# The legal moves: OPEN → REQUESTED (requestLeadDevelopment), OPEN or REQUESTED → DONE (update,
# execute) or CANCELLED (update).
TRANSITIONS: dict[DevelopmentStatus, frozenset[DevelopmentStatus]] = {
    DevelopmentStatus.OPEN: frozenset({DevelopmentStatus.REQUESTED, DevelopmentStatus.DONE,
                                       DevelopmentStatus.CANCELLED}),
    DevelopmentStatus.REQUESTED: frozenset({DevelopmentStatus.DONE, DevelopmentStatus.CANCELLED}),
    DevelopmentStatus.DONE: frozenset(),
    DevelopmentStatus.CANCELLED: frozenset(),
}
FINAL = frozenset({DevelopmentStatus.DONE, DevelopmentStatus.CANCELLED})

MAX_DESCRIPTION = 2000
MAX_REFERENCE = 200
MAX_DOCUMENT = 20000
MAX_ITEMS = 50


def texts(values: list[str] | None, field: str, max_length: int) -> list[str] | None:
    """A list input checked item by item: none blank, each at most `max_length`, at most MAX_ITEMS."""
    if values is None:
        return None
    if len(values) > MAX_ITEMS:
        raise ValidationFailed(f"{field} has {len(values)} items; at most {MAX_ITEMS} are allowed", field=field)
    return [text(value, f"{field}[{i}]", max_length) or "" for i, value in enumerate(values)]


def due(value: datetime.datetime | None, field: str, now: datetime.datetime) -> datetime.datetime | None:
    if value is not None and aware(value) <= now:
        raise ValidationFailed(f"{field} must be in the future; it is {aware(value).isoformat()}", field=field)
    return None if value is None else aware(value)


def step(row: dict[str, Any], target: DevelopmentStatus, field: str) -> None:
    current = DevelopmentStatus(row["status"])
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(s.name for s in TRANSITIONS[current])) or "none, it is final"
        raise Conflict(f"development {row['developmentId']} is {current.name} and cannot become {target.name}; "
                       f"allowed from {current.name}: {allowed}", field=field)


@dataclass(frozen=True)
class TaskResults:
    """What BIAN UpdateDevelopment asks of a task: only the values given (not None) change."""

    development_id: str
    status: DevelopmentStatus | None = None
    description: str | None = None
    resource_id: str | None = None
    contact_record_reference: str | None = None
    document_references: list[str] | None = None
    document_content: str | None = None
    work_products: list[str] | None = None
    task_result: str | None = None
    date_time_location: str | None = None


_UPDATABLE = {"description": "description", "contact_record_reference": "contactRecord",
              "document_references": "documents", "document_content": "documentContent",
              "work_products": "workProducts", "task_result": "taskResult", "date_time_location": "dateTimeLocation"}


def updates(input: TaskResults) -> dict[str, Any]:
    """The properties the update names, checked; VALIDATION naming the field otherwise."""
    checked: dict[str, Any] = {
        "description": text(input.description, "input.description", MAX_DESCRIPTION, required=False),
        "contact_record_reference": text(input.contact_record_reference, "input.contactRecordReference",
                                         MAX_REFERENCE, required=False),
        "document_references": texts(input.document_references, "input.documentReferences", MAX_REFERENCE),
        "document_content": text(input.document_content, "input.documentContent", MAX_DOCUMENT, required=False),
        "work_products": texts(input.work_products, "input.workProducts", MAX_DESCRIPTION),
        "task_result": text(input.task_result, "input.taskResult", MAX_DESCRIPTION, required=False),
        "date_time_location": text(input.date_time_location, "input.dateTimeLocation", MAX_REFERENCE, required=False),
    }
    return {_UPDATABLE[name]: value for name, value in checked.items() if value is not None}
