"""Get by id or NOT_FOUND: the one rule, and the one wording, for an object a request names that the
graph does not hold. The error names the input field, so a client knows which argument to fix."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from graph.errors import NotFound

T = TypeVar("T")


def unknown(what: str, key: object, field: str, *, by: str = "id", owner: str | None = None) -> NotFound:
    """NOT_FOUND for `what` (e.g. "servicing pool") looked up `by` its id (or code, purpose...); with
    `owner`, among that object's own (e.g. an incident of "relationship plan P1")."""
    if owner is not None:
        return NotFound(f"{owner} has no {what} with the {by} {key}", field=field)
    return NotFound(f"no {what} has the {by} {key}", field=field)


def found(rows: Sequence[T], what: str, key: object, field: str, *, by: str = "id", owner: str | None = None) -> T:
    """The first row of a read by id, or NOT_FOUND when there is none."""
    if not rows:
        raise unknown(what, key, field, by=by, owner=owner)
    return rows[0]


def present(value: T | None, what: str, key: object, field: str, *, by: str = "id", owner: str | None = None) -> T:
    """`value` itself (a column a statement left null when its object is missing), or NOT_FOUND."""
    if value is None:
        raise unknown(what, key, field, by=by, owner=owner)
    return value
