"""Customer Relationship Management: the relationship manager's book and the activity-trend review. (Being built.)"""

from __future__ import annotations

import strawberry


@strawberry.type
class BookQuery:
    pass


@strawberry.type
class BookMutation:
    pass
