"""Customer Relationship Management: development tasks of a plan (BIAN Development). (Being built.)"""

from __future__ import annotations

import strawberry


@strawberry.type
class DevelopmentQuery:
    pass


@strawberry.type
class DevelopmentMutation:
    pass
