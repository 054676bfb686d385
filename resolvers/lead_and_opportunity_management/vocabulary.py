"""The codes a lead carries (status, campaign type, source, classification, priority control) and
which status changes are legal. BIAN names only the procedure's fields; these are the extensions."""

from __future__ import annotations

import enum

import strawberry


@strawberry.enum(description="Where a lead is in its life (an extension of BIAN's procedure).")
class LeadStatus(enum.Enum):
    CAPTURED = strawberry.enum_value("CAPTURED", description="Captured, not yet looked at.")
    QUALIFYING = strawberry.enum_value("QUALIFYING", description="The customer's interest is being clarified.")
    CONFIRMED = strawberry.enum_value("CONFIRMED", description="Interest confirmed; the lead passed evaluation.")
    OFFER_INITIATED = strawberry.enum_value(
        "OFFER_INITIATED", description="Handed over to Customer Offer: an Offer was initiated.")
    WON = strawberry.enum_value("WON", description="The customer took the offer. Closed.")
    LOST = strawberry.enum_value("LOST", description="The customer declined the offer. Closed.")
    REJECTED = strawberry.enum_value("REJECTED", description="The bank dropped the lead (e.g. not eligible). Closed.")
    EXPIRED = strawberry.enum_value("EXPIRED", description="Nobody progressed it in time. Closed.")


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


@strawberry.enum(description="The kind of campaign a lead serves (BIAN CustomerCampaignType).")
class CampaignType(enum.Enum):
    CROSS_SELL = strawberry.enum_value("CROSS_SELL", description="A product the customer does not hold yet.")
    UP_SELL = strawberry.enum_value("UP_SELL", description="A better version of a product the customer holds.")
    RETENTION = strawberry.enum_value("RETENTION", description="Keeping a customer who may leave.")


@strawberry.enum(description="How the lead came about (an extension).")
class LeadSource(enum.Enum):
    SERVICING_INTERACTION = strawberry.enum_value(
        "SERVICING_INTERACTION", description="Spotted while serving the customer (an allocation or contact).")
    EVENT = strawberry.enum_value("EVENT", description="Raised by a customer event, e.g. a life event.")
    CAMPAIGN = strawberry.enum_value("CAMPAIGN", description="A response to a campaign.")
    MANUAL = strawberry.enum_value("MANUAL", description="Entered by hand.")


@strawberry.enum(description="How promising a lead is, from its score (an extension; docs/lead-and-opportunity.md).")
class LeadClassification(enum.Enum):
    HOT = strawberry.enum_value("HOT", description="Score 70 or more: act now.")
    WARM = strawberry.enum_value("WARM", description="Score 40 to 69.")
    COLD = strawberry.enum_value("COLD", description="Score below 40.")


@strawberry.enum(description="A change of a lead's priority (an extension: BIAN's Control, for the procedure).")
class PriorityAction(enum.Enum):
    RAISE = strawberry.enum_value("RAISE", description="One step more urgent (priority + 1, at most 5).")
    LOWER = strawberry.enum_value("LOWER", description="One step less urgent (priority - 1, at least 1).")
    SUSPEND = strawberry.enum_value("SUSPEND", description="Set aside: nobody works on it until resumed.")
    RESUME = strawberry.enum_value("RESUME", description="Back to work at the priority it had.")


PRIORITIES = range(1, 6)  # 1 the least urgent .. 5 the most, as routing's priorities: higher goes first
