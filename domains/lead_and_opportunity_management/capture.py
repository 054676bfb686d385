"""BIAN Initiate of the LeadandOpportunityProcedure: capture a lead (docs/lead-and-opportunity.md,
"The procedure").

One write transaction: lock the customer (concurrent captures for one customer queue up), read
what must be checked, then either answer with the customer's open lead for the product
(`duplicate`), or create the lead with its owner (named, or chosen by `assignment.assign`), raise
SALES_PROSPECT on the routing profile and log LEAD_CAPTURED. An idempotency key is stored on the
lead under the lead_idempotency_key constraint: a retry returns the first lead (`replayed`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import strawberry
from neo4j.exceptions import ConstraintError

from domains import idempotency
from domains.inputs import text
from graph.database import Record, Transaction
from graph.errors import NotFound, ValidationFailed
from graph.queries import load
from graph.temporal import native
from resolvers.context import Info
from resolvers.lead_and_opportunity_management.assignment import assign
from resolvers.lead_and_opportunity_management.lead_model import Lead, retrieve_lead
from resolvers.lead_and_opportunity_management.lead_scoring import classify, score, score_basis
from resolvers.lead_and_opportunity_management.lead_triggers import OPEN, log_step, raise_prospect
from resolvers.lead_and_opportunity_management.vocabulary import PRIORITIES, CampaignType, LeadSource, LeadStatus

LEAD_LOCK_CUSTOMER = load("lead_and_opportunity_management/lead_lock_customer")
LEAD_CAPTURE_CONTEXT = load("lead_and_opportunity_management/lead_capture_context")
LEAD_CREATE = load("lead_and_opportunity_management/lead_create")

DESCRIPTION_LENGTH = 2000
SHORT_LENGTH = 200
DEFAULT_PRIORITY = 3


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


@dataclass(frozen=True)
class Request:
    """The input, checked in Python and normalised (so its fingerprint ignores spelling)."""

    customer_id: str
    product_id: str
    campaign_id: str | None
    campaign_type: CampaignType | None
    campaign_version: int | None
    product_type: str | None
    instance_id: str | None
    unit: str | None
    description: str | None
    date_time_location: str | None
    source: LeadSource | None
    priority: int
    owner_id: str | None
    event_id: str | None
    allocation_id: str | None
    key: str | None
    by: str

    def context_parameters(self) -> dict[str, Any]:
        return {"customerId": self.customer_id, "productId": self.product_id, "campaignId": self.campaign_id,
                "ownerId": self.owner_id, "productInstanceReference": self.instance_id,
                "originatedFromEventId": self.event_id, "originatedFromAllocationId": self.allocation_id,
                "idempotencyKey": self.key, "openStatuses": OPEN}

    @property
    def fingerprint(self) -> str:
        return idempotency.fingerprint("initiateLead", {k: v for k, v in vars(self).items() if k != "key"})


def _id(value: strawberry.ID | None) -> str | None:
    return None if value is None else str(value)


def request(input: InitiateLeadInput, key: str | None, by: str) -> Request:
    if input.priority not in PRIORITIES:
        raise ValidationFailed(f"priority {input.priority} is out of range; 1 (least urgent) to 5 (most)",
                               field="input.priority")
    if input.campaign_version is not None and input.campaign_version < 1:
        raise ValidationFailed("campaignVersion starts at 1", field="input.campaignVersion")
    return Request(
        customer_id=str(input.customer_id), product_id=str(input.product_id), campaign_id=_id(input.campaign_id),
        campaign_type=input.campaign_type, campaign_version=input.campaign_version,
        product_type=text(input.product_type, "input.productType", SHORT_LENGTH, required=False),
        instance_id=_id(input.product_instance_reference),
        unit=text(input.employee_business_unit_reference, "input.employeeBusinessUnitReference", SHORT_LENGTH,
                  required=False),
        description=text(input.description, "input.description", DESCRIPTION_LENGTH, required=False),
        date_time_location=text(input.date_time_location, "input.dateTimeLocation", SHORT_LENGTH, required=False),
        source=input.source, priority=input.priority, owner_id=_id(input.owner_id),
        event_id=_id(input.originated_from_event_id), allocation_id=_id(input.originated_from_allocation_id),
        key=idempotency.key(key, "idempotencyKey"), by=by)


def _check_references(r: Request, ctx: Record) -> None:
    """NOT_FOUND for what the input names but the graph lacks; VALIDATION for an origin of another customer."""
    if ctx["customer"] is None:
        raise NotFound(f"no customer '{r.customer_id}'", field="input.customerId")
    if ctx["product"] is None:
        raise NotFound(f"no product '{r.product_id}'", field="input.productId")
    if r.campaign_id is not None and ctx["campaign"] is None:
        raise NotFound(f"no campaign '{r.campaign_id}'", field="input.campaignId")
    if r.owner_id is not None and not ctx["ownerExists"]:
        raise NotFound(f"no servicing resource '{r.owner_id}'", field="input.ownerId")
    for name, noun, column, wanted in (("originatedFromEventId", "event", "eventCustomerId", r.event_id),
                                       ("originatedFromAllocationId", "allocation", "allocationCustomerId",
                                        r.allocation_id)):
        if wanted is None:
            continue
        if ctx[column] is None:
            raise NotFound(f"no {noun} '{wanted}'", field=f"input.{name}")
        if ctx[column] != r.customer_id:
            raise ValidationFailed(f"{noun} '{wanted}' belongs to another customer, not {r.customer_id}",
                                   field=f"input.{name}")


def _campaign_type(r: Request, ctx: Record) -> CampaignType:
    """The lead's campaign type, and the up-sell rule: a product instance exactly for an UP_SELL."""
    campaign = ctx["campaign"]
    campaign_type = CampaignType(campaign["type"]) if campaign is not None else None
    if r.campaign_type is not None and campaign_type is not None and r.campaign_type is not campaign_type:
        raise ValidationFailed(f"campaign '{r.campaign_id}' is a {campaign_type.name} campaign; leave campaignType "
                               f"out or give {campaign_type.name}", field="input.campaignType")
    chosen = r.campaign_type or campaign_type or (CampaignType.UP_SELL if r.instance_id else CampaignType.CROSS_SELL)
    if chosen is CampaignType.UP_SELL and r.instance_id is None:
        raise ValidationFailed("an UP_SELL names the held product it up-sells in productInstanceReference",
                               field="input.productInstanceReference")
    if chosen is not CampaignType.UP_SELL and r.instance_id is not None:
        raise ValidationFailed(f"productInstanceReference is only for an UP_SELL; this lead is {chosen.name}",
                               field="input.productInstanceReference")
    if r.instance_id is not None and not ctx["customer"]["holdsInstance"]:
        raise ValidationFailed(f"customer {r.customer_id} holds no product '{r.instance_id}' to up-sell "
                               "(only ACTIVE holdings count)", field="input.productInstanceReference")
    return chosen


