"""BIAN Initiate of the LeadandOpportunityProcedure: capture a lead (docs/lead-and-opportunity.md,
"The procedure"). `Request` is the lead asked for, in the procedure's terms; `checked` applies the
input rules to it, `initiate` captures it.

One write transaction: lock the customer (concurrent captures for one customer queue up), read
what must be checked, then either answer with the customer's open lead for the product
(`duplicate`), or create the lead with its owner (named, or chosen by `assignment.assign`), raise
SALES_PROSPECT on the routing profile and log LEAD_CAPTURED. An idempotency key is stored on the
lead under the lead_idempotency_key constraint: a retry returns the first lead (`replayed`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

from neo4j.exceptions import ConstraintError

from domains import idempotency
from domains.found import present, unknown
from domains.inputs import text
from domains.lead_and_opportunity_management.assignment import assign
from domains.lead_and_opportunity_management.scoring import classify, score, score_basis
from domains.lead_and_opportunity_management.triggers import log_step, raise_prospect
from domains.lead_and_opportunity_management.vocabulary import OPEN, PRIORITIES, CampaignType, LeadSource, LeadStatus
from graph.database import Database, Record, Transaction
from graph.errors import ValidationFailed
from graph.queries import load
from graph.temporal import native

LEAD_LOCK_CUSTOMER = load("lead_and_opportunity_management/lead_lock_customer")
LEAD_CAPTURE_CONTEXT = load("lead_and_opportunity_management/lead_capture_context")
LEAD_CREATE = load("lead_and_opportunity_management/lead_create")

DESCRIPTION_LENGTH = 2000
SHORT_LENGTH = 200
DEFAULT_PRIORITY = 3


@dataclass(frozen=True)
class Request:
    """The lead asked for; `checked` normalises it (so its fingerprint ignores spelling)."""

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


def checked(r: Request) -> Request:
    """`r` with its texts stripped and within their limits, or VALIDATION naming the input field."""
    if r.priority not in PRIORITIES:
        raise ValidationFailed(f"priority {r.priority} is out of range; 1 (least urgent) to 5 (most)",
                               field="input.priority")
    if r.campaign_version is not None and r.campaign_version < 1:
        raise ValidationFailed("campaignVersion starts at 1", field="input.campaignVersion")
    return replace(
        r, product_type=text(r.product_type, "input.productType", SHORT_LENGTH, required=False),
        unit=text(r.unit, "input.employeeBusinessUnitReference", SHORT_LENGTH, required=False),
        description=text(r.description, "input.description", DESCRIPTION_LENGTH, required=False),
        date_time_location=text(r.date_time_location, "input.dateTimeLocation", SHORT_LENGTH, required=False),
        key=idempotency.key(r.key, "idempotencyKey"))


def _check_references(r: Request, ctx: Record) -> None:
    """NOT_FOUND for what the input names but the graph lacks; VALIDATION for an origin of another customer."""
    present(ctx["customer"], "customer", r.customer_id, "input.customerId")
    present(ctx["product"], "product", r.product_id, "input.productId")
    if r.campaign_id is not None:
        present(ctx["campaign"], "campaign", r.campaign_id, "input.campaignId")
    if r.owner_id is not None and not ctx["ownerExists"]:
        raise unknown("servicing resource", r.owner_id, "input.ownerId")
    for name, noun, column, wanted in (("originatedFromEventId", "event", "eventCustomerId", r.event_id),
                                       ("originatedFromAllocationId", "allocation", "allocationCustomerId",
                                        r.allocation_id)):
        if wanted is None:
            continue
        if present(ctx[column], noun, wanted, f"input.{name}") != r.customer_id:
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
    owner = r.owner_id if assignment is None else assignment.resource.resource_id
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
                       f"{assignment.reason}", r.by, result=assignment.preference, resource_id=owner)
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


async def initiate(db: Database, r: Request) -> tuple[str, bool, bool]:
    """Captures the lead `r` asks for, checked, in one write transaction: (leadId, replayed, duplicate)."""
    r = checked(r)
    try:
        return await db.transact(lambda tx: capture_lead(tx, r))
    except ConstraintError:
        if r.key is None:
            raise
        # A concurrent request with the same key (for another customer) committed first: its answer.
        return await db.transact(lambda tx: capture_lead(tx, r))
