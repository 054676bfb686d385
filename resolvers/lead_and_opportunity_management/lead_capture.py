"""BIAN Initiate of the LeadandOpportunityProcedure as the schema shows it: the input, the answer
and the resolver's work (input → domains/lead_and_opportunity_management/capture.Request, once).
Capture's rules are in that module; Customer Relationship Management's turnSuggestionIntoLead
captures through it too (`Request`, `capture_lead`, re-exported here for its imports).
"""

from __future__ import annotations

import strawberry

from domains.lead_and_opportunity_management import capture
from domains.lead_and_opportunity_management.capture import (
    DEFAULT_PRIORITY,
    Request,
)
from resolvers.context import Info
from resolvers.lead_and_opportunity_management.lead_model import Lead, retrieve_lead
from resolvers.lead_and_opportunity_management.vocabulary import CampaignType, LeadSource

__all__ = ["InitiateLeadInput", "LeadInitiation", "initiate"]


@strawberry.input(description="A lead to capture (BIAN Initiate LeadandOpportunityProcedure), with the extensions.")
class InitiateLeadInput:
    customer_id: strawberry.ID = strawberry.field(description="BIAN CustomerReference: the customer; must exist.")
    product_id: strawberry.ID = strawberry.field(description="The product of interest; must exist.")
    campaign_id: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN CustomerCampaignReference: the campaign it responds to; must exist.")
    campaign_type: CampaignType | None = strawberry.field(
        default=None, description="BIAN CustomerCampaignType (default: the campaign's type; without a campaign, "
                                  "UP_SELL when productInstanceReference is given, else CROSS_SELL). With a campaign "
                                  "it must be the campaign's type.")
    campaign_version: int | None = strawberry.field(
        default=None, description="BIAN CustomerCampaignVersionNumber (default: the campaign's version).")
    product_type: str | None = strawberry.field(
        default=None, description="BIAN ProductandServiceType (default: the product's family).")
    product_instance_reference: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN ProductInstanceReference: for an UP_SELL (and only then), the productId of a "
                                  "product the customer holds (an ACTIVE holding).")
    employee_business_unit_reference: str | None = strawberry.field(
        default=None, description="BIAN EmployeeBusinessUnitReference: the employee or unit capturing it.")
    description: str | None = strawberry.field(
        default=None, description="BIAN LeadandOpportunityDescription, at most 2000 characters.")
    date_time_location: str | None = strawberry.field(
        default=None, description="BIAN DateTimeLocation: when and where it arose, at most 200 characters.")
    source: LeadSource | None = strawberry.field(
        default=None, description="How it came about (default: SERVICING_INTERACTION from an allocation, EVENT from "
                                  "an event, CAMPAIGN with a campaign, else MANUAL).")
    priority: int = strawberry.field(default=DEFAULT_PRIORITY, description="1 the least urgent .. 5 the most; default 3.")
    owner_id: strawberry.ID | None = strawberry.field(
        default=None, description="The servicing resource to own it (must exist); default: the assignment rules "
                                  "(the customer's RM, else the best-suited sales resource).")
    originated_from_event_id: strawberry.ID | None = strawberry.field(
        default=None, description="The customer event it was spotted in; must be this customer's.")
    originated_from_allocation_id: strawberry.ID | None = strawberry.field(
        default=None, description="The Contact Routing allocation (servicing contact) it was spotted in; must be "
                                  "this customer's.")


@strawberry.type(description="The answer to initiateLead: the lead, and whether it is new.")
class LeadInitiation:
    lead: Lead = strawberry.field(description="The lead captured, or the open one that already existed.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key was used before: the first request's lead, as it is now.")
    duplicate: bool = strawberry.field(
        description="True when the customer already had an open lead for the product: that lead, nothing created.")


def _id(value: strawberry.ID | None) -> str | None:
    return None if value is None else str(value)


def request(input: InitiateLeadInput, key: str | None, by: str) -> Request:
    """The lead the input asks for, in the procedure's terms (capture.checked checks it)."""
    return Request(
        customer_id=str(input.customer_id), product_id=str(input.product_id), campaign_id=_id(input.campaign_id),
        campaign_type=input.campaign_type, campaign_version=input.campaign_version, product_type=input.product_type,
        instance_id=_id(input.product_instance_reference), unit=input.employee_business_unit_reference,
        description=input.description, date_time_location=input.date_time_location, source=input.source,
        priority=input.priority, owner_id=_id(input.owner_id), event_id=_id(input.originated_from_event_id),
        allocation_id=_id(input.originated_from_allocation_id), key=key, by=by)


async def initiate(info: Info, input: InitiateLeadInput, idempotency_key: str | None) -> LeadInitiation:
    db = info.context.db
    lead_id, replayed, duplicate = await capture.initiate(db, request(input, idempotency_key,
                                                                      info.context.caller.subject))
    # Read after the commit, as Retrieve answers (the bookmark makes the read see it).
    return LeadInitiation(lead=await retrieve_lead(db, lead_id), replayed=replayed, duplicate=duplicate)