def _source(r: Request) -> LeadSource:
    if r.source is not None:
        return r.source
    if r.allocation_id is not None:
        return LeadSource.SERVICING_INTERACTION
    if r.event_id is not None:
        return LeadSource.EVENT
    return LeadSource.CAMPAIGN if r.campaign_id is not None else LeadSource.MANUAL


def _properties(r: Request, ctx: Record, lead_id: str, campaign_type: CampaignType, source: LeadSource,
                now: Any) -> dict[str, Any]:
    customer, campaign = ctx["customer"], ctx["campaign"]
    basis = score_basis(source, customer["valueTier"], customer["managed"])
    points = score(r.priority, basis)
    return {
        "leadId": lead_id, "status": LeadStatus.CAPTURED.name, "campaignType": campaign_type.name,
        "campaignVersion": r.campaign_version if r.campaign_version is not None else (campaign or {}).get("version"),
        "productType": r.product_type or ctx["product"]["family"], "productInstanceReference": r.instance_id,
        "employeeBusinessUnitReference": r.unit, "description": r.description, "dateTimeLocation": r.date_time_location,
        "source": source.name, "priority": r.priority, "suspended": False, "scoreBasis": basis, "score": points,
        "classification": classify(points).name, "createdAt": now, "updatedAt": now, "capturedBy": r.by,
        "updatedBy": r.by, "idempotencyKey": r.key, "fingerprint": None if r.key is None else r.fingerprint,
    }


