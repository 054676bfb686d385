"""The answers of lead analytics (analytics.py): funnel, conversion per owner, ageing, portfolio.

Each type is built from one row of its statement in cypher/lead_and_opportunity_management/,
which already has the answer's shape (map projections), so `from_record` only renames.
"""

from __future__ import annotations

import datetime
from typing import Any

import strawberry

from graph.temporal import native
from resolvers.customers import Product
from resolvers.lead_and_opportunity_management.vocabulary import (
    CampaignType,
    LeadClassification,
    LeadSource,
    LeadStatus,
)


def _optional_product(row: dict[str, Any] | None) -> Product | None:
    return None if row is None else Product.from_record(row)


@strawberry.type(description="How far the leads of one funnel got, and the conversion from stage to stage.")
class LeadFunnelStages:
    campaign_type: CampaignType | None = strawberry.field(
        description="The campaign type of this funnel's leads; null for the leads without one, and for the total.")
    product: Product | None = strawberry.field(description="The product of interest; null for the total.")
    captured: int = strawberry.field(description="Leads captured (createdAt) in the window.")
    qualifying: int = strawberry.field(description="Of those, leads that reached QUALIFYING (see leadFunnel for "
                                                   "how 'reached' is read).")
    confirmed: int = strawberry.field(description="Leads that reached CONFIRMED.")
    offer_initiated: int = strawberry.field(description="Leads that reached OFFER_INITIATED.")
    won: int = strawberry.field(description="Leads now WON.")
    lost: int = strawberry.field(description="Leads now LOST.")
    rejected: int = strawberry.field(description="Leads now REJECTED.")
    expired: int = strawberry.field(description="Leads now EXPIRED.")
    open: int = strawberry.field(description="Leads still open now (CAPTURED to OFFER_INITIATED).")
    qualifying_rate: float | None = strawberry.field(
        description="qualifying / captured, 0 to 1 rounded to 4 decimals; null when the denominator is 0.")
    confirmation_rate: float | None = strawberry.field(
        description="confirmed / qualifying, 0 to 1 rounded to 4 decimals; null when the denominator is 0.")
    offer_rate: float | None = strawberry.field(
        description="offerInitiated / confirmed, 0 to 1 rounded to 4 decimals; null when the denominator is 0.")
    win_rate: float | None = strawberry.field(
        description="won / offerInitiated (offers still open count as not won yet), 0 to 1 rounded to 4 "
                    "decimals; null when the denominator is 0.")
    conversion_rate: float | None = strawberry.field(
        description="won / captured, 0 to 1 rounded to 4 decimals; null when the denominator is 0.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> LeadFunnelStages:
        return cls(
            campaign_type=None if row["campaignType"] is None else CampaignType(row["campaignType"]),
            product=_optional_product(row["product"]), captured=row["captured"], qualifying=row["qualifying"],
            confirmed=row["confirmed"], offer_initiated=row["offerInitiated"], won=row["won"], lost=row["lost"],
            rejected=row["rejected"], expired=row["expired"], open=row["open"],
            qualifying_rate=row["qualifyingRate"], confirmation_rate=row["confirmationRate"],
            offer_rate=row["offerRate"], win_rate=row["winRate"], conversion_rate=row["conversionRate"])


@strawberry.type(description="The lead funnel over a window: all leads together, and per campaign type and product.")
class LeadFunnel:
    from_: datetime.datetime = strawberry.field(name="from", description="The window's start, included.")
    to: datetime.datetime = strawberry.field(description="The window's end, excluded.")
    campaign_type: CampaignType | None = strawberry.field(description="The only campaign type counted; null for all.")
    product_id: strawberry.ID | None = strawberry.field(description="The only product counted; null for all.")
    total: LeadFunnelStages = strawberry.field(description="Every lead counted, whatever its campaign type and product.")
    funnels: list[LeadFunnelStages] = strawberry.field(
        description="One funnel per campaign type and product with leads captured in the window: by campaign type code "
                    "(leads without one last), then productId.")


@strawberry.type(description="One owner's leads: those closed in the window and those open now.")
class ResourceLeadConversion:
    resource_id: strawberry.ID = strawberry.field(description="The owner's resourceId, e.g. R000011.")
    name: str = strawberry.field(description="The owner's name.")
    closed: int = strawberry.field(description="Leads OWNED_BY the resource with closedAt in the window.")
    won: int = strawberry.field(description="Of those, WON.")
    lost: int = strawberry.field(description="Of those, LOST.")
    rejected: int = strawberry.field(description="Of those, REJECTED.")
    expired: int = strawberry.field(description="Of those, EXPIRED.")
    conversion_rate: float | None = strawberry.field(
        description="won / closed, 0 to 1 rounded to 4 decimals; null when none closed.")
    average_days_to_close: float | None = strawberry.field(
        description="Mean of closedAt - createdAt over the closed leads, in days rounded to 2 decimals; null when "
                    "none closed.")
    median_days_to_close: float | None = strawberry.field(
        description="Median of closedAt - createdAt over the closed leads (the mean of the middle two for an even "
                    "count), in days rounded to 2 decimals; null when none closed.")
    open_leads: int = strawberry.field(description="Leads OWNED_BY the resource open now, whenever captured.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> ResourceLeadConversion:
        return cls(resource_id=strawberry.ID(row["resourceId"]), name=row["name"], closed=row["closed"],
                   won=row["won"], lost=row["lost"], rejected=row["rejected"], expired=row["expired"],
                   conversion_rate=row["conversionRate"], average_days_to_close=row["averageDaysToClose"],
                   median_days_to_close=row["medianDaysToClose"], open_leads=row["openLeads"])


@strawberry.type(description="Lead conversion and time to close per owner over a window.")
class LeadConversion:
    from_: datetime.datetime = strawberry.field(name="from", description="The window's start, included.")
    to: datetime.datetime = strawberry.field(description="The window's end, excluded.")
    owners: int = strawberry.field(description="Owners matched, before `limit`.")
    resources: list[ResourceLeadConversion] = strawberry.field(
        description="At most `limit` owners: most won first, then most closed, then by resourceId.")


@strawberry.type(description="How many leads have one status.")
class LeadStatusCount:
    status: LeadStatus = strawberry.field(description="The status.")
    leads: int = strawberry.field(description="Leads with it; 0 included.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> LeadStatusCount:
        return cls(status=LeadStatus(row["status"]), leads=row["leads"])


@strawberry.type(description="Open leads whose age falls in one range of days.")
class LeadAgeBucket:
    min_days: int = strawberry.field(description="The youngest age in the bucket, in whole days, included.")
    max_days: int | None = strawberry.field(description="The oldest age in the bucket, included; null: no limit.")
    leads: int = strawberry.field(description="Open leads of this age.")
    by_status: list[LeadStatusCount] = strawberry.field(
        description="Per open status, CAPTURED to OFFER_INITIATED, zeros included.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> LeadAgeBucket:
        return cls(min_days=row["minDays"], max_days=row["maxDays"], leads=row["leads"],
                   by_status=[LeadStatusCount.from_record(s) for s in row["byStatus"]])


@strawberry.type(description="A customer named in lead analytics.")
class LeadAnalyticsCustomer:
    customer_id: strawberry.ID = strawberry.field(description="The customer's identifier, e.g. C0000042.")
    name: str = strawberry.field(description="The customer's name.")


@strawberry.type(description="A servicing resource named in lead analytics: a lead's owner.")
class LeadAnalyticsOwner:
    resource_id: strawberry.ID = strawberry.field(description="The resource's identifier, e.g. R000011.")
    name: str = strawberry.field(description="The person's name.")


@strawberry.type(description="An open lead and how long it has been open.")
class AgedLead:
    lead_id: strawberry.ID = strawberry.field(description="The lead's identifier.")
    status: LeadStatus = strawberry.field(description="Its status now.")
    created_at: datetime.datetime = strawberry.field(description="When it was captured.")
    age_days: int = strawberry.field(description="Whole days from createdAt to asOf.")
    customer: LeadAnalyticsCustomer = strawberry.field(description="The customer it is for.")
    product: Product = strawberry.field(description="The product of interest.")
    owner: LeadAnalyticsOwner | None = strawberry.field(description="Its owner; null when it has none.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> AgedLead:
        owner = row["owner"]
        return cls(lead_id=strawberry.ID(row["leadId"]), status=LeadStatus(row["status"]),
                   created_at=native(row["createdAt"]), age_days=row["ageDays"],
                   customer=LeadAnalyticsCustomer(customer_id=strawberry.ID(row["customer"]["customerId"]),
                                                  name=row["customer"]["name"]),
                   product=Product.from_record(row["product"]),
                   owner=None if owner is None else LeadAnalyticsOwner(resource_id=strawberry.ID(owner["resourceId"]),
                                                                       name=owner["name"]))


@strawberry.type(description="The ageing of the open leads: how long they have been open, and the oldest.")
class LeadAgeing:
    as_of: datetime.datetime = strawberry.field(description="The instant ages are measured at.")
    open_leads: int = strawberry.field(description="Leads open now and captured at or before asOf.")
    buckets: list[LeadAgeBucket] = strawberry.field(description="Per age range, youngest first, empty ones included.")
    oldest: list[AgedLead] = strawberry.field(
        description="The oldest open leads, oldest first (then by leadId), at most `limit`.")


@strawberry.type(description="How many leads have one classification.")
class LeadClassificationCount:
    classification: LeadClassification | None = strawberry.field(
        description="The classification; null for the leads without one.")
    leads: int = strawberry.field(description="Leads with it; 0 included.")


@strawberry.type(description="How many leads serve one campaign type.")
class LeadCampaignTypeCount:
    campaign_type: CampaignType | None = strawberry.field(
        description="The campaign type; null for the leads without one.")
    leads: int = strawberry.field(description="Leads with it; 0 included.")


@strawberry.type(description="How many leads came from one source.")
class LeadSourceCount:
    source: LeadSource | None = strawberry.field(description="The source; null for the leads without one.")
    leads: int = strawberry.field(description="Leads with it; 0 included.")


@strawberry.type(description="The open leads for the products of one family.")
class ProductFamilyPipeline:
    family: str = strawberry.field(description="The product family, e.g. LENDING, DEPOSITS, CARDS.")
    open_leads: int = strawberry.field(description="Open leads for the family's products.")
    by_status: list[LeadStatusCount] = strawberry.field(
        description="Per open status, CAPTURED to OFFER_INITIATED, zeros included.")


@strawberry.type(description="The make-up of the lead portfolio.")
class LeadPortfolio:
    as_of: datetime.datetime = strawberry.field(description="The instant counted up to: leads captured after it are left out.")
    leads: int = strawberry.field(description="Leads captured at or before asOf.")
    by_status: list[LeadStatusCount] = strawberry.field(
        description="Per status now, in lifecycle order (CAPTURED .. OFFER_INITIATED, WON, LOST, REJECTED, EXPIRED).")
    by_classification: list[LeadClassificationCount] = strawberry.field(
        description="Per classification, HOT, WARM, COLD, then the unclassified (null).")
    by_campaign_type: list[LeadCampaignTypeCount] = strawberry.field(
        description="Per campaign type, CROSS_SELL, UP_SELL, RETENTION, then those without one (null).")
    by_source: list[LeadSourceCount] = strawberry.field(
        description="Per source, SERVICING_INTERACTION, EVENT, CAMPAIGN, MANUAL, then those without one (null).")
    open_pipeline: list[ProductFamilyPipeline] = strawberry.field(
        description="Per product family with open leads: most open leads first, then by family.")

    @classmethod
    def from_record(cls, row: dict[str, Any], as_of: datetime.datetime) -> LeadPortfolio:
        return cls(
            as_of=as_of, leads=row["leads"], by_status=[LeadStatusCount.from_record(s) for s in row["byStatus"]],
            by_classification=[LeadClassificationCount(
                classification=None if c["key"] is None else LeadClassification(c["key"]), leads=c["leads"])
                for c in row["byClassification"]],
            by_campaign_type=[LeadCampaignTypeCount(
                campaign_type=None if c["key"] is None else CampaignType(c["key"]), leads=c["leads"])
                for c in row["byCampaignType"]],
            by_source=[LeadSourceCount(source=None if c["key"] is None else LeadSource(c["key"]), leads=c["leads"])
                       for c in row["bySource"]],
            open_pipeline=[ProductFamilyPipeline(family=f["family"], open_leads=f["openLeads"],
                                                 by_status=[LeadStatusCount.from_record(s) for s in f["byStatus"]])
                           for f in row["pipeline"]])
