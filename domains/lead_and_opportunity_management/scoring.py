"""A lead's score and classification (extensions; docs/lead-and-opportunity.md, "Score").

    score = 8 × priority                                       8..40
          + source: SERVICING_INTERACTION 20, EVENT 15, CAMPAIGN 10, MANUAL 5
          + the customer's VALUE_TIER in force: PLATINUM 25, GOLD 18, SILVER 10, BRONZE 5, none 0
          + 15 when a relationship manager MANAGES the customer

so 13..100. HOT from 70, WARM from 40, else COLD (vocabulary.LeadClassification). Everything
but the priority is fixed at capture (the lead's `scoreBasis`), so a change of priority re-scores
the lead without re-reading the customer; suspending keeps the score.
"""

from __future__ import annotations

from domains.lead_and_opportunity_management.vocabulary import LeadClassification, LeadSource

POINTS_PER_PRIORITY = 8
SOURCE_POINTS = {LeadSource.SERVICING_INTERACTION: 20, LeadSource.EVENT: 15, LeadSource.CAMPAIGN: 10,
                 LeadSource.MANUAL: 5}
TIER_POINTS = {"PLATINUM": 25, "GOLD": 18, "SILVER": 10, "BRONZE": 5}
MANAGED_POINTS = 15
HOT, WARM = 70, 40


def score_basis(source: LeadSource, value_tier: str | None, managed: bool) -> int:
    """The part of the score fixed at capture."""
    return SOURCE_POINTS[source] + TIER_POINTS.get(value_tier or "", 0) + (MANAGED_POINTS if managed else 0)


def score(priority: int, basis: int) -> int:
    return POINTS_PER_PRIORITY * priority + basis


def classify(points: int) -> LeadClassification:
    if points >= HOT:
        return LeadClassification.HOT
    return LeadClassification.WARM if points >= WARM else LeadClassification.COLD
