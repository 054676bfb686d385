"""BIAN Customer Event History's behaviour qualifiers: the six event categories, and who sees which."""

from __future__ import annotations

import enum

from gateway.security.auth import Principal


class EventCategory(enum.Enum):
    """The kind of a customer event; the stored `category` is the member's name."""

    RELATIONSHIP = "RELATIONSHIP"
    SALES = "SALES"
    SERVICING = "SERVICING"
    PRODUCT_PROCESSING = "PRODUCT_PROCESSING"
    FRAUD = "FRAUD"
    LIFE = "LIFE"


# The label each category's events carry beside :CustomerEvent.
LABELS = {
    EventCategory.RELATIONSHIP: "RelationshipEvent", EventCategory.SALES: "SalesEvent",
    EventCategory.SERVICING: "ServicingEvent", EventCategory.PRODUCT_PROCESSING: "ProductProcessingEvent",
    EventCategory.FRAUD: "FraudEvent", EventCategory.LIFE: "LifeEvent",
}


def noun(category: EventCategory) -> str:
    """How messages name the category, e.g. "product processing"."""
    return category.name.lower().replace("_", " ")


def sees_fraud(principal: Principal) -> bool:
    """Fraud events are for relationship managers and admins only."""
    return principal.sees_confidential
