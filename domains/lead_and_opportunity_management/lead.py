"""A lead as it is read, and the lock every change of a lead starts with.

One statement, `lead_by_id`, gives a lead with its customer, product, campaign, owner, origin,
offer and SALES_PROSPECT status in one round trip; the resolvers show that map as it is.
"""

from __future__ import annotations

from typing import Any

from domains.found import found
from domains.lead_and_opportunity_management.scoring import classify, score
from domains.lead_and_opportunity_management.vocabulary import OPEN_STATUSES, LeadStatus
from graph.database import Database, Record, Transaction
from graph.errors import Conflict
from graph.queries import load

LEAD_BY_ID = load("lead_and_opportunity_management/lead_by_id")
LEAD_LOCK = load("lead_and_opportunity_management/lead_lock")


def scored(lead: dict[str, Any]) -> dict[str, Any]:
    """The lead with its score and classification; a lead written outside the gateway may carry
    none, so they are derived as a change of priority would derive them."""
    points = lead.get("score")
    if points is None:
        points = score(lead["priority"], lead.get("scoreBasis") or 0)
    return {**lead, "score": points, "classification": lead.get("classification") or classify(points).name}


def _lead(rows: list[Record], lead_id: str, field: str) -> dict[str, Any]:
    return scored(found(rows, "lead", lead_id, field)["lead"])


async def read_lead(tx: Transaction, lead_id: str, field: str = "leadId") -> dict[str, Any]:
    """The lead as the transaction sees it (after its own writes); NOT_FOUND naming `field`."""
    return _lead(await tx.run(LEAD_BY_ID, leadId=lead_id), lead_id, field)


async def retrieve_lead(db: Database, lead_id: str, field: str = "leadId") -> dict[str, Any]:
    """BIAN Retrieve: one read transaction, one round trip; NOT_FOUND naming `field` for an unknown lead."""
    return _lead(await db.read(LEAD_BY_ID, leadId=lead_id), lead_id, field)


async def lock_lead(tx: Transaction, lead_id: str, field: str, *, resource_id: str | None = None) -> Record:
    """Write-locks the lead for the rest of the transaction and reads it under the lock (lead_lock:
    `now`, `customerId`, `productId`, `lead`, `namedResourceId` for `resource_id`); every change of a
    lead starts here. NOT_FOUND naming `field` for an unknown lead."""
    return found(await tx.run(LEAD_LOCK, lock={"leadId": lead_id, "resourceId": resource_id}), "lead", lead_id, field)


def require_open(lead_id: str, status: str, doing: str, field: str) -> None:
    """CONFLICT naming `field` unless the lead is open (CAPTURED to OFFER_INITIATED)."""
    if LeadStatus(status) not in OPEN_STATUSES:
        allowed = ", ".join(s.name for s in LeadStatus if s in OPEN_STATUSES)
        raise Conflict(f"lead {lead_id} is {status}: only open leads ({allowed}) can be {doing}", field=field)
