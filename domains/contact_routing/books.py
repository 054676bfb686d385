"""Relationship managers' books and backups: who manages a customer, who stands in for whom.

A customer has at most one relationship manager (`MANAGES {since}`), who must be a resource
of kind RELATIONSHIP_MANAGER; assigning another replaces the first. A resource has at most one
backup (`(backup)-[:BACKUP_FOR]->(resource)`), never itself; a relationship manager's backup is
a relationship manager, so the customers routing prefers the backup for are still served by
an RM. Each change is one write transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from domains.contact_routing.resources import read
from domains.contact_routing.vocabulary import RELATIONSHIP_MANAGER

# Customer Event History's capture still lives with its resolvers (a cross-domain leftover).
from domains.customer_event_history.capture import log_event
from domains.customer_event_history.categories import EventCategory
from domains.found import present, unknown
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, ValidationFailed
from graph.queries import load

RELATIONSHIP_MANAGER_CONTEXT = load("contact_routing/relationship_manager_context")
ASSIGN_RELATIONSHIP_MANAGER = load("contact_routing/assign_relationship_manager")
BACKUP_CONTEXT = load("contact_routing/backup_context")
SET_RESOURCE_BACKUP = load("contact_routing/set_resource_backup")


@dataclass(frozen=True)
class Assignment:
    """A customer's relationship manager after an assignment, and who it replaced (None: nobody, or itself)."""

    customer_id: str
    relationship_manager: Record
    since: datetime.date
    previous_resource_id: str | None


async def assign(db: Database, who: Principal, customer_id: str, resource_id: str) -> Assignment:
    """Makes the relationship manager the customer's RM since today, replacing any other."""

    async def work(tx: Transaction) -> Assignment:
        [context] = await tx.run(RELATIONSHIP_MANAGER_CONTEXT, customerId=customer_id, resourceId=resource_id)
        if not context["customerExists"]:
            raise unknown("customer", customer_id, "customerId")
        kind = present(context["kind"], "servicing resource", resource_id, "resourceId")
        if kind != RELATIONSHIP_MANAGER:
            raise Conflict(f"{resource_id} is a {kind}, not a RELATIONSHIP_MANAGER", field="resourceId")
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
                            by=who.subject, result="ASSIGNED",
                            record=f"relationship manager {resource_id}" + (f", was {previous}" if previous else ""))
        return Assignment(customer_id, await read(tx, resource_id), since.to_native(), previous)

    return await db.transact(work)


async def set_backup(db: Database, resource_id: str, backup_id: str | None) -> Record:
    """Sets who stands in for the resource (None: nobody); the resource as it is then."""
    if backup_id == resource_id:
        raise ValidationFailed("a resource cannot be its own backup", field="backupResourceId")

    async def work(tx: Transaction) -> Record:
        [context] = await tx.run(BACKUP_CONTEXT, resourceId=resource_id, backupResourceId=backup_id)
        kind = present(context["kind"], "servicing resource", resource_id, "resourceId")
        if backup_id is not None:
            backup_kind = present(context["backupKind"], "servicing resource", backup_id, "backupResourceId")
            if kind == RELATIONSHIP_MANAGER and backup_kind != RELATIONSHIP_MANAGER:
                raise Conflict(f"a relationship manager's backup must be a relationship manager; {backup_id} is a "
                               f"{backup_kind}", field="backupResourceId")
        await tx.run(SET_RESOURCE_BACKUP, resourceId=resource_id, backupResourceId=backup_id)
        return await read(tx, resource_id)

    return await db.transact(work)
