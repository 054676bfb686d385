"""Product matching through the graph (docs/product-matching.md): products the customer's household,
related parties and segment peers hold that the customer lacks and may have, ranked with the
reasons; and turnSuggestionIntoLead, which captures a suggestion as a lead.

One statement answers a customer's suggestions (`matching_product_suggestions.cypher`). Eligibility
is the Lead evaluation's (evaluate_lead.cypher) restated for every product at once. Who holds a
product is named to relationship managers and admins only; other readers see counts. The mutation
runs Lead and Opportunity Management's capture (lead_capture.capture_lead) in the same write
transaction that re-checks the suggestion under the customer's lock.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Any

import strawberry
from neo4j.exceptions import ConstraintError

from domains import idempotency
from gateway.security.auth import Principal, Role, allow
from gateway.security.book import require_reach_for
from graph.database import Record, Transaction
from graph.errors import Conflict, NotFound, ValidationFailed
from graph.queries import load
from resolvers.context import Info
from resolvers.lead_and_opportunity_management.evaluation import sales_block_names
from resolvers.lead_and_opportunity_management.lead_capture import (
    DEFAULT_PRIORITY,
    LEAD_LOCK_CUSTOMER,
    LeadInitiation,
    Request,
    capture_lead,
)
from resolvers.lead_and_opportunity_management.lead_model import retrieve_lead
from resolvers.lead_and_opportunity_management.lead_triggers import OPEN
from resolvers.lead_and_opportunity_management.vocabulary import LeadSource

__all__ = ["ProductMatchingMutation", "ProductMatchingQuery", "ProductSuggestion", "ProductSuggestions"]

SUGGESTIONS = load("customer_relationship_management/matching_product_suggestions")
LEAD_BY_KEY = load("customer_relationship_management/matching_lead_by_idempotency_key")

MAX_LIMIT = 50
HOUSEHOLD_POINTS = 3
RELATED_PARTY_POINTS = 2
SEGMENT_SHARE_POINTS = 10
# Segment share is measured on at most this many peers, so a request's cost does not grow with the bank.
PEER_SAMPLE = 1000
NAME_READERS = frozenset({Role.RELATIONSHIP_MANAGER, Role.ADMIN})


@strawberry.enum(description="Where a product suggestion comes from in the customer's network.")
class SuggestionSource(enum.Enum):
    HOUSEHOLD = strawberry.enum_value(
        "HOUSEHOLD", description="Members of a household the customer belongs to hold it (3 points each).")
    RELATED_PARTY = strawberry.enum_value(
        "RELATED_PARTY", description="Parties related to the customer (RELATED_TO, either way) hold it (2 points each).")
    SEGMENT_PEERS = strawberry.enum_value(
        "SEGMENT_PEERS", description="Customers of the same segment hold it (10 x its share among the segment, "
                                     "measured on at most 1000 customers of the segment).")


@strawberry.type(description="One reason a product is suggested: a source, how many hold it there and the points.")
class SuggestionReason:
    source: SuggestionSource = strawberry.field(description="Where in the customer's network it is held.")
    holders: int = strawberry.field(description="How many customers of that source hold it (ACTIVE).")
    points: float = strawberry.field(description="The points this reason adds to the suggestion's score.")
    holder_ids: list[strawberry.ID] | None = strawberry.field(
        description="Who holds it (customer ids): relationship managers and admins only; null for other readers. "
                    "Segment peers are never named.")
    detail: str = strawberry.field(
        description="The reason in words, e.g. 'held by 2 household members: C0000002, C0000003' (counts only "
                    "for readers who may not see names).")


@strawberry.type(description="A product the customer lacks and may have, held around the customer.")
class ProductSuggestion:
    product_id: strawberry.ID = strawberry.field(description="The product suggested.")
    product_name: str | None = strawberry.field(description="The product's name.")
    product_family: str | None = strawberry.field(description="The product's family, e.g. DEPOSITS.")
    score: float = strawberry.field(description="The sum of the reasons' points, rounded to 2 decimals; ranks "
                                                "suggestions (highest first, then by productId).")
    reasons: list[SuggestionReason] = strawberry.field(
        description="Each source where it is held, in the order HOUSEHOLD, RELATED_PARTY, SEGMENT_PEERS.")
    explanation: str = strawberry.field(description="The reasons in one sentence.")


@strawberry.type(description="The products suggested to a customer, or why none may be.")
class ProductSuggestions:
    customer_id: strawberry.ID = strawberry.field(description="The customer.")
    sales_blocked: bool = strawberry.field(
        description="True when no product may be suggested: the customer is not ACTIVE, or an indicator that "
                    "blocks sales is current.")
    blocked_because: str | None = strawberry.field(
        description="Why sales are blocked (a confidential indicator type is named only to those who may see it).")
    suggestions: list[ProductSuggestion] = strawberry.field(
        description="The suggestions, best first; products with an open lead for the customer are left out.")


def _reasons(s: Record, named: bool) -> list[SuggestionReason]:
    reasons = []
    household: list[str] = s["householdHolders"]
    if household:
        count = len(household)
        who = f": {', '.join(household)}" if named else ""
        reasons.append(SuggestionReason(
            source=SuggestionSource.HOUSEHOLD, holders=count, points=float(HOUSEHOLD_POINTS * count),
            holder_ids=[strawberry.ID(h) for h in household] if named else None,
            detail=f"held by {count} household member{'s' if count > 1 else ''}{who}"))
    related: list[dict[str, Any]] = s["relatedHolders"]
    if related:
        count = len(related)
        who = ": " + ", ".join(f"{r['customerId']} ({', '.join(sorted(r['kinds']))})" for r in related) if named else ""
        reasons.append(SuggestionReason(
            source=SuggestionSource.RELATED_PARTY, holders=count, points=float(RELATED_PARTY_POINTS * count),
            holder_ids=[strawberry.ID(r["customerId"]) for r in related] if named else None,
            detail=f"held by {count} related part{'ies' if count > 1 else 'y'}{who}"))
    if s["segmentHolders"]:
        share = s["segmentShare"]
        reasons.append(SuggestionReason(
            source=SuggestionSource.SEGMENT_PEERS, holders=s["segmentHolders"],
            points=round(SEGMENT_SHARE_POINTS * share, 2), holder_ids=None,
            detail=f"held by {s['segmentHolders']} of the {s['segmentSize']} customers of the segment "
                   f"({share:.1%})"))
    return reasons


def suggestion(s: Record, named: bool) -> ProductSuggestion:
    reasons = _reasons(s, named)
    return ProductSuggestion(
        product_id=strawberry.ID(s["productId"]), product_name=s["name"], product_family=s["family"],
        score=float(s["score"]), reasons=reasons, explanation="; ".join(r.detail for r in reasons))


def _blocked_because(row: Record, trusted: bool) -> str | None:
    if row["customerStatus"] != "ACTIVE":
        return f"customer {row['customerId']} is {row['customerStatus']}; only ACTIVE customers are sold to"
    if row["blocks"]:
        return f"sales are blocked by {sales_block_names(row, trusted)}"
    return None


def _parameters(customer_id: str, limit: int | None, product_id: str | None = None) -> dict[str, Any]:
    # One map: limit and productId may be null (one cached plan whatever their types).
    return {"customerId": customer_id, "at": datetime.datetime.now(datetime.UTC), "limit": limit,
            "productId": product_id, "includeOpenLeads": product_id is not None, "openStatuses": OPEN,
            "peerSample": PEER_SAMPLE}


def _customer_not_found(customer_id: str, field: str) -> NotFound:
    return NotFound(f"no customer '{customer_id}'", field=field)


def _names(info: Info) -> bool:
    principal: Principal = info.context.caller
    return principal.has_any(NAME_READERS)


async def _suggested(tx: Transaction, customer_id: str, product_id: str) -> str:
    """The lead description for the product's suggestion; NOT_FOUND / CONFLICT when it is none."""
    rows = await tx.run(SUGGESTIONS, q=_parameters(customer_id, 1, product_id))
    if not rows:
        raise _customer_not_found(customer_id, "customerId")
    row = rows[0]
    if not row["productExists"]:
        raise NotFound(f"no product '{product_id}'", field="productId")
    blocked = _blocked_because(row, trusted=False)
    if blocked is not None:
        raise Conflict(f"{product_id} cannot be suggested to {customer_id}: {blocked}", field="productId")
    if not row["suggestions"]:
        raise Conflict(f"{product_id} is not (or no longer) a suggestion for {customer_id}: nobody around the "
                       "customer holds it, or the customer holds it, is not eligible for it (segment, credit "
                       "rating); see productSuggestions", field="productId")
    # Counts only: the lead's description is read by every lead reader.
    return f"Product matching suggestion: {suggestion(row['suggestions'][0], named=False).explanation}"


