"""The codes a lead carries (status, campaign type, source, classification, priority control) and
which status changes are legal. BIAN names only the procedure's fields; these are the extensions.
Plain Enums, each member's value its name as stored on the lead; the schema shows these very
classes, with their descriptions (resolvers/lead_and_opportunity_management/vocabulary.py)."""

from __future__ import annotations

import enum


class LeadStatus(enum.Enum):
    CAPTURED = "CAPTURED"
    QUALIFYING = "QUALIFYING"
    CONFIRMED = "CONFIRMED"
    OFFER_INITIATED = "OFFER_INITIATED"
    WON = "WON"
    LOST = "LOST"
    REJECTED = "REJECTED"
    EXPIRED = "EXPIRED"


OPEN_STATUSES = frozenset({LeadStatus.CAPTURED, LeadStatus.QUALIFYING, LeadStatus.CONFIRMED,
                           LeadStatus.OFFER_INITIATED})

# The legal moves; REJECTED and EXPIRED close any open lead.
TRANSITIONS: dict[LeadStatus, frozenset[LeadStatus]] = {
    LeadStatus.CAPTURED: frozenset({LeadStatus.QUALIFYING}),
    LeadStatus.QUALIFYING: frozenset({LeadStatus.CONFIRMED}),
    LeadStatus.CONFIRMED: frozenset({LeadStatus.OFFER_INITIATED}),
    LeadStatus.OFFER_INITIATED: frozenset({LeadStatus.WON, LeadStatus.LOST}),
}
for _open in OPEN_STATUSES:
    TRANSITIONS[_open] = TRANSITIONS[_open] | {LeadStatus.REJECTED, LeadStatus.EXPIRED}
for _closed in set(LeadStatus) - OPEN_STATUSES:
    TRANSITIONS[_closed] = frozenset()

# The open statuses by name, in lifecycle order: the parameter statements compare a lead's status with.
OPEN = [s.name for s in LeadStatus if s in OPEN_STATUSES]


class CampaignType(enum.Enum):
    CROSS_SELL = "CROSS_SELL"
    UP_SELL = "UP_SELL"
    RETENTION = "RETENTION"


class LeadSource(enum.Enum):
    SERVICING_INTERACTION = "SERVICING_INTERACTION"
    EVENT = "EVENT"
    CAMPAIGN = "CAMPAIGN"
    MANUAL = "MANUAL"


class LeadClassification(enum.Enum):
    HOT = "HOT"
    WARM = "WARM"
    COLD = "COLD"


class PriorityAction(enum.Enum):
    RAISE = "RAISE"
    LOWER = "LOWER"
    SUSPEND = "SUSPEND"
    RESUME = "RESUME"


PRIORITIES = range(1, 6)  # 1 the least urgent .. 5 the most, as routing's priorities: higher goes first
