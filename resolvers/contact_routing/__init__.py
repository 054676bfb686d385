"""Contact Routing (BIAN), the GraphQL side: types, inputs and thin resolvers over the rules in
domains/contact_routing/.

`pools` (ServicingPool: Provide, Update, Retrieve with its members and assignments), `resources`
(register, change and read servicing resources), `status` (Capture of a resource's status),
`books` (relationship managers' books and backups), `vocabulary` (the enums they share),
`decision` (the request's input and the routing decision's dry run: ranked candidates with their
explanations), `statistics` (per-pool statistics), `allocation` (request, update, capture and
retrieve allocations), `desktop` (the subscriptions: a resource's offers, a pool's activity) on
`live` (the process's feed of routing changes: transport, see its docstring). `dispatch` only
re-exports the domain's dispatcher for app.py and the tests until the merge repoints them.
"""

from __future__ import annotations

import strawberry

from resolvers.contact_routing.allocation import AllocationMutation, AllocationQuery
from resolvers.contact_routing.books import BookMutation
from resolvers.contact_routing.decision import DecisionQuery
from resolvers.contact_routing.pools import PoolMutation, PoolQuery
from resolvers.contact_routing.resources import ResourceMutation, ResourceQuery
from resolvers.contact_routing.statistics import StatisticsQuery
from resolvers.contact_routing.status import StatusMutation

__all__ = ["ContactRoutingMutation", "ContactRoutingQuery"]


@strawberry.type
class ContactRoutingQuery(PoolQuery, ResourceQuery, DecisionQuery, StatisticsQuery, AllocationQuery):
    pass


@strawberry.type
class ContactRoutingMutation(PoolMutation, ResourceMutation, StatusMutation, BookMutation, AllocationMutation):
    pass
