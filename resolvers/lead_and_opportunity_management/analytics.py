"""Lead analytics (BIAN Lead and Opportunity Management analytics, an extension) as the schema shows
them: the funnel per campaign type and product, conversion and time to close per owner, ageing of
open leads, the portfolio by status, classification, campaign type and source.

Each field is one read statement, checked and run by domains/lead_and_opportunity_management/
analytics.py (its statements are re-exported here for the tests and bench that time them).
docs/lead-and-opportunity.md, "Lead analytics", defines every figure. Analysts, relationship
managers and admins read; front ends are FORBIDDEN.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from domains.lead_and_opportunity_management import analytics
from domains.lead_and_opportunity_management.analytics import (
    window,
)
from gateway.security.auth import Role, allow
from graph.temporal import instant_or_now
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
from resolvers.lead_and_opportunity_management.vocabulary import CampaignType

__all__ = ["AnalyticsQuery"]

ANALYTICS_ROLES = (Role.ANALYST, Role.RELATIONSHIP_MANAGER, Role.ADMIN)
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
        row = await analytics.funnel(info.context.db, start, end, campaign_type,
                                     None if product_id is None else str(product_id))
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
        row = await analytics.conversion(info.context.db, start, end, None if resource_id is None else str(resource_id),
                                         limit)
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
        as_of = instant_or_now(at)
        row = await analytics.ageing(info.context.db, as_of, buckets, limit)
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
        return LeadPortfolio.from_record(await analytics.portfolio(info.context.db, as_of), as_of)
