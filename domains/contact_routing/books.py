"""Relationship managers' books and backups: who manages a customer, who stands in for whom.

A customer has at most one relationship manager (`MANAGES {since}`), who must be a resource
of kind RELATIONSHIP_MANAGER; assigning another replaces the first. A resource has at most one
backup (`(backup)-[:BACKUP_FOR]->(resource)`), never itself; a relationship manager's backup is
a relationship manager, so the customers routing prefers the backup for are still served by
an RM. Admins make both changes, each in one write transaction.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from gateway.security.auth import Role, allow
from graph.database import Transaction
from graph.errors import Conflict, NotFound, ValidationFailed
from graph.queries import load
from resolvers.contact_routing.resources import ServicingResource, read
from resolvers.contact_routing.vocabulary import ResourceKind
from resolvers.context import Info
from resolvers.customer_event_history.capture import log_event
from resolvers.customer_event_history.timeline import EventCategory

RELATIONSHIP_MANAGER_CONTEXT = load("contact_routing/relationship_manager_context")
ASSIGN_RELATIONSHIP_MANAGER = load("contact_routing/assign_relationship_manager")
BACKUP_CONTEXT = load("contact_routing/backup_context")
SET_RESOURCE_BACKUP = load("contact_routing/set_resource_backup")

RM = ResourceKind.RELATIONSHIP_MANAGER.value


@strawberry.type(description="A customer's relationship manager after an assignment.")
class RelationshipManagerAssignment:
    customer_id: strawberry.ID = strawberry.field(description="The managed customer's identifier.")
    relationship_manager: ServicingResource = strawberry.field(description="The customer's relationship manager now.")
    since: datetime.date = strawberry.field(description="Since when the relationship manager manages the customer.")
    previous_resource_id: strawberry.ID | None = strawberry.field(
        description="Who managed the customer before; null if nobody did or it was the same resource.")


async def assign(info: Info, customer_id: str, resource_id: str) -> RelationshipManagerAssignment:
    async def work(tx: Transaction) -> RelationshipManagerAssignment:
        [context] = await tx.run(RELATIONSHIP_MANAGER_CONTEXT, customerId=customer_id, resourceId=resource_id)
        if not context["customerExists"]:
            raise NotFound(f"no customer has the id {customer_id}", field="customerId")
        if context["kind"] is None:
            raise NotFound(f"no servicing resource has the id {resource_id}", field="resourceId")
        if context["kind"] != RM:
            raise Conflict(f"{resource_id} is a {context['kind']}, not a RELATIONSHIP_MANAGER", field="resourceId")
        current = context["currentManagers"]
        previous = next((m["resourceId"] for m in current if m["resourceId"] != resource_id), None)
        # Already the RM: nothing to change, unless the MANAGES lacks its since (written in Browser):
        # then it is replaced like any assignment, dated today (docs/graph-model.md, MANAGES).
        if [m["resourceId"] for m in current] == [resource_id] and current[0]["since"] is not None:
            since = current[0]["since"]
        else:
            [row] = await tx.run(ASSIGN_RELATIONSHIP_MANAGER, customerId=customer_id, resourceId=resource_id,
                                 since=datetime.datetime.now(datetime.UTC).date())
            since = row["since"]
            await log_event(tx, customer_id, EventCategory.RELATIONSHIP, "RELATIONSHIP_MANAGER_ASSIGNED",
                            by=info.context.caller.subject, result="ASSIGNED",
                            record=f"relationship manager {resource_id}" + (f", was {previous}" if previous else ""))
        return RelationshipManagerAssignment(
            customer_id=strawberry.ID(customer_id), relationship_manager=await read(tx, resource_id),
            since=since.to_native(), previous_resource_id=None if previous is None else strawberry.ID(previous))

    result: RelationshipManagerAssignment = await info.context.db.transact(work)

    return result


async def set_backup(info: Info, resource_id: str, backup_id: str | None) -> ServicingResource:
    if backup_id == resource_id:
        raise ValidationFailed("a resource cannot be its own backup", field="backupResourceId")

    async def work(tx: Transaction) -> ServicingResource:
        [context] = await tx.run(BACKUP_CONTEXT, resourceId=resource_id, backupResourceId=backup_id)
        if context["kind"] is None:
            raise NotFound(f"no servicing resource has the id {resource_id}", field="resourceId")
        if backup_id is not None and context["backupKind"] is None:
            raise NotFound(f"no servicing resource has the id {backup_id}", field="backupResourceId")
        if backup_id is not None and context["kind"] == RM and context["backupKind"] != RM:
            raise Conflict(f"a relationship manager's backup must be a relationship manager; {backup_id} is a "
                           f"{context['backupKind']}", field="backupResourceId")
        await tx.run(SET_RESOURCE_BACKUP, resourceId=resource_id, backupResourceId=backup_id)
        return await read(tx, resource_id)

    result: ServicingResource = await info.context.db.transact(work)

    return result


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
        return await assign(info, str(customer_id), str(resource_id))

    @strawberry.mutation(description="Sets who stands in for a resource, replacing any other backup; null leaves it "
                                     "without one (admins only). A resource is never its own backup.",
                         extensions=allow(Role.ADMIN))
    async def set_resource_backup(
        self, info: Info,
        resource_id: Annotated[strawberry.ID, strawberry.argument(description="The resource to back up.")],
        backup_resource_id: Annotated[strawberry.ID | None, strawberry.argument(
            description="The resource that stands in for it; null or left out: nobody.")] = None,
    ) -> ServicingResource:
        return await set_backup(info, str(resource_id), None if backup_resource_id is None else str(backup_resource_id))
