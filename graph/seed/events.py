"""Each customer's event log: 0-6 events of the last two years, oldest first.

Some events follow from the rest of the data (a lead captured, a won lead's product opened,
a fraud alert's suspicious transaction, a complaint raised); the rest are everyday
servicing, product processing, sales, relationship and life events. Assisted contacts
(phone, chat, video, branch, email) CONCERN the servicing resource that handled them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from graph.seed.chance import Weighted, days_before
from graph.seed.customers import Draft
from graph.seed.vocabulary import PRODUCTS
from graph.seed.workforce import Workforce

Row = dict[str, Any]

HISTORY_DAYS = 730
MAX_EVENTS = 6
EVENT_LABELS = {
    "RELATIONSHIP": "RelationshipEvent", "SALES": "SalesEvent", "SERVICING": "ServicingEvent",
    "PRODUCT_PROCESSING": "ProductProcessingEvent", "FRAUD": "FraudEvent", "LIFE": "LifeEvent",
}
ASSISTED_CHANNELS = frozenset({"PHONE", "CHAT", "VIDEO", "BRANCH", "EMAIL"})
_CATEGORY = Weighted({"SERVICING": 45, "PRODUCT_PROCESSING": 20, "SALES": 12, "RELATIONSHIP": 10, "LIFE": 9,
                      "FRAUD": 4})
_CHANNEL = Weighted({"PHONE": 25, "CHAT": 15, "VIDEO": 4, "BRANCH": 10, "EMAIL": 8, "WEB": 18, "MOBILE": 20})
_COUNT = Weighted({0: 15, 1: 20, 2: 20, 3: 17, 4: 13, 5: 9, 6: 6})


@dataclass(frozen=True)
class EventKind:
    category: str
    type: str
    record: str
    results: tuple[str, ...]
    about_product: bool = False
    pool: str = "POOL-SERVICING"  # who handles it when the contact is assisted


CATALOG: dict[str, tuple[EventKind, ...]] = {
    "SERVICING": (
        EventKind("SERVICING", "BALANCE_ENQUIRY", "Balance and recent transactions enquiry", ("RESOLVED",)),
        EventKind("SERVICING", "CARD_REPLACEMENT", "Replacement card ordered", ("RESOLVED",), True),
        EventKind("SERVICING", "PAYMENT_ISSUE", "Payment not received by the payee",
                  ("RESOLVED", "ESCALATED", "REFERRED"), True),
        EventKind("SERVICING", "ADDRESS_CHANGE", "Postal address updated", ("RESOLVED",)),
        EventKind("SERVICING", "ONLINE_ACCESS_RESET", "Online banking access reset", ("RESOLVED", "REFERRED")),
    ),
    "PRODUCT_PROCESSING": (
        EventKind("PRODUCT_PROCESSING", "LIMIT_CHANGED", "Limit change requested", ("COMPLETED", "DECLINED"), True),
        EventKind("PRODUCT_PROCESSING", "STATEMENT_ISSUED", "Annual statement issued", ("COMPLETED",), True),
        EventKind("PRODUCT_PROCESSING", "PAYMENT_MISSED", "Scheduled repayment missed", ("FAILED",), True,
                  "POOL-COLLECTIONS"),
    ),
    "SALES": (
        EventKind("SALES", "PRODUCT_ENQUIRY", "Asked about a product", ("INTERESTED", "NOT_INTERESTED"), True,
                  "POOL-SALES"),
        EventKind("SALES", "OFFER_PRESENTED", "Offer presented", ("ACCEPTED", "DECLINED", "PENDING"), True,
                  "POOL-SALES"),
    ),
    "RELATIONSHIP": (
        EventKind("RELATIONSHIP", "REVIEW_MEETING", "Relationship review meeting", ("COMPLETED",)),
        EventKind("RELATIONSHIP", "CONTACT_DETAILS_UPDATED", "Contact details updated", ("COMPLETED",)),
        EventKind("RELATIONSHIP", "CONSENT_UPDATED", "Marketing consent updated", ("COMPLETED",)),
    ),
    "LIFE": (
        EventKind("LIFE", "RELOCATION", "Customer moved home", ("RECORDED",)),
        EventKind("LIFE", "MARRIAGE", "Customer got married", ("RECORDED",)),
        EventKind("LIFE", "BIRTH", "Birth of a child", ("RECORDED",)),
        EventKind("LIFE", "RETIREMENT", "Customer retired", ("RECORDED",)),
        EventKind("LIFE", "JOB_CHANGE", "Customer changed employer", ("RECORDED",)),
    ),
    "FRAUD": (
        EventKind("FRAUD", "CARD_BLOCKED", "Card blocked after a fraud check", ("COMPLETED",), True, "POOL-FRAUD"),
        EventKind("FRAUD", "FRAUD_CHECK_PASSED", "Transaction confirmed by the customer", ("CLEARED",), True,
                  "POOL-FRAUD"),
    ),
}
BUSINESS_LIFE = (
    EventKind("LIFE", "EXPANSION", "Business opened a new site", ("RECORDED",)),
    EventKind("LIFE", "OWNERSHIP_CHANGE", "Change of ownership", ("RECORDED",)),
)
LEAD_CHANNELS = {"SERVICING_INTERACTION": "PHONE", "EVENT": "BRANCH", "CAMPAIGN": "EMAIL", "MANUAL": "BRANCH"}


def event_log(rng: random.Random, draft: Draft, workforce: Workforce, reference: datetime,
              leads: list[Row], indicators: list[Row]) -> list[Row]:
    """Events that follow from leads and alerts first, then everyday ones, capped at MAX_EVENTS."""
    horizon = reference - timedelta(days=HISTORY_DAYS)
    events = [event for event in _derived(leads, indicators) if event["occurredAt"] >= horizon][:MAX_EVENTS]
    for _ in range(min(_COUNT.pick(rng), MAX_EVENTS - len(events))):
        events.append(_everyday(rng, draft, workforce, reference))
    events.sort(key=lambda event: event["occurredAt"])
    log_id = f"EL-{draft.customer_id}"
    for number, event in enumerate(events, start=1):
        event["eventLogId"] = log_id
        event["customerId"] = draft.customer_id
        event["eventId"] = f"EV-{draft.customer_id}-{number:02d}"
    return events


def _derived(leads: list[Row], indicators: list[Row]) -> list[Row]:
    events = []
    for lead in leads:
        events.append(_event("SALES", "LEAD_CAPTURED", lead["createdAt"], LEAD_CHANNELS[lead["source"]],
                             f"Lead captured: {lead['description']}", "LEAD_CREATED", lead["productId"],
                             lead["ownerId"]))
        if lead["status"] == "WON":
            events.append(_event("PRODUCT_PROCESSING", "PRODUCT_OPENED", lead["closedAt"], "BRANCH",
                                 "Product opened after a won lead", "COMPLETED", lead["productId"], lead["ownerId"]))
    for indicator in indicators:
        current = indicator["validTo"] is None
        if indicator["type"] == "POSSIBLE_FRAUD":
            events.append(_event("FRAUD", "SUSPICIOUS_TRANSACTION", indicator["validFrom"], "MOBILE",
                                 indicator["narrative"], "UNDER_REVIEW" if current else "CLEARED"))
        elif indicator["type"] == "COMPLAINT_OPEN":
            events.append(_event("SERVICING", "COMPLAINT_RAISED", indicator["validFrom"], "PHONE",
                                 indicator["narrative"], "ESCALATED" if current else "RESOLVED"))
    return events


def _everyday(rng: random.Random, draft: Draft, workforce: Workforce, reference: datetime) -> Row:
    """Prospects only have sales contacts; dormant customers nothing in the last year."""
    category = "SALES" if draft.get("status") == "PROSPECT" else _CATEGORY.pick(rng)
    choices = BUSINESS_LIFE if category == "LIFE" and draft.get("kind") == "ORGANIZATION" else CATALOG[category]
    kind = rng.choice(choices)
    newest = 365 if draft.get("status") == "DORMANT" else 0
    channel = _CHANNEL.pick(rng)
    occurred = max(days_before(rng, reference, newest, HISTORY_DAYS), draft.get("profileCreatedAt"))
    return _event(
        kind.category, kind.type, occurred, channel, kind.record,
        rng.choice(kind.results), _product(rng, draft, kind),
        _handler(rng, draft, workforce, kind) if channel in ASSISTED_CHANNELS else None,
    )


def _product(rng: random.Random, draft: Draft, kind: EventKind) -> str | None:
    if not kind.about_product:
        return None
    if kind.category == "SALES" or not draft.held:
        suited = [product.product_id for product in PRODUCTS if draft.get("segment") in product.segments]
        return rng.choice(suited)
    return rng.choice(draft.held)


def _handler(rng: random.Random, draft: Draft, workforce: Workforce, kind: EventKind) -> str:
    """The customer's RM for relationship and sales contacts, else someone from the kind's pool."""
    if draft.rm is not None and kind.category in ("RELATIONSHIP", "SALES"):
        return draft.rm
    return workforce.member(rng, kind.pool)


def _event(category: str, type_: str, occurred_at: datetime, channel: str, record: str, result: str,
           product_id: str | None = None, resource_id: str | None = None) -> Row:
    return {
        "label": EVENT_LABELS[category], "category": category, "type": type_, "occurredAt": occurred_at,
        "channel": channel, "record": record, "result": result, "productId": product_id, "resourceId": resource_id,
    }
