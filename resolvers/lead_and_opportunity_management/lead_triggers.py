"""Kept for imports not yet repointed (Customer Relationship Management's matching): what a lead's
steps trigger is domains/lead_and_opportunity_management/triggers.py, its open statuses vocabulary.py."""

from domains.lead_and_opportunity_management.vocabulary import OPEN

__all__ = ["OPEN"]
