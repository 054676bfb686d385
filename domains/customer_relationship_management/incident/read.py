"""BIAN RetrieveIncident: a plan's incidents as troubleshooting sees them, each with the product or
service activity it concerns. One read transaction: the book check, then one statement.
"""

from __future__ import annotations

from typing import Any

from gateway.security.auth import Principal
from graph.database import Database, Transaction
from graph.errors import NotFound
from graph.queries import load
from resolvers.customer_relationship_management.access import require_in_book, shows_narratives
from resolvers.customer_relationship_management.incident.types import RelationshipIncident
from resolvers.customer_relationship_management.vocabulary import IncidentStatus

INCIDENT_RECORDS = load("customer_relationship_management/incident_records")


async def incidents(db: Database, who: Principal, plan_id: str, *, incident_id: str | None = None,
                    statuses: list[IncidentStatus] | None = None, check_book: bool = True,
                    plan_field: str = "planId") -> list[RelationshipIncident]:
    """The plan's incidents (only `incident_id`, only `statuses` when given), highest priority then
    oldest first; NOT_FOUND for an unknown plan, FORBIDDEN outside an RM's book (unless the caller
    has just checked that in its own transaction: `check_book` False)."""
    asked: dict[str, Any] = {"planId": plan_id, "incidentId": incident_id,
                             "statuses": None if statuses is None else [s.name for s in statuses]}

    async def work(tx: Transaction) -> list[dict[str, Any]]:
        if check_book:
            await require_in_book(tx, who, plan_field, plan_id=plan_id)
        return [row["incident"] for row in await tx.run(INCIDENT_RECORDS, incidents=asked)]

    rows = await db.read_transact(work)
    narratives = shows_narratives(who)
    return [RelationshipIncident.from_record(row, narratives) for row in rows]


async def incident(db: Database, who: Principal, plan_id: str, incident_id: str, *,
                   check_book: bool = True) -> RelationshipIncident:
    """One incident of the plan; NOT_FOUND naming incidentId when the plan has no such incident."""
    found = await incidents(db, who, plan_id, incident_id=incident_id, check_book=check_book)
    if not found:
        raise NotFound(f"relationship plan {plan_id} has no incident {incident_id}", field="incidentId")
    return found[0]
