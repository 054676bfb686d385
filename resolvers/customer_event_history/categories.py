"""EventCategory in GraphQL: the domain's enum (domains/customer_event_history/categories.py) with its
descriptions. Resolvers import it from here, so Strawberry meets it described before any type uses it."""

from __future__ import annotations

from domains.customer_event_history.categories import EventCategory
from resolvers.described_enum import described_enum

__all__ = ["EventCategory"]

described_enum(
    EventCategory, "The kind of a customer event: BIAN Customer Event History's behaviour qualifiers.", {
        "RELATIONSHIP": "The relationship itself: review meetings, contact details, consents.",
        "SALES": "Product enquiries, offers presented, leads captured.",
        "SERVICING": "Servicing contacts: enquiries, card replacements, payment issues, complaints.",
        "PRODUCT_PROCESSING": "What happened on a product: opened, limit changed, statement issued, payment missed.",
        "FRAUD": "Suspicious transactions, blocked cards, fraud checks; only relationship managers and admins see them.",
        "LIFE": "The customer's life or business: relocation, marriage, birth, retirement, expansion.",
    })
