"""Customer Relationship Management: plan coverage, goal attainment, an RM book's make-up and performance. (Being built.)"""

from __future__ import annotations

import strawberry


@strawberry.type
class RelationshipAnalyticsQuery:
    pass


@strawberry.type
class RelationshipAnalyticsMutation:
    pass
