"""Each customer's routing profile: the Status, Rating and Alert indicators of its PartyState.

History is kept the way the gateway keeps it: a changed rating closes the old value
(validTo) at the instant the new one starts (validFrom). Current indicators have no validTo.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from graph.seed.chance import Weighted, chance, days_before, instant_between
from graph.seed.customers import Draft
from graph.seed.vocabulary import (
    ARREARS_BANDS,
    COMPLAINT_TOPICS,
    DISTRESS_STAGES,
    FRAUD_PATTERNS,
    INDICATOR_LABELS,
    INDICATOR_TYPES,
    PROFITABILITY_BANDS,
    VULNERABILITIES,
)

Row = dict[str, Any]

CREDIT_RATINGS = Weighted({1: 2, 2: 3, 3: 5, 4: 8, 5: 12, 6: 18, 7: 20, 8: 16, 9: 10, 10: 6})
VALUE_TIER_BY_SEGMENT = {
    "MASS": ("BRONZE", "BRONZE", "SILVER"), "AFFLUENT": ("SILVER", "GOLD"), "PREMIER": ("GOLD", "PLATINUM"),
    "PRIVATE": ("PLATINUM",), "SMALL_BUSINESS": ("BRONZE", "SILVER", "SILVER", "GOLD"),
    "CORPORATE": ("GOLD", "PLATINUM"),
}
NARRATIVES = {
    "CREDIT_RATING": "Internal credit rating {value} from the monthly risk run",
    "VALUE_TIER": "Relationship value tier {value}",
    "PROFITABILITY": "Profitability band {value} over the last 12 months",
    "DORMANT": "No customer-initiated activity for over 12 months",
    "IN_ARREARS": "Repayment overdue ({value})",
    "ACCOUNT_IN_DISTRESS": "Financial difficulty, recovery stage {value}",
    "KYC_EXPIRED": "KYC documents expired on {value}",
    "SALES_PROSPECT": "Open lead for {value}",
    "POSSIBLE_FRAUD": "Suspicious activity flagged: {value}",
    "VULNERABLE_CUSTOMER": "Extra care needed: {value}",
    "COMPLAINT_OPEN": "Complaint about {value} under investigation",
}
SOURCES = {  # (source, capturedBy) per indicator type
    "CREDIT_RATING": ("RISK_ENGINE", "risk-engine"), "VALUE_TIER": ("CORE_BANKING", "core-banking"),
    "PROFITABILITY": ("CORE_BANKING", "core-banking"), "DORMANT": ("CORE_BANKING", "core-banking"),
    "IN_ARREARS": ("CORE_BANKING", "core-banking"), "ACCOUNT_IN_DISTRESS": ("CORE_BANKING", "core-banking"),
    "KYC_EXPIRED": ("CORE_BANKING", "kyc-monitor"), "SALES_PROSPECT": ("CRM", "crm"),
    "POSSIBLE_FRAUD": ("RISK_ENGINE", "risk-engine"), "VULNERABLE_CUSTOMER": ("CONTACT_CENTRE", "contact-centre"),
    "COMPLAINT_OPEN": ("CONTACT_CENTRE", "contact-centre"),
}
_LABEL = {kind.code: INDICATOR_LABELS[kind.kind] for kind in INDICATOR_TYPES}
BLOCKING_TYPES = frozenset(kind.code for kind in INDICATOR_TYPES if kind.blocks_sales)


class Profile:
    """Collects one customer's indicators, numbering them IN-<customerId>-01, -02, ..."""

    def __init__(self, draft: Draft, reference: datetime) -> None:
        self.draft = draft
        self.reference = reference
        self.rows: list[Row] = []

    def add(self, code: str, value: str, valid_from: datetime, valid_to: datetime | None = None,
            captured_by: str | None = None) -> None:
        source, system = SOURCES[code]
        customer_id = self.draft.customer_id
        self.rows.append({
            "partyStateId": f"PS-{customer_id}", "indicatorId": f"IN-{customer_id}-{len(self.rows) + 1:02d}",
            "label": _LABEL[code], "type": code, "value": value,
            "narrative": NARRATIVES[code].format(value=value), "validFrom": valid_from, "validTo": valid_to,
            "capturedAt": valid_from, "source": source, "capturedBy": captured_by or system,
        })
        if valid_to is None and code in BLOCKING_TYPES:
            self.draft.blocked = True

    @property
    def created(self) -> datetime:
        """When the profile was created: on the customer's first day."""
        return self.draft.get("profileCreatedAt")  # type: ignore[no-any-return]

    def recent(self, rng: random.Random, low: float, high: float) -> datetime:
        """An instant `low`-`high` days ago, but never before the customer joined."""
        return max(days_before(rng, self.reference, low, high), self.created)


