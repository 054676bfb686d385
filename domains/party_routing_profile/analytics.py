"""Portfolio analytics over routing profiles (BIAN portfolio analytics): make-up and trend.

Each answer is one read statement from cypher/party_routing_profile/, aggregated in Neo4j;
analysts run the same files in Neo4j Browser with the `:param` lines at their top.
Confidential indicator types (e.g. POSSIBLE_FRAUD) are left out of every count for
principals who may not see them (analysts), so a count cannot reveal them either.
"""

from __future__ import annotations

import datetime
from typing import LiteralString

from domains.party_routing_profile.profile import IndicatorCategory
from gateway.security.auth import Principal
from graph.database import Database, Record
from graph.errors import ValidationFailed
from graph.queries import load
from graph.temporal import now

MAKE_UP_BY_SEGMENT = load("party_routing_profile/make_up_by_segment")
MAKE_UP_BY_RELATIONSHIP_MANAGER = load("party_routing_profile/make_up_by_relationship_manager")
INDICATOR_TREND_BY_WEEK = load("party_routing_profile/indicator_trend_by_week")

MAX_TREND_WEEKS = 156  # three years of ISO weeks
# The portfolio groupings (PortfolioGrouping), by name, and the statement of each.
MAKE_UP_QUERIES: dict[str, LiteralString] = {
    "SEGMENT": MAKE_UP_BY_SEGMENT,
    "RELATIONSHIP_MANAGER": MAKE_UP_BY_RELATIONSHIP_MANAGER,
}


async def make_up(db: Database, principal: Principal, grouping: str, as_of: datetime.datetime,
                  category: IndicatorCategory | None) -> list[Record]:
    """Per group of `grouping` (a key of MAKE_UP_QUERIES), how many customers have each indicator type active."""
    return await db.read(MAKE_UP_QUERIES[grouping], at=as_of, seesConfidential=principal.sees_confidential,
                         kind=None if category is None else category.name)


async def trend(db: Database, principal: Principal, first_day: datetime.date, last_day: datetime.date,
                types: list[str] | None) -> tuple[datetime.date, datetime.date, list[Record]]:
    """The Mondays of the first and last weeks and a row per week: indicators captured and closed per type."""
    first_week, last_week = trend_window(first_day, last_day)
    rows = await db.read(INDICATOR_TREND_BY_WEEK, fromDate=first_day, toDate=last_day, types=types, now=now(),
                         seesConfidential=principal.sees_confidential)
    return first_week, last_week, rows


def trend_window(first_day: datetime.date, last_day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The Mondays of the first and last weeks, or ValidationFailed on `to` for a reversed or too long window."""
    if last_day < first_day:
        raise ValidationFailed(f"`to` ({last_day}) is before `from` ({first_day})", field="to")
    first_week = first_day - datetime.timedelta(days=first_day.weekday())
    last_week = last_day - datetime.timedelta(days=last_day.weekday())
    weeks = (last_week - first_week).days // 7 + 1
    if weeks > MAX_TREND_WEEKS:
        raise ValidationFailed(f"the window spans {weeks} ISO weeks; at most {MAX_TREND_WEEKS} are allowed", field="to")
    return first_week, last_week