async def _create(tx: Transaction, r: Request, ctx: Record, campaign_type: CampaignType) -> str:
    lead_id, now, source = f"LD-{uuid.uuid4()}", ctx["now"], _source(r)
    properties = _properties(r, ctx, lead_id, campaign_type, source, now)
    assignment = None
    if r.owner_id is None:
        assignment = await assign(tx, r.customer_id, r.product_id, native(now))
        properties["assignment"] = None if assignment is None else assignment.to_json()
        properties["assignedAt"] = None if assignment is None else now
    owner = r.owner_id if assignment is None else str(assignment.resource.resource_id)
    await tx.run(LEAD_CREATE, lead={
        "customerId": r.customer_id, "productId": r.product_id, "campaignId": r.campaign_id,
        "upsellsProductId": r.instance_id, "originatedFromEventId": r.event_id,
        "originatedFromAllocationId": r.allocation_id, "ownerId": owner, "properties": properties})
    await raise_prospect(tx, r.customer_id, lead_id, r.product_id, r.by)
    await log_step(tx, r.customer_id, lead_id, "LEAD_CAPTURED",
                   f"{campaign_type.name} lead for {r.product_id} captured ({source.name}, priority {r.priority}, "
                   f"{properties['classification']})", r.by, result=LeadStatus.CAPTURED.name, resource_id=owner)
    if assignment is not None:
        await log_step(tx, r.customer_id, lead_id, "LEAD_ASSIGNED", f"lead {lead_id} assigned to {owner}: "
                       f"{assignment.reason}", r.by, result=assignment.preference.name, resource_id=owner)
    return lead_id


async def capture_lead(tx: Transaction, r: Request) -> tuple[str, bool, bool]:
    """Captures the lead `r` asks for in the caller's write transaction, customer locked first:
    (leadId, replayed, duplicate). initiateLead and turnSuggestionIntoLead both capture here."""
    await tx.run(LEAD_LOCK_CUSTOMER, customerId=r.customer_id)
    [ctx] = await tx.run(LEAD_CAPTURE_CONTEXT, input=r.context_parameters())
    if r.key is not None and ctx["prior"] is not None:
        idempotency.replay(ctx["prior"]["fingerprint"], r.fingerprint, r.key, "idempotencyKey")
        return ctx["prior"]["leadId"], True, False
    _check_references(r, ctx)
    campaign_type = _campaign_type(r, ctx)
    if ctx["customer"]["openLeadId"] is not None:
        return ctx["customer"]["openLeadId"], False, True
    return await _create(tx, r, ctx, campaign_type), False, False


async def initiate(info: Info, input: InitiateLeadInput, idempotency_key: str | None) -> LeadInitiation:
    r = request(input, idempotency_key, info.context.caller.subject)
    db = info.context.db
    try:
        lead_id, replayed, duplicate = await db.transact(lambda tx: capture_lead(tx, r))
    except ConstraintError:
        if r.key is None:
            raise
        # A concurrent request with the same key (for another customer) committed first: its answer.
        lead_id, replayed, duplicate = await db.transact(lambda tx: capture_lead(tx, r))
    # Read after the commit, as Retrieve answers (the bookmark makes the read see it).
    return LeadInitiation(lead=await retrieve_lead(db, lead_id), replayed=replayed, duplicate=duplicate)
