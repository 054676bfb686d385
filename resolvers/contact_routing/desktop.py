"""Live Contact Routing (BIAN Contact Routing, notifications): a resource's desktop and a pool's dashboard.

Two subscriptions over graphql-transport-ws, both fed by the process's one RoutingFeed
(live.py), so they see what any gateway instance or the dispatcher writes to Neo4j:
`allocationOffers` streams every change of the allocations offered to one resource (an offer
arrives as PENDING and ends ACCEPTED, TIMED_OUT, CANCELLED, ...); `servicingPoolActivity`
streams a pool's queue (allocations IN_POOL or QUEUED_IN it) and its members' status changes.
The resource or pool is checked once, when the subscription starts.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import AsyncGenerator, Callable
from contextlib import aclosing
from typing import Annotated, TypeVar

import strawberry

from domains.contact_routing.pools import require_pool
from domains.contact_routing.resources import require_followable
from gateway.routing_feed import ALLOCATION, Change, RoutingFeed, activity_of, offers_to
from gateway.security.auth import ALL_ROLES, Role, allow
from graph.database import Record
from graph.errors import Unavailable
from graph.temporal import native
from resolvers.contact_routing.decision import ContactChannel
from resolvers.contact_routing.vocabulary import AllocationStatus, ResourceStatus
from resolvers.context import Info

# AllocationStatus lives with the other Contact Routing codes (vocabulary.py); importable from here too.
__all__ = ["AllocationChange", "AllocationStatus", "DesktopSubscription", "PoolActivity", "PoolActivityKind"]

T = TypeVar("T")


@strawberry.enum(description="What a pool's activity message reports.")
class PoolActivityKind(enum.Enum):
    ALLOCATION = strawberry.enum_value("ALLOCATION", description="An allocation of the pool changed (see allocation).")
    RESOURCE_STATUS = strawberry.enum_value("RESOURCE_STATUS", description="A member of the pool changed its status.")


@strawberry.type(description="An allocation as it is after one change (BIAN CustomerServicingResourceAllocation).")
class AllocationChange:
    allocation_id: strawberry.ID = strawberry.field(description="The allocation's identifier, AL- + UUID.")
    contact_id: strawberry.ID = strawberry.field(description="The contact it serves: its first allocation's id.")
    customer_id: strawberry.ID = strawberry.field(description="The customer whose contact it is.")
    status: AllocationStatus = strawberry.field(description="Where the allocation is now; PENDING is an offer.")
    channel: ContactChannel = strawberry.field(description="The channel the contact arrived on.")
    priority: int = strawberry.field(description="The queue serves the highest first.")
    resource_id: strawberry.ID | None = strawberry.field(description="The resource it is assigned to; null while queued.")
    pool_id: strawberry.ID | None = strawberry.field(description="The pool its resource took it from; null when none.")
    queued_in_pool_ids: list[strawberry.ID] = strawberry.field(
        description="The pools it was queued in: it waits there while QUEUED; kept afterwards as a record.")
    requested_at: datetime.datetime = strawberry.field(description="When the contact first asked to be routed.")
    offer_expires_at: datetime.datetime | None = strawberry.field(
        description="When an offer lapses unless accepted; null when it was never offered.")
    updated_at: datetime.datetime = strawberry.field(description="When this change was made.")

    @classmethod
    def from_record(cls, row: Record) -> AllocationChange:
        return cls(
            allocation_id=strawberry.ID(row["allocationId"]), contact_id=strawberry.ID(row["contactId"]),
            customer_id=strawberry.ID(row["customerId"]), status=AllocationStatus(row["status"]),
            channel=ContactChannel(row["channel"]), priority=row["priority"],
            resource_id=_id(row["resourceId"]), pool_id=_id(row["poolId"]),
            queued_in_pool_ids=[strawberry.ID(p) for p in sorted(row["queuedInPoolIds"])],
            requested_at=native(row["requestedAt"]), offer_expires_at=native(row["offerExpiresAt"]),
            updated_at=native(row["updatedAt"]),
        )


@strawberry.type(description="One change in a servicing pool: an allocation of it, or a member's status.")
class PoolActivity:
    kind: PoolActivityKind = strawberry.field(description="Which of the two it is.")
    allocation: AllocationChange | None = strawberry.field(description="The allocation's new state; null for RESOURCE_STATUS.")
    resource_id: strawberry.ID | None = strawberry.field(
        description="The member whose status changed (RESOURCE_STATUS); for ALLOCATION, the allocation's resource.")
    resource_status: ResourceStatus | None = strawberry.field(description="The member's new status (RESOURCE_STATUS).")
    status_since: datetime.datetime | None = strawberry.field(description="When that status began (RESOURCE_STATUS).")
    at: datetime.datetime = strawberry.field(description="When the change was made.")

    @classmethod
    def from_change(cls, change: Change) -> PoolActivity:
        if change.kind == ALLOCATION:
            allocation = AllocationChange.from_record(change.row)
            return cls(kind=PoolActivityKind.ALLOCATION, allocation=allocation, resource_id=allocation.resource_id,
                       resource_status=None, status_since=None, at=change.instant)
        return cls(kind=PoolActivityKind.RESOURCE_STATUS, allocation=None, resource_id=strawberry.ID(change.row["resourceId"]),
                   resource_status=ResourceStatus(change.row["status"]), status_since=change.instant, at=change.instant)


@strawberry.type
class DesktopSubscription:
    @strawberry.subscription(description="Every change of the allocations offered to a resource, as it happens: an offer "
                                         "arrives PENDING, then ACCEPTED, REJECTED, TIMED_OUT, CANCELLED or COMPLETED. "
                                         "Starts with the resource's changes of the last few seconds. Agent desktops "
                                         "(frontend), relationship managers and admins.",
                             extensions=allow(Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN))
    async def allocation_offers(
        self, info: Info,
        resource_id: Annotated[strawberry.ID, strawberry.argument(description="The resource's identifier, e.g. R000011.")],
    ) -> AsyncGenerator[AllocationChange, None]:
        await require_followable(info.context.db, info.context.caller, str(resource_id))
        return _stream(_feed(info), offers_to(str(resource_id)), lambda change: AllocationChange.from_record(change.row))

    @strawberry.subscription(description="A servicing pool's queue and members as they change: its allocations (IN_POOL "
                                         "or QUEUED_IN) and its members' status. Starts with the pool's changes of the "
                                         "last few seconds. Every role.",
                             extensions=allow(*ALL_ROLES))
    async def servicing_pool_activity(
        self, info: Info,
        pool_id: Annotated[strawberry.ID, strawberry.argument(description="The pool's identifier, e.g. POOL-SALES.")],
    ) -> AsyncGenerator[PoolActivity, None]:
        await require_pool(info.context.db, str(pool_id))
        return _stream(_feed(info), activity_of(str(pool_id)), PoolActivity.from_change)


async def _stream(feed: RoutingFeed, wants: Callable[[Change], bool],
                  message: Callable[[Change], T]) -> AsyncGenerator[T, None]:
    # aclosing: a subscription that ends leaves the feed at once, not when collected.
    async with aclosing(feed.changes(wants)) as changes:
        async for change in changes:
            yield message(change)


def _feed(info: Info) -> RoutingFeed:
    feed: RoutingFeed | None = info.context.feed
    if feed is None:
        raise Unavailable("live feeds are not running in this process")
    return feed


def _id(value: str | None) -> strawberry.ID | None:
    return None if value is None else strawberry.ID(value)
