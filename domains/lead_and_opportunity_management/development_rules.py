"""The rules a lead's development tasks follow, checked before anything is written: input limits
(VALIDATION naming the field) and the task's status moves (CONFLICT naming the allowed
ones). Used by `development` inside its transactions, after the locks are taken.
"""

from __future__ import annotations

import datetime
from typing import Any

from domains.inputs import text
from graph.errors import Conflict, ValidationFailed
from graph.temporal import aware
from resolvers.lead_and_opportunity_management.development_types import (
    TRANSITIONS,
    DevelopmentStatus,
    UpdateLeadDevelopmentInput,
)

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


_UPDATABLE = {"description": "description", "contact_record_reference": "contactRecord",
              "document_references": "documents", "document_content": "documentContent",
              "work_products": "workProducts", "task_result": "taskResult", "date_time_location": "dateTimeLocation"}


def updates(input: UpdateLeadDevelopmentInput) -> dict[str, Any]:
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
