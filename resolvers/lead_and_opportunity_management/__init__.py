"""Lead and Opportunity Management (BIAN): capture, evaluate and progress leads up to the offer.

One module per job: `vocabulary` (statuses, legal transitions, campaign types, sources,
classification, priority control), `procedure` (the LeadandOpportunityProcedure: Initiate,
Update, Retrieve, with the triggers on the routing profile, the offer and the event history),
`evaluation` (the checks before any offer, and assignment to a relationship manager or a
qualified sales resource through the routing engine), `development` (development tasks: initiate,
update, execute an automated action such as a generated message, request manual intervention,
retrieve), `analytics` (funnel, conversion, ageing, portfolio).
"""

from __future__ import annotations

import strawberry

from resolvers.lead_and_opportunity_management.analytics import AnalyticsQuery
from resolvers.lead_and_opportunity_management.development import DevelopmentMutation, DevelopmentQuery
from resolvers.lead_and_opportunity_management.evaluation import EvaluationMutation, EvaluationQuery
from resolvers.lead_and_opportunity_management.procedure import ProcedureMutation, ProcedureQuery

__all__ = ["LeadandOpportunityManagementMutation", "LeadandOpportunityManagementQuery"]


@strawberry.type
class LeadandOpportunityManagementQuery(ProcedureQuery, EvaluationQuery, DevelopmentQuery, AnalyticsQuery):
    pass


@strawberry.type
class LeadandOpportunityManagementMutation(ProcedureMutation, EvaluationMutation, DevelopmentMutation):
    pass
