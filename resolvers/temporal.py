"""Neo4j's temporal values (Date, DateTime) as the Python ones Strawberry serializes."""

from __future__ import annotations

from typing import Any


def native(value: Any) -> Any:
    """neo4j.time.Date → datetime.date, DateTime → datetime.datetime; None stays None."""
    return None if value is None else value.to_native()
