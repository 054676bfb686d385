"""Customer Relationship Management: plan contacts and the plan's Request. (Being built.)"""

from __future__ import annotations

import strawberry


@strawberry.type
class ContactQuery:
    pass


@strawberry.type
class ContactMutation:
    pass
