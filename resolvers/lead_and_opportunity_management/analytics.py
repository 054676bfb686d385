"""Lead analytics (BIAN Lead and Opportunity Management analytics, an extension): the funnel per
campaign type and product, conversion and time to close per owner, ageing of open leads, the
portfolio by status, classification, campaign type and source.

Each field is one read statement from cypher/lead_and_opportunity_management/analytics_*.cypher,
aggregated in Neo4j, so analysts get the same figures in Neo4j Browser (`:param` lines at their
top); the resolvers only validate the arguments and pass the vocabulary the portfolio counts by
(from vocabulary.py). The open statuses are literal in the statements, sought one at a time in
the lead_status index; a test checks them against vocabulary.py. docs/lead-and-opportunity.md,
"Lead analytics", defines every figure. Analysts, relationship managers and admins read; front
ends are FORBIDDEN. Windows are [from, to), at most 366 days; instants without a zone are UTC.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Annotated

import strawberry

from gateway.security.auth import Role, allow
from graph.errors import NotFound, ValidationFailed
from graph.queries import load
from graph.temporal import aware, instant_or_now
from resolvers.context import Info
from resolvers.lead_and_opportunity_management.analytics_types import (
    AgedLead,
    LeadAgeBucket,
    LeadAgeing,
    LeadConversion,
    LeadFunnel,
    LeadFunnelStages,
    LeadPortfolio,
    ResourceLeadConversion,
)
from resolvers.lead_and_opportunity_management.vocabulary import (
    CampaignType,
    LeadClassification,
    LeadSource,
    LeadStatus,
)

LEAD_FUNNEL = load("lead_and_opportunity_management/analytics_lead_funnel")
LEAD_CONVERSION_BY_RESOURCE = load("lead_and_opportunity_management/analytics_lead_conversion_by_resource")
LEAD_AGEING = load("lead_and_opportunity_management/analytics_lead_ageing")
LEAD_PORTFOLIO = load("lead_and_opportunity_management/analytics_lead_portfolio")

ANALYTICS_ROLES = (Role.ANALYST, Role.RELATIONSHIP_MANAGER, Role.ADMIN)
MAX_WINDOW = datetime.timedelta(days=366)
MAX_LIMIT = 100
MAX_BUCKETS = 10
MAX_BUCKET_DAYS = 3650
DEFAULT_BUCKETS = (7, 30, 90)

DEFAULT_WINDOW = datetime.timedelta(days=90)
From = Annotated[datetime.datetime | None, strawberry.argument(
    name="from", description="The window's start, included (default: 90 days before `to`; without a zone, UTC).")]
To = Annotated[datetime.datetime | None, strawberry.argument(
    description="The window's end, excluded (default: now; without a zone, UTC); after `from`, at most 366 days "
                "later.")]


@strawberry.type
class AnalyticsQuery:
    @strawberry.field(
        description="The lead funnel (analytics, an extension): the leads captured in [from, to), in total and per "
                    "campaign type and product, how many reached QUALIFYING, CONFIRMED and OFFER_INITIATED, how many "
                    "are WON, LOST, REJECTED, EXPIRED or still open now, and the rates from stage to stage. An open "
                    "or WON lead reached its status; a LOST one OFFER_INITIATED; a REJECTED or EXPIRED one the "
                    "furthest stage its Sales events show, else only CAPTURED. NOT_FOUND for an unknown productId; "
                    "VALIDATION when to <= from or the window exceeds 366 days.",
        extensions=allow(*ANALYTICS_ROLES),
    )
    async def lead_funnel(
        self, info: Info, from_: From = None, to: To = None,
        campaign_type: Annotated[CampaignType | None, strawberry.argument(
            description="Count only leads of this campaign type (default: all).")] = None,
        product_id: Annotated[strawberry.ID | None, strawberry.argument(
            description="Count only leads for this product, e.g. P-MORTGAGE-FIXED (default: all).")] = None,
    ) -> LeadFunnel:
        start, end = window(from_, to)
        rows = await info.context.db.read(LEAD_FUNNEL, **{"from": start, "to": end}, funnel={
            "campaignType": None if campaign_type is None else campaign_type.value,
            "productId": None if product_id is None else str(product_id)})
        row = rows[0]
        if not row["productFound"]:
            raise NotFound(f"no product has the productId {str(product_id)!r}", field="productId")
        total, *funnels = [LeadFunnelStages.from_record(f) for f in row["funnels"]]
        return LeadFunnel(from_=start, to=end, campaign_type=campaign_type, product_id=product_id, total=total,
                          funnels=funnels)

    @strawberry.field(
        description="Lead conversion per owner (analytics, an extension): per servicing resource leads are OWNED_BY, "
                    "the leads closed in [from, to), how many were won, the conversion rate (won / closed), the "
                    "average and median days from capture to close, and the leads open now; most won first. "
                    "NOT_FOUND for an unknown resourceId; VALIDATION when to <= from, the window exceeds 366 days "
                    "or limit is outside 1-100.",
        extensions=allow(*ANALYTICS_ROLES),
    )
    async def lead_conversion_by_resource(
        self, info: Info, from_: From = None, to: To = None,
        resource_id: Annotated[strawberry.ID | None, strawberry.argument(
            description="Only this owner, e.g. R000011, listed even without leads (default: every owner).")] = None,
        limit: Annotated[int, strawberry.argument(description="The most owners listed, 1-100.")] = 20,
    ) -> LeadConversion:
        start, end = window(from_, to)
        check_limit(limit, 1)
        rows = await info.context.db.read(LEAD_CONVERSION_BY_RESOURCE, **{"from": start, "to": end}, conversion={
            "resourceId": None if resource_id is None else str(resource_id), "limit": limit})
        row = rows[0]
        if not row["resourceFound"]:
            raise NotFound(f"no servicing resource has the resourceId {str(resource_id)!r}", field="resourceId")
        return LeadConversion(from_=start, to=end, owners=row["owners"],
                              resources=[ResourceLeadConversion.from_record(r) for r in row["resources"]])

    @strawberry.field(
        description="Ageing of the open leads (analytics, an extension): the leads open now (CAPTURED to "
                    "OFFER_INITIATED) captured at or before `at`, per age range and status, and the oldest of them. "
                    "Statuses are as they stand now. VALIDATION when buckets are not 1-10 ascending bounds of "
                    "0-3650 days or limit is outside 0-100.",
        extensions=allow(*ANALYTICS_ROLES),
    )
    async def lead_ageing(
        self, info: Info,
        at: Annotated[datetime.datetime | None, strawberry.argument(
            description="The instant ages are measured at (default: now; without a zone, UTC).")] = None,
        buckets: Annotated[list[int] | None, strawberry.argument(
            description="The age ranges' upper bounds in whole days, ascending, 1-10 of them, each 0-3650 "
                        "(default [7, 30, 90]: 0-7, 8-30, 31-90 and 91 or more days).")] = None,
        limit: Annotated[int, strawberry.argument(description="The most oldest leads listed, 0-100.")] = 10,
    ) -> LeadAgeing:
        bounds = check_buckets(list(DEFAULT_BUCKETS) if buckets is None else buckets)
        check_limit(limit, 0)
        as_of = instant_or_now(at)
        rows = await info.context.db.read(LEAD_AGEING, at=as_of, bounds=bounds, limit=limit)
        row = rows[0]
        return LeadAgeing(as_of=as_of, open_leads=row["openLeads"],
                          buckets=[LeadAgeBucket.from_record(b) for b in row["buckets"]],
                          oldest=[AgedLead.from_record(lead) for lead in row["oldest"]])

    @strawberry.field(
        description="The lead portfolio (analytics, an extension): the leads captured at or before `at`, as they "
                    "stand now, by status, classification, campaign type and source, and the open pipeline by "
                    "product family.",
        extensions=allow(*ANALYTICS_ROLES),
    )
    async def lead_portfolio(
        self, info: Info,
        at: Annotated[datetime.datetime | None, strawberry.argument(
            description="Count the leads captured up to this instant (default: now; without a zone, UTC).")] = None,
    ) -> LeadPortfolio:
        as_of = instant_or_now(at)
        rows = await info.context.db.read(LEAD_PORTFOLIO, at=as_of, portfolio={
            "statuses": [s.value for s in LeadStatus],
            "classifications": [c.value for c in LeadClassification],
            "campaignTypes": [c.value for c in CampaignType], "sources": [s.value for s in LeadSource]})
        return LeadPortfolio.from_record(rows[0], as_of)


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
