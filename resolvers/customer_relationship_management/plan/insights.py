"""What the graph says about a relationship plan's customer when the plan is read: BIAN
CustomerProductCoverage, CustomerProductUsage, CustomerRelationshipRating and CustomerProfitability
derived from holdings, ProductProcessing events and the routing profile (plan_by_id.cypher's
`insights` map), beside the notes the RM types into the plan.
"""

from __future__ import annotations

import datetime

import strawberry

from graph.database import Record
from graph.temporal import native


@strawberry.type(description="A product the customer holds (an ACTIVE holding).")
class HeldProduct:
    product_id: strawberry.ID = strawberry.field(description="The product's identifier.")
    name: str | None = strawberry.field(description="The product's name.")
    family: str | None = strawberry.field(description="The product family, e.g. LENDING.")
    since: datetime.date | None = strawberry.field(description="Since when it is held.")
    suits_segment: bool = strawberry.field(description="Whether the product is sold to the customer's segment.")


@strawberry.type(description="What the graph says about the plan's customer now (BIAN CustomerProductCoverage, "
                              "CustomerProductUsage, CustomerRelationshipRating and CustomerProfitability "
                              "derived rather than typed in).")
class PlanInsights:
    held_products: list[HeldProduct] = strawberry.field(
        description="BIAN CustomerProductCoverage: the products the customer holds (ACTIVE).")
    suited_product_count: int = strawberry.field(
        description="How many products suit the customer's segment (a product without segments suits all).")
    product_coverage_share: float | None = strawberry.field(
        description="The share (0..1) of the products suiting the segment that the customer holds; null when none suits.")
    last_product_processing_at: datetime.datetime | None = strawberry.field(
        description="BIAN CustomerProductUsage: the customer's latest ProductProcessing event.")
    product_processing_events_last_90_days: int = strawberry.field(
        description="BIAN CustomerProductUsage: the customer's ProductProcessing events in the last 90 days.")
    credit_rating: str | None = strawberry.field(
        description="BIAN CustomerRelationshipRating: the CREDIT_RATING indicator in force on the routing profile.")
    value_tier: str | None = strawberry.field(
        description="BIAN CustomerProfitability: the VALUE_TIER indicator in force on the routing profile.")

    @classmethod
    def from_record(cls, row: Record) -> PlanInsights:
        held = [HeldProduct(product_id=strawberry.ID(h["productId"]), name=h.get("name"), family=h.get("family"),
                            since=native(h.get("since")), suits_segment=bool(h["suited"]))
                for h in row["heldProducts"]]
        suited = int(row["suitedProducts"])
        covered = sum(1 for h in held if h.suits_segment)
        return cls(held_products=held, suited_product_count=suited,
                   product_coverage_share=round(covered / suited, 4) if suited else None,
                   last_product_processing_at=native(row.get("lastProductProcessingAt")),
                   product_processing_events_last_90_days=int(row["productProcessingLast90Days"]),
                   credit_rating=row.get("creditRating"), value_tier=row.get("valueTier"))
