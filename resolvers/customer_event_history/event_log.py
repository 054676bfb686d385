"""The CustomerEventLog control record: Initiate, Update, Retrieve (BIAN).

A customer's log opens with the first event captured for the customer, or explicitly with
Initiate. A CLOSED log (e.g. the customer left) takes no new events until it is reopened.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Any

import strawberry

from domains.inputs import text
from gateway.security.auth import Principal, Role, allow
from gateway.security.book import require_reach, require_reach_for
from graph.database import Record, Transaction
from graph.errors import Conflict, NotFound, ValidationFailed
from graph.queries import load
from graph.temporal import native
from resolvers.context import Info
from resolvers.customer_event_history.capture import CAPTURERS
from resolvers.customer_event_history.timeline import TIMELINE_READERS, EventCategory

INITIATE_EVENT_LOG = load("customer_event_history/initiate_event_log")
UPDATE_EVENT_LOG = load("customer_event_history/update_event_log")
EVENT_LOG_BY_ID = load("customer_event_history/event_log_by_id")
NOTE_LENGTH = 2000
LOG_MANAGERS = (Role.RELATIONSHIP_MANAGER, Role.ADMIN)


@strawberry.enum(description="Whether a customer's event log takes new events.")
class EventLogStatus(enum.Enum):
    ACTIVE = strawberry.enum_value("ACTIVE", description="Events are captured.")
    CLOSED = strawberry.enum_value("CLOSED", description="No new events (e.g. the customer left); history stays readable.")


@strawberry.type(description="How many events of one category a log holds.")
class EventCount:
    category: EventCategory = strawberry.field(description="The category.")
    events: int = strawberry.field(description="How many events of it the log holds.")
    latest: datetime.datetime | None = strawberry.field(description="When the newest of them happened.")


@strawberry.type(description="A customer's event log (BIAN CustomerEventLog); the events are on `Customer.events`.")
class CustomerEventLog:
    event_log_id: strawberry.ID = strawberry.field(description="The log's identifier, EL-<customerId>.")
    customer_id: strawberry.ID = strawberry.field(description="The customer whose history it is.")
    status: EventLogStatus = strawberry.field(description="Whether it takes new events.")
    note: str | None = strawberry.field(description="A note kept on the log.")
    created_at: datetime.datetime | None = strawberry.field(description="When the log was opened through the gateway.")
    updated_at: datetime.datetime | None = strawberry.field(description="When it last changed.")
    counts: list[EventCount] = strawberry.field(
        description="Events per category (fraud only for relationship managers and admins).")

    @classmethod
    def from_record(cls, row: dict[str, Any], sees_fraud: bool) -> CustomerEventLog:
        counts = [EventCount(category=EventCategory(c["category"]), events=c["events"], latest=native(c["latest"]))
                  for c in row["counts"] if sees_fraud or c["category"] != EventCategory.FRAUD.name]
        return cls(
            event_log_id=strawberry.ID(row["eventLogId"]), customer_id=strawberry.ID(row["customerId"]),
            status=EventLogStatus(row.get("status") or "ACTIVE"), note=row.get("note"),
            created_at=native(row.get("createdAt")), updated_at=native(row.get("updatedAt")),
            counts=sorted(counts, key=lambda c: list(EventCategory).index(c.category)),
        )


@strawberry.input(description="Changes to an event log; only the fields given change.")
class UpdateCustomerEventLogInput:
    status: EventLogStatus | None = strawberry.field(default=strawberry.UNSET, description="Close or reopen the log.")
    note: str | None = strawberry.field(default=strawberry.UNSET, description="The note; null clears it.")


async def event_log(info: Info, event_log_id: str) -> CustomerEventLog:
    rows = await info.context.db.read(EVENT_LOG_BY_ID, eventLogId=event_log_id)
    if not rows:
        raise NotFound(f"no event log '{event_log_id}'", field="eventLogId")
    principal: Principal = info.context.caller
    return CustomerEventLog.from_record(rows[0]["log"], principal.sees_confidential)


@strawberry.type
class EventLogQuery:
    @strawberry.field(description="BIAN Retrieve: a customer's event log with its events counted per category.",
                      extensions=allow(*TIMELINE_READERS))
    async def customer_event_log(
        self, info: Info,
        event_log_id: Annotated[strawberry.ID, strawberry.argument(description="The log's id, EL-<customerId>.")],
    ) -> CustomerEventLog:
        await require_reach_for(info, "eventLogId", f"event log '{event_log_id}'", eventLogId=str(event_log_id))
        return await event_log(info, str(event_log_id))


@strawberry.type
class EventLogMutation:
    @strawberry.mutation(description="BIAN Initiate: open a customer's event log. CONFLICT if it has one "
                                     "(capturing an event also opens it).", extensions=allow(*CAPTURERS))
    async def initiate_customer_event_log(
        self, info: Info,
        customer_id: Annotated[strawberry.ID, strawberry.argument(description="The customer.")],
        note: Annotated[str | None, strawberry.argument(description="A note, at most 2000 characters.")] = None,
    ) -> CustomerEventLog:
        checked = text(note, "note", NOTE_LENGTH, required=False)
        principal: Principal = info.context.caller

        async def initiate(tx: Transaction) -> str:
            await require_reach(tx, principal, "customerId", f"customer '{customer_id}'", customerId=str(customer_id))
            rows = await tx.run(INITIATE_EVENT_LOG, customerId=str(customer_id), note=checked,
                                now=datetime.datetime.now(datetime.UTC), createdBy=principal.subject)
            if not rows:
                raise NotFound(f"no customer '{customer_id}'", field="customerId")
            if not rows[0]["created"]:
                raise Conflict(f"customer '{customer_id}' already has event log '{rows[0]['eventLogId']}'",
                               field="customerId")
            return str(rows[0]["eventLogId"])

        return await event_log(info, await info.context.db.transact(initiate))

    @strawberry.mutation(description="BIAN Update: close or reopen a customer's event log, or change its note.",
                         extensions=allow(*LOG_MANAGERS))
    async def update_customer_event_log(
        self, info: Info,
        event_log_id: Annotated[strawberry.ID, strawberry.argument(description="The log's id.")],
        changes: Annotated[UpdateCustomerEventLogInput, strawberry.argument(description="What to change.")],
    ) -> CustomerEventLog:
        given = [name for name, value in (("status", changes.status), ("note", changes.note))
                 if value is not strawberry.UNSET]
        if not given:
            raise ValidationFailed("give status or note", field="changes")
        if changes.status is None:
            raise ValidationFailed("status cannot be cleared; give ACTIVE or CLOSED", field="changes.status")
        note = None if changes.note is strawberry.UNSET else text(changes.note, "changes.note", NOTE_LENGTH, required=False)
        status = None if changes.status is strawberry.UNSET else changes.status.value
        principal: Principal = info.context.caller

        async def update(tx: Transaction) -> list[Record]:
            await require_reach(tx, principal, "eventLogId", f"event log '{event_log_id}'", eventLogId=str(event_log_id))
            return await tx.run(UPDATE_EVENT_LOG, eventLogId=str(event_log_id), set=given, status=status, note=note,
                                now=datetime.datetime.now(datetime.UTC), updatedBy=principal.subject)

        rows = await info.context.db.transact(update)
        if not rows:
            raise NotFound(f"no event log '{event_log_id}'", field="eventLogId")
        return await event_log(info, str(event_log_id))
