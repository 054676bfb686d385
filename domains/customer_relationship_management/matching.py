"""Product matching through the graph (docs/product-matching.md): products the customer's household,
related parties and segment peers hold that the customer lacks and may have, ranked with the
reasons; and a suggestion turned into a lead.

One statement answers a customer's suggestions (`matching_product_suggestions.cypher`). Eligibility
is the Lead evaluation's (evaluate_lead.cypher) restated for every product at once. Who holds a
product is named to relationship managers and admins only; other readers see counts. Turning a
suggestion into a lead runs Lead and Opportunity Management's capture (lead_capture.capture_lead) in
the same write transaction that re-checks the suggestion under the customer's lock.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import ConstraintError

from domains import idempotency
from domains.found import unknown
from domains.lead_and_opportunity_management.capture import DEFAULT_PRIORITY, LEAD_LOCK_CUSTOMER, Request, capture_lead
from domains.lead_and_opportunity_management.evaluation import sales_block_names
from domains.lead_and_opportunity_management.vocabulary import OPEN, LeadSource
from gateway.security.auth import Principal, Role
from gateway.security.book import require_reach
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, ValidationFailed
from graph.queries import load

SUGGESTIONS = load("customer_relationship_management/matching_product_suggestions")
LEAD_BY_KEY = load("customer_relationship_management/matching_lead_by_idempotency_key")

MAX_LIMIT = 50
HOUSEHOLD_POINTS = 3
RELATED_PARTY_POINTS = 2
SEGMENT_SHARE_POINTS = 10
# Segment share is measured on at most this many peers, so a request's cost does not grow with the bank.
PEER_SAMPLE = 1000
NAME_READERS = frozenset({Role.RELATIONSHIP_MANAGER, Role.ADMIN})


class SuggestionSource(enum.Enum):
    """Where a product suggestion comes from in the customer's network."""

    HOUSEHOLD = "HOUSEHOLD"
    RELATED_PARTY = "RELATED_PARTY"
    SEGMENT_PEERS = "SEGMENT_PEERS"


@dataclass(frozen=True)
class Reason:
    """One reason a product is suggested: a source, how many hold it there, the points, who (when named)."""

    source: SuggestionSource
    holders: int
    points: float
    holder_ids: list[str] | None
    detail: str


@dataclass(frozen=True)
class Suggestion:
    """A product the customer lacks and may have, with its score and reasons."""

    product_id: str
    product_name: str | None
    product_family: str | None
    score: float
    reasons: list[Reason]

    @property
    def explanation(self) -> str:
        return "; ".join(r.detail for r in self.reasons)


@dataclass(frozen=True)
class Suggestions:
    """The customer's suggestions, best first, or why none may be (`blocked_because`)."""

    customer_id: str
    blocked_because: str | None
    suggestions: list[Suggestion]


def _reasons(s: Record, named: bool) -> list[Reason]:
    reasons = []
    household: list[str] = s["householdHolders"]
    if household:
        count = len(household)
        who = f": {', '.join(household)}" if named else ""
        reasons.append(Reason(
            source=SuggestionSource.HOUSEHOLD, holders=count, points=float(HOUSEHOLD_POINTS * count),
            holder_ids=list(household) if named else None,
            detail=f"held by {count} household member{'s' if count > 1 else ''}{who}"))
    related: list[dict[str, Any]] = s["relatedHolders"]
    if related:
        count = len(related)
        who = ": " + ", ".join(f"{r['customerId']} ({', '.join(sorted(r['kinds']))})" for r in related) if named else ""
        reasons.append(Reason(
            source=SuggestionSource.RELATED_PARTY, holders=count, points=float(RELATED_PARTY_POINTS * count),
            holder_ids=[r["customerId"] for r in related] if named else None,
            detail=f"held by {count} related part{'ies' if count > 1 else 'y'}{who}"))
    if s["segmentHolders"]:
        share = s["segmentShare"]
        reasons.append(Reason(
            source=SuggestionSource.SEGMENT_PEERS, holders=s["segmentHolders"],
            points=round(SEGMENT_SHARE_POINTS * share, 2), holder_ids=None,
            detail=f"held by {s['segmentHolders']} of the {s['segmentSize']} customers of the segment "
                   f"({share:.1%})"))
    return reasons


def suggestion(s: Record, named: bool) -> Suggestion:
    return Suggestion(product_id=s["productId"], product_name=s["name"], product_family=s["family"],
                      score=float(s["score"]), reasons=_reasons(s, named))


def _blocked_because(row: Record, trusted: bool) -> str | None:
    if row["customerStatus"] != "ACTIVE":
        return f"customer {row['customerId']} is {row['customerStatus']}; only ACTIVE customers are sold to"
    if row["blocks"]:
        return f"sales are blocked by {sales_block_names(row, trusted)}"
    return None


def parameters(customer_id: str, limit: int | None, product_id: str | None = None) -> dict[str, Any]:
    # One map: limit and productId may be null (one cached plan whatever their types).
    return {"customerId": customer_id, "at": datetime.datetime.now(datetime.UTC), "limit": limit,
            "productId": product_id, "includeOpenLeads": product_id is not None, "openStatuses": OPEN,
            "peerSample": PEER_SAMPLE}


async def _reach(db: Database, who: Principal, customer_id: str) -> None:
    await require_reach(db, who, "customerId", f"customer has the id {customer_id}", customerId=customer_id)


async def product_suggestions(db: Database, who: Principal, customer_id: str, limit: int) -> Suggestions:
    """The customer's suggestions; holders named to NAME_READERS only, confidential blocks to those who may see them."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed(f"limit {limit} is out of range; 1 to {MAX_LIMIT}", field="limit")
    await _reach(db, who, customer_id)
    rows = await db.read(SUGGESTIONS, q=parameters(customer_id, limit))
    if not rows:
        raise unknown("customer", customer_id, "customerId")
    row, named = rows[0], who.has_any(NAME_READERS)
    return Suggestions(customer_id=customer_id, blocked_because=_blocked_because(row, who.sees_confidential),
                       suggestions=[suggestion(s, named) for s in row["suggestions"]])


async def _suggested(tx: Transaction, customer_id: str, product_id: str) -> str:
    """The lead description for the product's suggestion; NOT_FOUND / CONFLICT when it is none."""
    rows = await tx.run(SUGGESTIONS, q=parameters(customer_id, 1, product_id))
    if not rows:
        raise unknown("customer", customer_id, "customerId")
    row = rows[0]
    if not row["productExists"]:
        raise unknown("product", product_id, "productId")
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


async def turn_suggestion_into_lead(db: Database, who: Principal, customer_id: str, product_id: str,
                                    idempotency_key: str | None) -> tuple[str, bool, bool]:
    """(leadId, replayed, duplicate) of the lead the suggestion became, in one write transaction."""
    key = idempotency.key(idempotency_key, "idempotencyKey")
    await _reach(db, who, customer_id)
    try:
        return await db.transact(lambda tx: _turn(tx, customer_id, product_id, key, who.subject))
    except ConstraintError:
        if key is None:
            raise
        # A concurrent request with the same key committed first: its answer.
        return await db.transact(lambda tx: _turn(tx, customer_id, product_id, key, who.subject))
