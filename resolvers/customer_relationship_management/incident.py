"""Customer Relationship Management: customer incidents of a plan (BIAN Incident): troubleshooting. (Being built.)"""

from __future__ import annotations

import strawberry


@strawberry.type
class IncidentQuery:
    pass


@strawberry.type
class IncidentMutation:
    pass
