"""Contact Routing (BIAN): servicing pools and resources, the ground routing decisions stand on.

One module per job: `pools` (ServicingPool: Provide, Update, Retrieve with its members and
assignments), `resources` (register, change and read servicing resources), `status` (Capture
of a resource's status and availability), `books` (relationship managers' books and backups),
`vocabulary` (the codes and checks they share), `decision` (the routing decision's
read side: ranked candidates with their explanations, as a dry run), `statistics` (per-pool
statistics: live members and queue, and the pool's work over a window), `allocation` (request,
update, capture and retrieve allocations) on `dispatch` (claiming capacity, queueing,
re-routing, and the background dispatcher).
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
