"""Object-level rule: a relationship manager reaches only its own book of customers.

The book of a servicing resource: the customers it MANAGES, those of the relationship managers
it is BACKUP_FOR, and the customers it currently serves through an allocation offered to it
(PENDING or ACCEPTED: contact centres route customers outside the book to it). Admins and
analysts see every customer; a frontend-only principal keeps what its role gives it.

The rule is answered in the database by one statement,
cypher/customer_relationship_management/book_access.cypher, asked before a request's other Cypher.
"""

from __future__ import annotations

from typing import Any

from graph.errors import Forbidden, NotFound
from graph.queries import load
from resolvers.auth import Principal, Role

BOOK_ACCESS = load("customer_relationship_management/book_access")

UNRESTRICTED = frozenset({Role.ADMIN, Role.ANALYST})
BOUND = frozenset({Role.RELATIONSHIP_MANAGER})
# What a by-id look-up may name, as book_access.cypher's $access keys.
KEYS = ("customerId", "planId", "leadId", "developmentId", "eventId", "eventLogId", "partyStateId",
        "indicatorId", "allocationId")


def acting_resource(who: Principal) -> str:
    """The servicing resource `who` acts as: the token's resourceId claim, else its subject
    (the convention from before the claim existed: a subject that is a resourceId)."""
    return who.resource_id or who.subject


def book_holder(who: Principal) -> str | None:
    """The resourceId whose book bounds what `who` reaches; None when no book bounds it
    (admins, analysts, and principals that are not relationship managers)."""
    if who.has_any(UNRESTRICTED) or not who.has_any(BOUND):
        return None
    return acting_resource(who)


def access_parameters(holder: str | None, **ids: str | None) -> dict[str, Any]:
    unknown = set(ids) - set(KEYS)
    assert not unknown, f"book_access.cypher cannot look up {unknown}"
    return {**dict.fromkeys(KEYS), **ids, "resourceId": holder}


def check_row(rows: list[Any], holder: str | None, field: str, what: str) -> Any:
    """The access row, or NOT_FOUND naming `field` (no such object) / FORBIDDEN (outside the book)."""
    if not rows:
        raise NotFound(f"no {what}", field=field)
    row = rows[0]
    if not row["inBook"]:
        raise Forbidden(f"customer {row['customerId']} is not in the book of relationship manager {holder}: it "
                        "neither manages the customer, backs up the RM who does, nor serves it through an "
                        "allocation offered to it", field=field)
    return row


async def require_reach(db: Any, who: Principal, field: str, what: str, **ids: str | None) -> None:
    """Raise FORBIDDEN naming `field` when the customer of the object named by `ids` (one of KEYS)
    is outside `who`'s book; NOT_FOUND when there is no such object. No Cypher at all for a
    principal no book bounds. `db` is a Database (read) or a Transaction (run)."""
    holder = book_holder(who)
    if holder is None:
        return
    parameters = access_parameters(holder, **ids)
    run = getattr(db, "read", None) or db.run
    check_row(await run(BOOK_ACCESS, access=parameters), holder, field, what)


async def require_reach_for(info: Any, field: str, what: str, **ids: str | None) -> None:
    """require_reach for a resolver: the request's principal and database (`info` a strawberry.Info)."""
    await require_reach(info.context.db, info.context.principal, field, what, **ids)
