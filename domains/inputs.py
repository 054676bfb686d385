"""Checks every mutation applies to its input, each failing with VALIDATION naming the field."""

from __future__ import annotations

from graph.errors import ValidationFailed


def text(value: str | None, field: str, max_length: int, *, required: bool = True) -> str | None:
    """`value` stripped; blank is an error when required, else None."""
    stripped = None if value is None else value.strip()
    if not stripped:
        if required:
            raise ValidationFailed(f"{field} must not be blank", field=field)
        return None
    if len(stripped) > max_length:
        raise ValidationFailed(f"{field} is {len(stripped)} characters long; at most {max_length} are allowed", field=field)
    return stripped
