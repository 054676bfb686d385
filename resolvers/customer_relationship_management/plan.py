"""Customer Relationship Management: the relationship plan. (Being built.)"""

from __future__ import annotations

import strawberry


@strawberry.type
class PlanQuery:
    pass


@strawberry.type
class PlanMutation:
    pass
