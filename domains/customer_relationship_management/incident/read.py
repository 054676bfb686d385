"""BIAN RetrieveIncident: a plan's incidents as troubleshooting sees them, each with the product or
service activity it concerns. One read transaction: the book check, then one statement; a step
reads its incident back with `incident_records` in its own transaction.
"""

from __future__ import annotations

from typing import Any

from domains.customer_relationship_management.access import require_in_book
from domains.customer_relationship_management.vocabulary import IncidentStatus
from domains.found import unknown
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.queries import load

INCIDENT_RECORDS = load("customer_relationship_management/incident_records")


async def incident_records(tx: Transaction, plan_id: str, *, incident_id: str | None = None,
                           statuses: list[IncidentStatus] | None = None) -> list[Record]:
    """The plan's incidents (only `incident_id`, only `statuses` when given), highest priority then oldest first."""
    asked: dict[str, Any] = {"planId": plan_id, "incidentId": incident_id,
                             "statuses": None if statuses is None else [s.name for s in statuses]}
    return [row["incident"] for row in await tx.run(INCIDENT_RECORDS, incidents=asked)]


def the_incident(rows: list[Record], plan_id: str, incident_id: str) -> Record:
    """The one incident asked for; NOT_FOUND naming incidentId when the plan has no such incident."""
    if not rows:
        raise unknown("incident", incident_id, "incidentId", owner=f"relationship plan {plan_id}")
    return rows[0]


async def incidents(db: Database, who: Principal, plan_id: str, *, incident_id: str | None = None,
                    statuses: list[IncidentStatus] | None = None) -> list[Record]:
    """The plan's incidents; NOT_FOUND for an unknown plan, FORBIDDEN outside an RM's book."""
    async def work(tx: Transaction) -> list[Record]:
        await require_in_book(tx, who, "planId", plan_id=plan_id)
        return await incident_records(tx, plan_id, incident_id=incident_id, statuses=statuses)

    return await db.read_transact(work)


async def incident(db: Database, who: Principal, plan_id: str, incident_id: str) -> Record:
    """One incident of the plan; NOT_FOUND naming incidentId when the plan has no such incident."""
    return the_incident(await incidents(db, who, plan_id, incident_id=incident_id), plan_id, incident_id)