async def _turn(tx: Transaction, customer_id: str, product_id: str, key: str | None, by: str) -> tuple[str, bool, bool]:
    """(leadId, replayed, duplicate): lock the customer, re-check the suggestion, then capture."""
    await tx.run(LEAD_LOCK_CUSTOMER, customerId=customer_id)
    prior = await tx.run(LEAD_BY_KEY, key=key) if key is not None else []
    # A retry rebuilds the first request (its description) so capture replays it or finds a mismatch.
    description = prior[0]["description"] if prior else await _suggested(tx, customer_id, product_id)
    request = Request(
        customer_id=customer_id, product_id=product_id, campaign_id=None, campaign_type=None, campaign_version=None,
        product_type=None, instance_id=None, unit=None, description=description, date_time_location=None,
        source=LeadSource.MANUAL, priority=DEFAULT_PRIORITY, owner_id=None, event_id=None, allocation_id=None,
        key=key, by=by)
    return await capture_lead(tx, request)


CustomerId = Annotated[strawberry.ID, strawberry.argument(description="The customer (customerId).")]


@strawberry.type
class ProductMatchingQuery:
    @strawberry.field(
        description="Products the customer's household members, related parties and same-segment peers hold "
                    "(ACTIVE) that the customer lacks and may have (the Lead evaluation's rules: suitable for the "
                    "segment, credit rating at or above the product's minimum, no sales block, customer ACTIVE), "
                    "without those the customer has an open lead for; ranked by score with the reasons. Holders "
                    "are named to relationship managers and admins only. One round trip.",
        extensions=allow(Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ANALYST, Role.ADMIN),
    )
    async def product_suggestions(
        self, info: Info, customer_id: CustomerId,
        limit: Annotated[int, strawberry.argument(description="At most this many suggestions, 1 to 50.")] = 10,
    ) -> ProductSuggestions:
        if not 1 <= limit <= MAX_LIMIT:
            raise ValidationFailed(f"limit {limit} is out of range; 1 to {MAX_LIMIT}", field="limit")
        await require_reach_for(info, "customerId", f"customer '{customer_id}'", customerId=str(customer_id))
        rows = await info.context.db.read(SUGGESTIONS, q=_parameters(str(customer_id), limit))
        if not rows:
            raise _customer_not_found(str(customer_id), "customerId")
        row, named = rows[0], _names(info)
        blocked = _blocked_because(row, info.context.caller.sees_confidential)
        return ProductSuggestions(
            customer_id=customer_id, sales_blocked=blocked is not None, blocked_because=blocked,
            suggestions=[suggestion(s, named) for s in row["suggestions"]])


