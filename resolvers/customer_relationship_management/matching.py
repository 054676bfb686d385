"""Product matching through the graph (docs/product-matching.md): the GraphQL types and the thin
resolvers of productSuggestions and turnSuggestionIntoLead. The rules (the score, eligibility, who is
named, the lead capture) are domains/customer_relationship_management/matching.py's.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from domains.customer_relationship_management import matching as matching
from domains.customer_relationship_management.matching import SuggestionSource
from gateway.security.auth import Role, allow
from resolvers.context import Info
from resolvers.customer_relationship_management.access import principal
from resolvers.described_enum import described_enum
from resolvers.lead_and_opportunity_management.lead_capture import LeadInitiation
from resolvers.lead_and_opportunity_management.lead_model import retrieve_lead

__all__ = ["ProductMatchingMutation", "ProductMatchingQuery", "ProductSuggestion", "ProductSuggestions"]

described_enum(SuggestionSource, "Where a product suggestion comes from in the customer's network.", {
    "HOUSEHOLD": "Members of a household the customer belongs to hold it (3 points each).",
    "RELATED_PARTY": "Parties related to the customer (RELATED_TO, either way) hold it (2 points each).",
    "SEGMENT_PEERS": "Customers of the same segment hold it (10 x its share among the segment, measured on at "
                           "most 1000 customers of the segment).",
})


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


def _suggestion(s: matching.Suggestion) -> ProductSuggestion:
    return ProductSuggestion(
        product_id=strawberry.ID(s.product_id), product_name=s.product_name, product_family=s.product_family,
        score=s.score, explanation=s.explanation,
        reasons=[SuggestionReason(source=r.source, holders=r.holders, points=r.points, detail=r.detail,
                                  holder_ids=None if r.holder_ids is None else [strawberry.ID(h) for h in r.holder_ids])
                 for r in s.reasons])


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
        found = await matching.product_suggestions(info.context.db, principal(info), str(customer_id), limit)
        return ProductSuggestions(
            customer_id=customer_id, sales_blocked=found.blocked_because is not None,
            blocked_because=found.blocked_because, suggestions=[_suggestion(s) for s in found.suggestions])


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
        db = info.context.db
        lead_id, replayed, duplicate = await matching.turn_suggestion_into_lead(
            db, principal(info), str(customer_id), str(product_id), idempotency_key)
        return LeadInitiation(lead=await retrieve_lead(db, lead_id), replayed=replayed, duplicate=duplicate)
