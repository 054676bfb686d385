"""Per-pool statistics (BIAN Contact Routing analytics): the pool now, and its work over a window.

One read statement (`cypher/contact_routing/pool_statistics.cypher`) computes every figure in
Neo4j, so analysts get the same numbers in Neo4j Browser; docs/contact-routing.md ("Pool
statistics") has the formulas with an example. The rule here is the window: its defaults and
its bounds. The instant `now` is passed in, never the database's clock, so tests control time.
"""

from __future__ import annotations

import datetime

from domains.found import found
from graph.database import Database, Record
from graph.errors import ValidationFailed
from graph.queries import load
from graph.temporal import aware

POOL_STATISTICS = load("contact_routing/pool_statistics")

DEFAULT_WINDOW = datetime.timedelta(hours=24)
MAX_WINDOW = datetime.timedelta(days=366)


def statistics_window(start: datetime.datetime | None, end: datetime.datetime | None,
                      as_of: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """[from, to) with the defaults filled in (to: now; from: 24 hours before to), or VALIDATION.

    The error names `to` when it was given, else `from`: the argument the caller can change.
    """
    window_end = as_of if end is None else aware(end)
    window_start = window_end - DEFAULT_WINDOW if start is None else aware(start)
    field = "from" if end is None else "to"
    if window_end <= window_start:
        raise ValidationFailed(f"`to` ({window_end.isoformat()}) must be after `from` ({window_start.isoformat()})",
                               field=field)
    if window_end - window_start > MAX_WINDOW:
        raise ValidationFailed(f"the window spans {window_end - window_start}; at most 366 days are allowed",
                               field=field)
    return window_start, window_end


async def pool_statistics(db: Database, pool_id: str, as_of: datetime.datetime, start: datetime.datetime,
                          end: datetime.datetime) -> Record:
    """The pool's figures at `as_of` and over [start, end), or NOT_FOUND."""
    rows = await db.read(POOL_STATISTICS, poolId=pool_id, now=as_of, **{"from": start, "to": end})
    statistics: Record = found(rows, "servicing pool", pool_id, "poolId")["statistics"]
    return statistics