def rate(rng: random.Random, profile: Profile, code: str, current: str, earlier: tuple[str, ...],
         history: float) -> None:
    """A current rating; with probability `history` one of `earlier` held before it."""
    start = profile.created
    latest_change = profile.reference - timedelta(days=1)
    if earlier and start < latest_change and chance(rng, history):
        changed = instant_between(rng, start, latest_change)
        profile.add(code, rng.choice(earlier), start, changed)
        start = changed
    profile.add(code, current, start)


def _others(values: tuple[str, ...], current: str) -> tuple[str, ...]:
    return tuple(value for value in values if value != current)


def ratings(rng: random.Random, profile: Profile) -> None:
    """Every customer has a credit rating and a value tier; most have a profitability band."""
    rating = CREDIT_RATINGS.pick(rng)
    profile.draft.credit_rating = rating  # products and leads depend on it
    nearby = tuple(str(value) for value in range(max(1, rating - 2), min(10, rating + 2) + 1))
    rate(rng, profile, "CREDIT_RATING", str(rating), _others(nearby, str(rating)), history=0.3)
    tiers = VALUE_TIER_BY_SEGMENT[profile.draft.get("segment")]
    tier = rng.choice(tiers)
    rate(rng, profile, "VALUE_TIER", tier, _others(tiers, tier), history=0.15)
    if profile.draft.get("status") != "PROSPECT" and chance(rng, 0.6):
        band = rng.choice(PROFITABILITY_BANDS)
        rate(rng, profile, "PROFITABILITY", band, _others(PROFITABILITY_BANDS, band), history=0.1)


def statuses(rng: random.Random, profile: Profile) -> None:
    """DORMANT exactly for dormant customers; arrears, distress and expired KYC for a few."""
    status = profile.draft.get("status")
    if status == "DORMANT":
        profile.add("DORMANT", "NO_ACTIVITY_12M", profile.recent(rng, 1, 400))
    if status in ("PROSPECT", "CLOSED"):
        return
    if chance(rng, 0.03):
        profile.add("IN_ARREARS", rng.choice(ARREARS_BANDS), profile.recent(rng, 1, 180))
        if chance(rng, 0.3):
            profile.add("ACCOUNT_IN_DISTRESS", rng.choice(DISTRESS_STAGES), profile.recent(rng, 1, 90))
    elif chance(rng, 0.02):
        _closed(rng, profile, "IN_ARREARS", rng.choice(ARREARS_BANDS))
    if chance(rng, 0.02):
        expired = profile.recent(rng, 1, 300)
        profile.add("KYC_EXPIRED", expired.date().isoformat(), expired)


def alerts(rng: random.Random, profile: Profile) -> None:
    """Possible fraud (~0.5% current), vulnerability (persons) and complaints, some already closed."""
    if profile.draft.get("status") in ("PROSPECT", "CLOSED"):
        return
    if chance(rng, 0.005):
        profile.add("POSSIBLE_FRAUD", rng.choice(FRAUD_PATTERNS), profile.recent(rng, 0.1, 30))
    elif chance(rng, 0.005):
        _closed(rng, profile, "POSSIBLE_FRAUD", rng.choice(FRAUD_PATTERNS))
    if profile.draft.get("kind") == "PERSON" and chance(rng, 0.025):
        # Raised within the type's 365-day validity, so no open one has lapsed at the reference instant.
        profile.add("VULNERABLE_CUSTOMER", rng.choice(VULNERABILITIES), profile.recent(rng, 1, 360))
    if chance(rng, 0.015):
        profile.add("COMPLAINT_OPEN", rng.choice(COMPLAINT_TOPICS), profile.recent(rng, 1, 45))
    elif chance(rng, 0.03):
        _closed(rng, profile, "COMPLAINT_OPEN", rng.choice(COMPLAINT_TOPICS))


def _closed(rng: random.Random, profile: Profile, code: str, value: str) -> None:
    """An indicator that was raised and has since been resolved."""
    start = profile.recent(rng, 60, 700)
    end = min(start + timedelta(days=rng.uniform(3, 50)), profile.reference - timedelta(days=1))
    profile.add(code, value, start, max(end.replace(microsecond=0), start))


def sales_prospects(profile: Profile, leads: list[Row]) -> None:
    """SALES_PROSPECT for the life of each lead: current exactly while the lead is open."""
    for lead in leads:
        profile.add("SALES_PROSPECT", lead["productId"], lead["createdAt"], lead["closedAt"],
                    captured_by=lead["ownerId"])
