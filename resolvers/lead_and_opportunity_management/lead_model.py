"""The LeadandOpportunityProcedure as the schema shows it (BIAN's fields plus the extensions), from
the map the domain reads (domains/lead_and_opportunity_management/lead.py): one statement,
`lead_by_id`, gives a lead with its customer, product, campaign, owner, origin, offer and
SALES_PROSPECT status, in one round trip.

A lead's description and status reason are not confidential (unlike alert narratives), so
analysts see them too.
"""

from __future__ import annotations

import datetime
import enum

import strawberry

from domains.lead_and_opportunity_management import lead as leads
from graph.database import Database, Record
from graph.temporal import native
from resolvers.contact_routing.vocabulary import ResourceKind
from resolvers.lead_and_opportunity_management.assignment import LeadAssignment
from resolvers.lead_and_opportunity_management.vocabulary import (
    CampaignType,
    LeadClassification,
    LeadSource,
    LeadStatus,
)


@strawberry.type(description="The customer a lead is with (BIAN CustomerReference).")
class LeadCustomer:
    customer_id: strawberry.ID = strawberry.field(description="The customer's identifier, e.g. C0000001.")
    name: str = strawberry.field(description="The customer's name.")


@strawberry.type(description="A product a lead is about, or the held product it up-sells.")
class LeadProduct:
    product_id: strawberry.ID = strawberry.field(description="The product's identifier, e.g. P-MORTGAGE-FIXED.")
    name: str = strawberry.field(description="The product's name.")
    family: str = strawberry.field(description="The product family, e.g. LENDING.")

    @classmethod
    def from_record(cls, row: Record | None) -> LeadProduct | None:
        if row is None:
            return None
        return cls(product_id=strawberry.ID(row["productId"]), name=row["name"], family=row["family"])


@strawberry.type(description="A customer campaign leads are captured for (BIAN CustomerCampaignReference).")
class Campaign:
    campaign_id: strawberry.ID = strawberry.field(description="The campaign's identifier, e.g. CMP-2026-MORTGAGE.")
    name: str = strawberry.field(description="The campaign's name.")
    type: CampaignType = strawberry.field(description="Cross-sell, up-sell or retention (BIAN CustomerCampaignType).")
    version: int | None = strawberry.field(description="The campaign's current version (BIAN CustomerCampaignVersionNumber).")
    starts_on: datetime.date | None = strawberry.field(description="The first day of the campaign.")
    ends_on: datetime.date | None = strawberry.field(description="The last day of the campaign.")

    @classmethod
    def from_record(cls, row: Record | None) -> Campaign | None:
        if row is None:
            return None
        return cls(campaign_id=strawberry.ID(row["campaignId"]), name=row["name"], type=CampaignType(row["type"]),
                   version=row.get("version"), starts_on=native(row.get("startsOn")), ends_on=native(row.get("endsOn")))


@strawberry.type(description="The servicing resource that owns a lead (one at a time).")
class LeadOwner:
    resource_id: strawberry.ID = strawberry.field(description="The resource's identifier, e.g. R000001.")
    name: str = strawberry.field(description="The person's name.")
    kind: ResourceKind = strawberry.field(description="Agent, relationship manager or specialist.")


@strawberry.enum(description="What a lead originated from (ORIGINATED_FROM).")
class LeadOriginKind(enum.Enum):
    EVENT = strawberry.enum_value("EVENT", description="A customer event, e.g. a life event captured in a call.")
    ALLOCATION = strawberry.enum_value("ALLOCATION", description="A Contact Routing allocation: a servicing contact.")


@strawberry.type(description="The servicing interaction a lead was captured in.")
class LeadOrigin:
    kind: LeadOriginKind = strawberry.field(description="An event or an allocation.")
    id: strawberry.ID = strawberry.field(description="The eventId or allocationId.")
    type: str | None = strawberry.field(description="The event's type, or the allocation's channel.")
    at: datetime.datetime | None = strawberry.field(description="When the event occurred or the contact was requested.")


@strawberry.type(description="The hand-over to Customer Offer: the offer a lead initiated on reaching OFFER_INITIATED.")
class LeadOffer:
    offer_id: strawberry.ID = strawberry.field(description="The offer's identifier, OF- and a UUID.")
    status: str = strawberry.field(description="The offer's status; INITIATED when handed over.")
    created_at: datetime.datetime = strawberry.field(description="When it was initiated.")


@strawberry.type(description="The SALES_PROSPECT status a lead keeps on the customer's routing profile (SETS).")
class LeadProspectStatus:
    indicator_id: strawberry.ID = strawberry.field(description="The status value's id on the routing profile.")
    value: str = strawberry.field(description="The product of interest (a productId).")
    valid_from: datetime.datetime = strawberry.field(description="When it took effect.")
    valid_to: datetime.datetime | None = strawberry.field(
        description="When it ended (the lead closed, or another lead's status superseded it); null while in force.")


@strawberry.type(description="A sales lead or opportunity with a customer for one product (BIAN "
                              "LeadandOpportunityProcedure), with its status, priority, classification and owner.")
