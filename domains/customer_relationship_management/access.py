"""Who may read and change which relationship plans: the relationship manager's book.

- `relationship_manager` works its own book (gateway/security/book.py): the customers it
  MANAGES, those of the RM it is BACKUP_FOR (it covers them), and those it serves through an
  allocation offered to it. The resource a principal acts as is its token's resourceId claim, else
  its subject (security.book.acting_resource).
- `admin` reads and changes every plan; `analyst` reads every plan without narratives (the plan's
  insight, the development tasks' descriptions and results, incident descriptions and resolutions,
  contact content and results); `frontend` reads nothing of plans.

`book_access.cypher` answers the question in the database, so the rule lives in one statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from gateway.security.auth import Principal, Role
from gateway.security.book import access, book_holder, check_row, reach
from graph.database import Transaction

PLAN_READERS = (Role.RELATIONSHIP_MANAGER, Role.ANALYST, Role.ADMIN)
PLAN_WRITERS = (Role.RELATIONSHIP_MANAGER, Role.ADMIN)
NARRATIVE_READERS = frozenset({Role.RELATIONSHIP_MANAGER, Role.ADMIN})


def shows_narratives(who: Principal) -> bool:
    return who.has_any(NARRATIVE_READERS)


@dataclass(frozen=True)
class BookAccess:
    customer_id: str
    customer_name: str
    relationship_manager_id: str | None
    covered_as_backup: bool


async def require_in_book(tx: Transaction, who: Principal, field: str, *, customer_id: str | None = None,
                          plan_id: str | None = None) -> BookAccess:
    """The customer (named, or the plan's) if `who` may work it; NOT_FOUND for an unknown customer or
    plan, FORBIDDEN naming `field` for a customer outside a relationship manager's book."""
    holder = book_holder(who)
    rows = await reach(tx.run, holder, [access(customerId=customer_id, planId=plan_id)])
    what = f"customer has the id {customer_id}" if customer_id is not None else f"relationship plan has the id {plan_id}"
    row = check_row(rows.get(0), holder, field, what)
    return BookAccess(customer_id=row["customerId"], customer_name=row["customerName"],
                      relationship_manager_id=row["relationshipManagerId"],
                      covered_as_backup=bool(holder) and bool(row["coveredAsBackup"]))
