"""Customer Relationship Management (BIAN): the relationship plan with its development tasks,
incidents and contacts, the relationship manager's book, the customer network and product matching.

The GraphQL side: one package per BIAN record, `plan` (the control record
CustomerRelationshipManagementPlan), `development`, `incident` and `contact` (its behaviour
qualifiers), each with its `operations` (root fields: thin resolvers that turn the input into the
domain's request once, call the rule, and map the record it answers) and `types` (and `plan.inputs`).
The rules live in domains/customer_relationship_management/. Beside them: `book` (an RM's book and
the activity-trend review), `analytics` (plan coverage, goal attainment, book make-up and performance),
`network` (the customer network, households, corporate structures, shortest paths), `matching`
(products matched through the graph, a suggestion turned into a lead), `vocabulary` (the domain's
codes as GraphQL enums), `references` (shared references and arguments), `access` (the request's principal).
"""

from __future__ import annotations

import strawberry

from resolvers.customer_relationship_management.analytics import (
    RelationshipAnalyticsMutation,
    RelationshipAnalyticsQuery,
)
from resolvers.customer_relationship_management.book import BookMutation, BookQuery
from resolvers.customer_relationship_management.contact.operations import ContactMutation, ContactQuery
from resolvers.customer_relationship_management.development.operations import DevelopmentMutation, DevelopmentQuery
from resolvers.customer_relationship_management.incident.operations import IncidentMutation, IncidentQuery
from resolvers.customer_relationship_management.matching import ProductMatchingMutation, ProductMatchingQuery
from resolvers.customer_relationship_management.network import NetworkMutation, NetworkQuery
from resolvers.customer_relationship_management.plan.operations import PlanMutation, PlanQuery

__all__ = ["CustomerRelationshipManagementMutation", "CustomerRelationshipManagementQuery"]


@strawberry.type
class CustomerRelationshipManagementQuery(PlanQuery, DevelopmentQuery, IncidentQuery, ContactQuery, BookQuery,
                                          RelationshipAnalyticsQuery, NetworkQuery, ProductMatchingQuery):
    pass


@strawberry.type
class CustomerRelationshipManagementMutation(PlanMutation, DevelopmentMutation, IncidentMutation, ContactMutation,
                                             BookMutation, RelationshipAnalyticsMutation, NetworkMutation,
                                             ProductMatchingMutation):
    pass
