"""The codes a lead carries, as GraphQL enums: the domain's plain Enums
(domains/lead_and_opportunity_management/vocabulary.py), each registered with Strawberry with its
description and its members' descriptions. The classes are the domain's own, so a rule's value is
the value a resolver shows, with no conversion."""

from __future__ import annotations

from domains.lead_and_opportunity_management.vocabulary import (
    CampaignType,
    LeadClassification,
    LeadSource,
    LeadStatus,
    PriorityAction,
)
from resolvers.described_enum import described_enum

__all__ = ["CampaignType", "LeadClassification", "LeadSource", "LeadStatus", "PriorityAction"]

described_enum(LeadStatus, "Where a lead is in its life (an extension of BIAN's procedure).", {
    "CAPTURED": "Captured, not yet looked at.",
    "QUALIFYING": "The customer's interest is being clarified.",
    "CONFIRMED": "Interest confirmed; the lead passed evaluation.",
    "OFFER_INITIATED": "Handed over to Customer Offer: an Offer was initiated.",
    "WON": "The customer took the offer. Closed.",
    "LOST": "The customer declined the offer. Closed.",
    "REJECTED": "The bank dropped the lead (e.g. not eligible). Closed.",
    "EXPIRED": "Nobody progressed it in time. Closed.",
})

described_enum(CampaignType, "The kind of campaign a lead serves (BIAN CustomerCampaignType).", {
    "CROSS_SELL": "A product the customer does not hold yet.",
    "UP_SELL": "A better version of a product the customer holds.",
    "RETENTION": "Keeping a customer who may leave.",
})

described_enum(LeadSource, "How the lead came about (an extension).", {
    "SERVICING_INTERACTION": "Spotted while serving the customer (an allocation or contact).",
    "EVENT": "Raised by a customer event, e.g. a life event.",
    "CAMPAIGN": "A response to a campaign.",
    "MANUAL": "Entered by hand.",
})

described_enum(LeadClassification,
               "How promising a lead is, from its score (an extension; docs/lead-and-opportunity.md).", {
                   "HOT": "Score 70 or more: act now.",
                   "WARM": "Score 40 to 69.",
                   "COLD": "Score below 40.",
               })

described_enum(PriorityAction, "A change of a lead's priority (an extension: BIAN's Control, for the procedure).", {
    "RAISE": "One step more urgent (priority + 1, at most 5).",
    "LOWER": "One step less urgent (priority - 1, at least 1).",
    "SUSPEND": "Set aside: nobody works on it until resumed.",
    "RESUME": "Back to work at the priority it had.",
})
