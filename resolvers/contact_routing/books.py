"""Relationship managers' books and backups, the GraphQL side: assignRelationshipManager and
setResourceBackup (admins only), thin resolvers over domains/contact_routing/books.py.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from domains.contact_routing import books as rules
from gateway.security.auth import Role, allow
from resolvers.contact_routing.resources import ServicingResource
from resolvers.context import Info


@strawberry.type(description="A customer's relationship manager after an assignment.")
class RelationshipManagerAssignment:
    customer_id: strawberry.ID = strawberry.field(description="The managed customer's identifier.")
    relationship_manager: ServicingResource = strawberry.field(description="The customer's relationship manager now.")
    since: datetime.date = strawberry.field(description="Since when the relationship manager manages the customer.")
    previous_resource_id: strawberry.ID | None = strawberry.field(
        description="Who managed the customer before; null if nobody did or it was the same resource.")


@strawberry.type
class BookMutation:
    @strawberry.mutation(description="Makes a relationship manager the customer's RM since today, replacing any other "
                                     "(admins only); CONFLICT unless the resource is a RELATIONSHIP_MANAGER.",
                         extensions=allow(Role.ADMIN))
    async def assign_relationship_manager(
        self, info: Info,
        customer_id: Annotated[strawberry.ID, strawberry.argument(description="The customer to manage, e.g. C0000042.")],
        resource_id: Annotated[strawberry.ID, strawberry.argument(description="The relationship manager, e.g. R000011.")],
    ) -> RelationshipManagerAssignment:
        done = await rules.assign(info.context.db, info.context.caller, str(customer_id), str(resource_id))
        previous = done.previous_resource_id
        return RelationshipManagerAssignment(
            customer_id=strawberry.ID(done.customer_id),
            relationship_manager=ServicingResource.from_record(done.relationship_manager), since=done.since,
            previous_resource_id=None if previous is None else strawberry.ID(previous))

    @strawberry.mutation(description="Sets who stands in for a resource, replacing any other backup; null leaves it "
                                     "without one (admins only). A resource is never its own backup.",
                         extensions=allow(Role.ADMIN))
    async def set_resource_backup(
        self, info: Info,
        resource_id: Annotated[strawberry.ID, strawberry.argument(description="The resource to back up.")],
        backup_resource_id: Annotated[strawberry.ID | None, strawberry.argument(
            description="The resource that stands in for it; null or left out: nobody.")] = None,
    ) -> ServicingResource:
        backup_id = None if backup_resource_id is None else str(backup_resource_id)
        return ServicingResource.from_record(await rules.set_backup(info.context.db, str(resource_id), backup_id))
