"""Customer Relationship Management (BIAN): the customer network, product matching and, next, the
relationship plan with its development, incidents and contacts.

One module per job: `network` (the customer network around a customer, households and corporate
structures, the shortest path between two customers), `matching` (products the customer's
household, related parties and segment peers hold that the customer lacks and may have, and a
suggestion turned into a lead).
"""

from __future__ import annotations

import strawberry

from resolvers.customer_relationship_management.matching import ProductMatchingMutation, ProductMatchingQuery
from resolvers.customer_relationship_management.network import NetworkMutation, NetworkQuery

__all__ = ["CustomerRelationshipManagementMutation", "CustomerRelationshipManagementQuery"]


@strawberry.type
class CustomerRelationshipManagementQuery(NetworkQuery, ProductMatchingQuery):
    pass


@strawberry.type
class CustomerRelationshipManagementMutation(NetworkMutation, ProductMatchingMutation):
    pass