class Lead:
    lead_id: strawberry.ID = strawberry.field(description="The lead's identifier (BIAN LeadandOpportunityReference).")
    customer: LeadCustomer = strawberry.field(description="The customer (BIAN CustomerReference).")
    product: LeadProduct = strawberry.field(description="The product of interest.")
    product_type: str | None = strawberry.field(description="BIAN ProductandServiceType; default the product's family.")
    product_instance: LeadProduct | None = strawberry.field(
        description="BIAN ProductInstanceReference: for an UP_SELL, the held product it up-sells (UPSELLS).")
    campaign: Campaign | None = strawberry.field(description="The campaign it was captured for, if any.")
    campaign_type: CampaignType = strawberry.field(description="BIAN CustomerCampaignType.")
    campaign_version: int | None = strawberry.field(description="BIAN CustomerCampaignVersionNumber.")
    employee_business_unit_reference: str | None = strawberry.field(
        description="BIAN EmployeeBusinessUnitReference: the employee or unit that captured it.")
    description: str | None = strawberry.field(description="BIAN LeadandOpportunityDescription.")
    date_time_location: str | None = strawberry.field(description="BIAN DateTimeLocation: when and where it arose.")
    status: LeadStatus = strawberry.field(description="Where the lead is in its life (extension).")
    status_reason: str | None = strawberry.field(description="Why it has its status, e.g. why it was rejected.")
    source: LeadSource = strawberry.field(description="How it came about (extension).")
    priority: int = strawberry.field(description="1 the least urgent .. 5 the most (extension).")
    suspended: bool = strawberry.field(description="Set aside: nobody works on it until resumed; priority is kept.")
    score: int = strawberry.field(description="0..100, from priority, source, value tier and RM (docs/lead-and-opportunity.md).")
    classification: LeadClassification = strawberry.field(description="HOT, WARM or COLD, from the score.")
    owner: LeadOwner | None = strawberry.field(description="Who owns it; null when nobody qualified.")
    assignment: LeadAssignment | None = strawberry.field(
        description="Why its owner was assigned, when the assignment rules chose them; null when named by hand.")
    originated_from: LeadOrigin | None = strawberry.field(description="The servicing interaction it was captured in.")
    offer: LeadOffer | None = strawberry.field(description="The offer it initiated, once OFFER_INITIATED.")
    prospect_status: LeadProspectStatus | None = strawberry.field(
        description="The SALES_PROSPECT status it set on the customer's routing profile, if any.")
    created_at: datetime.datetime = strawberry.field(description="When it was captured.")
    captured_by: str = strawberry.field(description="Who captured it (token subject).")
    updated_at: datetime.datetime = strawberry.field(description="Its last change.")
    updated_by: str = strawberry.field(description="Who made its last change (token subject).")
    closed_at: datetime.datetime | None = strawberry.field(description="When it was won, lost, rejected or expired.")

    @classmethod
    def from_record(cls, row: Record) -> Lead:
        """From the domain's lead map (lead.scored: score and classification filled in)."""
        origin, offer, status = row.get("originatedFrom"), row.get("offer"), row.get("prospectStatus")
        owner, assignment = row.get("owner"), row.get("assignment")
        product = LeadProduct.from_record(row["product"])
        assert product is not None  # every lead is FOR_PRODUCT one
        return cls(
            lead_id=strawberry.ID(row["leadId"]),
            customer=LeadCustomer(customer_id=strawberry.ID(row["customer"]["customerId"]), name=row["customer"]["name"]),
            product=product, product_type=row.get("productType"),
            product_instance=LeadProduct.from_record(row.get("upsells")),
            campaign=Campaign.from_record(row.get("campaign")), campaign_type=CampaignType(row["campaignType"]),
            campaign_version=row.get("campaignVersion"),
            employee_business_unit_reference=row.get("employeeBusinessUnitReference"),
            description=row.get("description"), date_time_location=row.get("dateTimeLocation"),
            status=LeadStatus(row["status"]), status_reason=row.get("statusReason"), source=LeadSource(row["source"]),
            priority=row["priority"], suspended=bool(row.get("suspended")), score=row["score"],
            classification=LeadClassification(row["classification"]),
            owner=None if owner is None else LeadOwner(resource_id=strawberry.ID(owner["resourceId"]),
                                                      name=owner["name"], kind=ResourceKind(owner["kind"])),
            assignment=None if assignment is None else LeadAssignment.from_json(assignment),
            originated_from=None if origin is None else LeadOrigin(
                kind=LeadOriginKind(origin["kind"]), id=strawberry.ID(origin["id"]), type=origin.get("type"),
                at=native(origin.get("at"))),
            offer=None if offer is None else LeadOffer(offer_id=strawberry.ID(offer["offerId"]), status=offer["status"],
                                                       created_at=native(offer["createdAt"])),
            prospect_status=None if status is None else LeadProspectStatus(
                indicator_id=strawberry.ID(status["indicatorId"]), value=status["value"],
                valid_from=native(status["validFrom"]), valid_to=native(status.get("validTo"))),
            created_at=native(row["createdAt"]), captured_by=row["capturedBy"], updated_at=native(row["updatedAt"]),
            updated_by=row["updatedBy"], closed_at=native(row.get("closedAt")),
        )


async def retrieve_lead(db: Database, lead_id: str, field: str = "leadId") -> Lead:
    """BIAN Retrieve: one read transaction, one round trip; NOT_FOUND for an unknown lead."""
    return Lead.from_record(await leads.retrieve_lead(db, lead_id, field))
