"""Neo4j's temporal values (Date, DateTime) as Python's, and the instants every rule reads ("now",
"as of")."""

from __future__ import annotations

import datetime
from typing import Any

# The Unix epoch, in UTC: where Neo4j's epochMillis and Bolt's epoch seconds count from.
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def native(value: Any) -> Any:
    """neo4j.time.Date → datetime.date, DateTime → datetime.datetime; None stays None."""
    return None if value is None else value.to_native()


def aware(instant: datetime.datetime) -> datetime.datetime:
    """Instants without a zone are read as UTC, so they compare with stored DateTimes."""
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=datetime.UTC)


def now() -> datetime.datetime:
    """This instant, in UTC."""
    return datetime.datetime.now(datetime.UTC)


def instant_or_now(at: datetime.datetime | None) -> datetime.datetime:
    """`at` (read as UTC when it has no zone), or now."""
    return now() if at is None else aware(at)
