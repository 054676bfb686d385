"""The CustomerEventLog control record: Initiate, Update, Retrieve (BIAN).

A customer's log opens with the first event captured for the customer, or explicitly with
Initiate. A CLOSED log (e.g. the customer left) takes no new events until it is reopened.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domains.customer_event_history.categories import EventCategory, sees_fraud
from domains.found import found, unknown
from domains.inputs import text
from gateway.security.auth import Principal
from gateway.security.book import require_reach
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, ValidationFailed
from graph.queries import load
from graph.temporal import now

INITIATE_EVENT_LOG = load("customer_event_history/initiate_event_log")
UPDATE_EVENT_LOG = load("customer_event_history/update_event_log")
EVENT_LOG_BY_ID = load("customer_event_history/event_log_by_id")
NOTE_LENGTH = 2000


async def retrieve(db: Database, principal: Principal, event_log_id: str) -> dict[str, Any]:
    """The log, if the principal reaches its customer (see `read`)."""
    await require_reach(db, principal, "eventLogId", f"event log '{event_log_id}'", eventLogId=event_log_id)
    return await read(db, principal, event_log_id)


async def read(db: Database, principal: Principal, event_log_id: str) -> dict[str, Any]:
    """The log, its events counted per category the principal may see, in category order."""
    log = dict(found(await db.read(EVENT_LOG_BY_ID, eventLogId=event_log_id), "event log", event_log_id,
                     "eventLogId")["log"])
    order = [category.name for category in EventCategory]
    counts = [c for c in log["counts"] if sees_fraud(principal) or c["category"] != EventCategory.FRAUD.name]
    return {**log, "status": log.get("status") or "ACTIVE",
            "counts": sorted(counts, key=lambda c: order.index(c["category"]))}


async def initiate(db: Database, principal: Principal, customer_id: str, note: str | None) -> dict[str, Any]:
    """Opens the customer's log and reads it back; CONFLICT when the customer has one."""
    checked = text(note, "note", NOTE_LENGTH, required=False)

    async def work(tx: Transaction) -> str:
        await require_reach(tx, principal, "customerId", f"customer '{customer_id}'", customerId=customer_id)
        row = found(await tx.run(INITIATE_EVENT_LOG, customerId=customer_id, note=checked, now=now(),
                                 createdBy=principal.subject), "customer", customer_id, "customerId")
        if not row["created"]:
            raise Conflict(f"customer '{customer_id}' already has event log '{row['eventLogId']}'", field="customerId")
        return str(row["eventLogId"])

    return await read(db, principal, await db.transact(work))


async def update(db: Database, principal: Principal, event_log_id: str,
                 given: Mapping[str, str | None]) -> dict[str, Any]:
    """Closes or reopens the log, or changes its note: `given` holds "status" and/or "note" (None clears a note)."""
    if not given:
        raise ValidationFailed("give status or note", field="changes")
    if "status" in given and given["status"] is None:
        raise ValidationFailed("status cannot be cleared; give ACTIVE or CLOSED", field="changes.status")
    note = text(given["note"], "changes.note", NOTE_LENGTH, required=False) if "note" in given else None
    status = given.get("status")
    names = [name for name in ("status", "note") if name in given]

    async def work(tx: Transaction) -> list[Record]:
        await require_reach(tx, principal, "eventLogId", f"event log '{event_log_id}'", eventLogId=event_log_id)
        return await tx.run(UPDATE_EVENT_LOG, eventLogId=event_log_id, set=names, status=status, note=note,
                            now=now(), updatedBy=principal.subject)

    if not await db.transact(work):
        raise unknown("event log", event_log_id, "eventLogId")
    return await read(db, principal, event_log_id)
