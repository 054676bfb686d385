"""Lead analytics' rules (an extension): the window, limit and age-range checks, and the four reads.

Each figure is one read statement from cypher/lead_and_opportunity_management/analytics_*.cypher,
aggregated in Neo4j, so analysts get the same figures in Neo4j Browser (`:param` lines at their
top); here the arguments are checked and the vocabulary the portfolio counts by is passed. The
open statuses are literal in the statements, sought one at a time in the lead_status index; a
test checks them against vocabulary.py. docs/lead-and-opportunity.md, "Lead analytics", defines
every figure. Windows are [from, to), at most 366 days; instants without a zone are UTC.
"""

from __future__ import annotations

import datetime
import itertools

from domains.found import unknown
from domains.lead_and_opportunity_management.vocabulary import (
    CampaignType,
    LeadClassification,
    LeadSource,
    LeadStatus,
)
from graph.database import Database, Record
from graph.errors import ValidationFailed
from graph.queries import load
from graph.temporal import aware, instant_or_now

LEAD_FUNNEL = load("lead_and_opportunity_management/analytics_lead_funnel")
LEAD_CONVERSION_BY_RESOURCE = load("lead_and_opportunity_management/analytics_lead_conversion_by_resource")
LEAD_AGEING = load("lead_and_opportunity_management/analytics_lead_ageing")
LEAD_PORTFOLIO = load("lead_and_opportunity_management/analytics_lead_portfolio")

MAX_WINDOW = datetime.timedelta(days=366)
MAX_LIMIT = 100
MAX_BUCKETS = 10
MAX_BUCKET_DAYS = 3650
DEFAULT_BUCKETS = (7, 30, 90)
DEFAULT_WINDOW = datetime.timedelta(days=90)


def window(start: datetime.datetime | None, end: datetime.datetime | None) -> tuple[datetime.datetime, datetime.datetime]:
    """[from, to) as aware instants (by default the last 90 days), or ValidationFailed on `to` for a reversed,
    empty or too long window."""
    end = instant_or_now(end)
    start = end - DEFAULT_WINDOW if start is None else aware(start)
    if end <= start:
        raise ValidationFailed(f"`to` ({end.isoformat()}) must be after `from` ({start.isoformat()})", field="to")
    if end - start > MAX_WINDOW:
        raise ValidationFailed(f"the window spans {end - start}; at most 366 days are allowed", field="to")
    return start, end


def check_limit(limit: int, least: int) -> None:
    if not least <= limit <= MAX_LIMIT:
        raise ValidationFailed(f"limit must be {least}-{MAX_LIMIT}, not {limit}", field="limit")


def check_buckets(bounds: list[int]) -> list[int]:
    """The age ranges' upper bounds, or ValidationFailed on `buckets` saying what is allowed."""
    if not 1 <= len(bounds) <= MAX_BUCKETS:
        raise ValidationFailed(f"buckets must give 1-{MAX_BUCKETS} upper bounds, not {len(bounds)}", field="buckets")
    if any(not 0 <= bound <= MAX_BUCKET_DAYS for bound in bounds):
        raise ValidationFailed(f"each bucket bound must be 0-{MAX_BUCKET_DAYS} days, not {bounds}", field="buckets")
    if any(later <= earlier for earlier, later in itertools.pairwise(bounds)):
        raise ValidationFailed(f"bucket bounds must be strictly ascending, not {bounds}", field="buckets")
    return bounds


async def funnel(db: Database, start: datetime.datetime, end: datetime.datetime, campaign_type: CampaignType | None,
                 product_id: str | None) -> Record:
    """lead_funnel's row for the window (already checked); NOT_FOUND for an unknown product."""
    [row] = await db.read(LEAD_FUNNEL, **{"from": start, "to": end}, funnel={
        "campaignType": None if campaign_type is None else campaign_type.value, "productId": product_id})
    if not row["productFound"]:
        raise unknown("product", product_id, "productId")
    return row


async def conversion(db: Database, start: datetime.datetime, end: datetime.datetime, resource_id: str | None,
                     limit: int) -> Record:
    """lead_conversion_by_resource's row; VALIDATION for a limit outside 1-100, NOT_FOUND for an unknown owner."""
    check_limit(limit, 1)
    [row] = await db.read(LEAD_CONVERSION_BY_RESOURCE, **{"from": start, "to": end}, conversion={
        "resourceId": resource_id, "limit": limit})
    if not row["resourceFound"]:
        raise unknown("servicing resource", resource_id, "resourceId")
    return row


async def ageing(db: Database, as_of: datetime.datetime, buckets: list[int] | None, limit: int) -> Record:
    """lead_ageing's row at `as_of` (default buckets [7, 30, 90]); VALIDATION for bad buckets or limit."""
    bounds = check_buckets(list(DEFAULT_BUCKETS) if buckets is None else buckets)
    check_limit(limit, 0)
    [row] = await db.read(LEAD_AGEING, at=as_of, bounds=bounds, limit=limit)
    return row


async def portfolio(db: Database, as_of: datetime.datetime) -> Record:
    """lead_portfolio's row at `as_of`, counted by the vocabulary's statuses, classifications, types, sources."""
    [row] = await db.read(LEAD_PORTFOLIO, at=as_of, portfolio={
        "statuses": [s.value for s in LeadStatus], "classifications": [c.value for c in LeadClassification],
        "campaignTypes": [c.value for c in CampaignType], "sources": [s.value for s in LeadSource]})
    return row
