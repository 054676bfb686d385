"""How portfolio analytics group customers; every domain's analytics use the same groupings."""

from __future__ import annotations

import enum

import strawberry


@strawberry.enum(description="How portfolio analytics group the customers.")
class PortfolioGrouping(enum.Enum):
    SEGMENT = strawberry.enum_value("SEGMENT", description="One group per customer segment, keyed by the segment code.")
    RELATIONSHIP_MANAGER = strawberry.enum_value(
        "RELATIONSHIP_MANAGER",
        description="One group per relationship manager's book, keyed by the RM's resourceId; customers without "
                    "an RM form one more group, last, with a null key.")
