"""Kept for imports not yet repointed (tests): a lead's score is domains/lead_and_opportunity_management/scoring.py."""

from domains.lead_and_opportunity_management.scoring import classify, score, score_basis

__all__ = ["classify", "score", "score_basis"]