@strawberry.type
class ProductMatchingMutation:
    @strawberry.mutation(
        description="Turns a product suggestion into a lead through Lead and Opportunity Management's capture "
                    "(source MANUAL, CROSS_SELL, the suggestion's reasons as its description, owner by the "
                    "assignment rules). CONFLICT when the product is not (or no longer) a suggestion for the "
                    "customer; an open lead for it is answered as a duplicate. A repeated idempotencyKey returns "
                    "the first lead (replayed).",
        extensions=allow(Role.RELATIONSHIP_MANAGER, Role.ADMIN),
    )
    async def turn_suggestion_into_lead(
        self, info: Info, customer_id: CustomerId,
        product_id: Annotated[strawberry.ID, strawberry.argument(description="The suggested product.")],
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="Makes a retry safe: a repeat returns the first lead (replayed) and writes nothing; "
                        "1 to 128 characters.")] = None,
    ) -> LeadInitiation:
        key = idempotency.key(idempotency_key, "idempotencyKey")
        await require_reach_for(info, "customerId", f"customer '{customer_id}'", customerId=str(customer_id))
        customer, product, by, db = str(customer_id), str(product_id), info.context.caller.subject, info.context.db
        try:
            lead_id, replayed, duplicate = await db.transact(lambda tx: _turn(tx, customer, product, key, by))
        except ConstraintError:
            if key is None:
                raise
            # A concurrent request with the same key committed first: its answer.
            lead_id, replayed, duplicate = await db.transact(lambda tx: _turn(tx, customer, product, key, by))
        return LeadInitiation(lead=await retrieve_lead(db, lead_id), replayed=replayed, duplicate=duplicate)
