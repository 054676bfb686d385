"""Idempotency keys: a retried mutation returns its first result and writes nothing new.

The key is stored on what the first request created, beside a fingerprint of that request,
under a uniqueness constraint. A repeat with the same fingerprint gets the stored result; the
same key with a different request is a client bug and gets CONFLICT rather than a wrong answer.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from graph.errors import Conflict, ValidationFailed

MAX_KEY_LENGTH = 128


def key(value: str | None, field: str) -> str | None:
    if value is None:
        return None
    if not value.strip() or len(value) > MAX_KEY_LENGTH:
        raise ValidationFailed(f"{field} must be 1 to {MAX_KEY_LENGTH} non-blank characters", field=field)
    return value


def fingerprint(operation: str, request: dict[str, Any]) -> str:
    """A digest of what was asked, independent of key order and of how instants were written."""
    canonical = json.dumps({"operation": operation, "request": request}, sort_keys=True, default=_canonical)
    return hashlib.sha256(canonical.encode()).hexdigest()


def replay(stored_fingerprint: str | None, request_fingerprint: str, idempotency_key: str, field: str) -> None:
    """Allows returning the stored result, or raises CONFLICT when the key was used for another request."""
    if stored_fingerprint != request_fingerprint:
        raise Conflict(f"idempotency key '{idempotency_key}' was already used for a different request; "
                       "use a new key for a new request", field=field)


def _canonical(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
