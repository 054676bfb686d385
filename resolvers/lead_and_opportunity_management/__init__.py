"""Lead and Opportunity Management (BIAN) as the schema shows it: Strawberry types, inputs and thin
resolvers; the rules are domains/lead_and_opportunity_management/. One module per job:

- `vocabulary`: the domain's codes as GraphQL enums, with their descriptions (`described_enum`).
- `procedure`: the LeadandOpportunityProcedure's fields: Initiate, Update, Retrieve.
- `lead_model`: the Lead type and its parts, and Retrieve.
- `lead_capture`, `lead_update`: Initiate's and Update's inputs, answer and resolver.
- `evaluation`: leadEvaluation, evaluateLead and assignLead, with their types.
- `assignment`: the LeadAssignment type (who owns a lead and why).
- `development`, `development_types`: development tasks' fields, types and inputs.
- `message_templates`: the MessageTemplate type and messageTemplates.
- `analytics`, `analytics_types`: funnel, conversion, ageing, portfolio.
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
