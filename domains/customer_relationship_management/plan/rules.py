"""The rules a relationship plan's own fields follow, whatever the step: its validity period, its
review date, and how many goals it may have (docs/relationship-plans.md, "The plan").
"""

from __future__ import annotations

import datetime
from typing import Any

from graph.errors import ValidationFailed

NARRATIVE_LENGTH = 2000
MAX_GOALS = 10
REVIEW_AFTER = datetime.timedelta(days=182)


def one_year_on(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def check_validity(valid_from: datetime.date, valid_to: datetime.date, review_due: datetime.date,
                   given: dict[str, Any]) -> None:
    """validFrom < validTo and validFrom <= reviewDue <= validTo; VALIDATION naming a field the client gave."""
    if valid_from >= valid_to:
        field = "input.validTo" if "validTo" in given else "input.validFrom"
        raise ValidationFailed(f"validFrom {valid_from} must be before validTo {valid_to}", field=field)
    if not valid_from <= review_due <= valid_to:
        field = "input.reviewDue" if "reviewDue" in given else (
            "input.validFrom" if "validFrom" in given else "input.validTo")
        raise ValidationFailed(f"reviewDue {review_due} must fall within the plan's validity, {valid_from} to "
                               f"{valid_to}", field=field)


def with_validity(fields: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    """A new plan's fields with the validity defaults: from today, for a year, reviewed after 182 days."""
    valid_from = fields.get("validFrom") or today
    valid_to = fields.get("validTo") or one_year_on(valid_from)
    review_due = fields.get("reviewDue") or min(valid_from + REVIEW_AFTER, valid_to)
    check_validity(valid_from, valid_to, review_due, fields)
    return {**fields, "validFrom": valid_from, "validTo": valid_to, "reviewDue": review_due}
