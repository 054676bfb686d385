"""Object-level rule: a relationship manager reaches only its own book of customers.

The book of a servicing resource: the customers it MANAGES, those of the relationship managers
it is BACKUP_FOR, the customers it currently serves through an allocation offered to it
(PENDING or ACCEPTED: contact centres route customers outside the book to it), and those of the
open leads it owns. Admins and
analysts see every customer; a frontend-only principal keeps what its role gives it.

The rule is answered in the database by one statement,
cypher/customer_relationship_management/book_access.cypher, asked before a request's other Cypher
(for changes, first thing in their write transaction where they have one). It binds reads and
changes alike; docs/security.md lists every field it guards. Nested fields are guarded on their
types (gateway/security/book_guard.py), through `book_loader`. A relationship manager also acts
only as its own servicing resource (require_own_resource).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from strawberry.dataloader import DataLoader

from gateway.security.auth import Principal, Role
from graph.errors import Forbidden, NotFound
from graph.queries import load
from resolvers.context import Context, found_in_book

BOOK_ACCESS = load("customer_relationship_management/book_access")

Runner = Callable[..., Awaitable[list[Any]]]
UNRESTRICTED = frozenset({Role.ADMIN, Role.ANALYST})
BOUND = frozenset({Role.RELATIONSHIP_MANAGER})
# What a by-id look-up may name, as the keys of book_access.cypher's $accesses.
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


def access(**ids: str | None) -> dict[str, str | None]:
    """One of book_access.cypher's $accesses: the object `ids` names (one of KEYS), the other keys null."""
    unknown = set(ids) - set(KEYS)
    assert not unknown, f"book_access.cypher cannot look up {unknown}"
    return {**dict.fromkeys(KEYS), **ids}


async def reach(run: Runner, holder: str | None, accesses: list[dict[str, str | None]]) -> dict[int, Any]:
    """book_access.cypher's row for each access that names an existing customer, by position."""
    rows = await run(BOOK_ACCESS, accesses=accesses, resourceId=holder)
    found = found_in_book.get()
    if found is not None and holder is not None:
        found.update((holder, row["customerId"]) for row in rows if row["inBook"])
    return {row["position"]: row for row in rows}


def check_row(row: Any, holder: str | None, field: str, what: str) -> Any:
    """The access row, or NOT_FOUND naming `field` (no such object) / FORBIDDEN (outside the book)."""
    if row is None:
        raise NotFound(f"no {what}", field=field)
    if not row["inBook"]:
        raise outside_the_book(row["customerId"], holder, field)
    return row


def outside_the_book(customer_id: str, holder: str | None, field: str) -> Forbidden:
    return Forbidden(f"customer {customer_id} is not in the book of relationship manager {holder}: it neither "
                     "manages the customer, backs up the RM who does, nor serves it through an allocation "
                     "offered to it", field=field)


def runner(db: Any) -> Runner:
    """How to ask a statement of `db`: a Database (a read transaction of its own) or a Transaction."""
    run: Runner = getattr(db, "read", None) or db.run
    return run


async def require_reach(db: Any, who: Principal, field: str, what: str, **ids: str | None) -> None:
    """Raise FORBIDDEN naming `field` when the customer of the object named by `ids` (one of KEYS)
    is outside `who`'s book; NOT_FOUND when there is no such object. No Cypher at all for a
    principal no book bounds. `db` is a Database (read) or a Transaction (run)."""
    holder = book_holder(who)
    if holder is None:
        return
    rows = await reach(runner(db), holder, [access(**ids)])
    check_row(rows.get(0), holder, field, what)


async def require_reach_for(info: Any, field: str, what: str, **ids: str | None) -> None:
    """require_reach for a resolver: the request's principal and database (`info` a Info)."""
    await require_reach(info.context.db, info.context.principal, field, what, **ids)


def in_book_already(holder: str, customer_id: str) -> bool:
    """Whether a book check of this operation has already found the customer in `holder`'s book."""
    found = found_in_book.get()
    return found is not None and (holder, customer_id) in found


def book_loader(context: Context, holder: str) -> DataLoader[str, bool]:
    """The operation's batched question "is this customer in `holder`'s book?" (gateway/security/book_guard.py
    asks it for every field of a customer's objects): one book_access.cypher round trip per wave."""

    async def in_book(customer_ids: Sequence[str]) -> list[bool]:
        rows = await reach(context.db.read, holder, [access(customerId=c) for c in customer_ids])
        # No row: no such customer; nothing of it is shown to a book-bound principal.
        return [bool(rows[i]["inBook"]) if i in rows else False for i in range(len(customer_ids))]

    loader: DataLoader[str, bool] = context.loader(f"book of {holder}", in_book)
    return loader


def mark_in_book(context: Context, customer_ids: Sequence[str]) -> None:
    """Tell the operation's book guard these customers are in its principal's book (a list the
    book's own statement filtered), so their fields cost no round trip."""
    holder = book_holder(context.principal) if context.principal is not None else None
    found = found_in_book.get()
    if holder is not None and found is not None:
        found.update((holder, customer_id) for customer_id in customer_ids)


def require_own_resource(who: Principal, resource_id: str | None, field: str, action: str) -> str:
    """The servicing resource `who` acts on: `resource_id`, defaulting to its own; FORBIDDEN naming
    `field` when a relationship manager names another resource (admins, analysts and front ends act
    on any). `action` says what the rule allows, e.g. "reads only its own book"."""
    wanted = acting_resource(who) if resource_id is None else str(resource_id)
    holder = book_holder(who)
    if holder is not None and wanted != holder:
        raise Forbidden(f"a relationship manager {action}: it acts as {holder}, not {wanted}", field=field)
    return wanted
