"""The CustomerEventLog control record in GraphQL: its type, input and Initiate/Update/Retrieve fields;
the rules are in domains/customer_event_history/event_log.py."""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Any

import strawberry

from domains.customer_event_history import event_log
from gateway.security.auth import Role, allow
from graph.temporal import native
from resolvers.context import Info
from resolvers.customer_event_history.categories import EventCategory
from resolvers.customer_event_history.timeline import TIMELINE_READERS

CAPTURERS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN)
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
    def from_record(cls, row: dict[str, Any]) -> CustomerEventLog:
        return cls(
            event_log_id=strawberry.ID(row["eventLogId"]), customer_id=strawberry.ID(row["customerId"]),
            status=EventLogStatus(row["status"]), note=row.get("note"),
            created_at=native(row.get("createdAt")), updated_at=native(row.get("updatedAt")),
            counts=[EventCount(category=EventCategory(c["category"]), events=c["events"], latest=native(c["latest"]))
                    for c in row["counts"]],
        )


@strawberry.input(description="Changes to an event log; only the fields given change.")
class UpdateCustomerEventLogInput:
    status: EventLogStatus | None = strawberry.field(default=strawberry.UNSET, description="Close or reopen the log.")
    note: str | None = strawberry.field(default=strawberry.UNSET, description="The note; null clears it.")


@strawberry.type
class EventLogQuery:
    @strawberry.field(description="BIAN Retrieve: a customer's event log with its events counted per category.",
                      extensions=allow(*TIMELINE_READERS))
    async def customer_event_log(
        self, info: Info,
        event_log_id: Annotated[strawberry.ID, strawberry.argument(description="The log's id, EL-<customerId>.")],
    ) -> CustomerEventLog:
        return CustomerEventLog.from_record(
            await event_log.retrieve(info.context.db, info.context.caller, str(event_log_id)))


@strawberry.type
class EventLogMutation:
    @strawberry.mutation(description="BIAN Initiate: open a customer's event log. CONFLICT if it has one "
                                     "(capturing an event also opens it).", extensions=allow(*CAPTURERS))
    async def initiate_customer_event_log(
        self, info: Info,
        customer_id: Annotated[strawberry.ID, strawberry.argument(description="The customer.")],
        note: Annotated[str | None, strawberry.argument(description="A note, at most 2000 characters.")] = None,
    ) -> CustomerEventLog:
        return CustomerEventLog.from_record(
            await event_log.initiate(info.context.db, info.context.caller, str(customer_id), note))

    @strawberry.mutation(description="BIAN Update: close or reopen a customer's event log, or change its note.",
                         extensions=allow(*LOG_MANAGERS))
    async def update_customer_event_log(
        self, info: Info,
        event_log_id: Annotated[strawberry.ID, strawberry.argument(description="The log's id.")],
        changes: Annotated[UpdateCustomerEventLogInput, strawberry.argument(description="What to change.")],
    ) -> CustomerEventLog:
        given: dict[str, str | None] = {}
        if changes.status is not strawberry.UNSET:
            given["status"] = None if changes.status is None else changes.status.name
        if changes.note is not strawberry.UNSET:
            given["note"] = changes.note
        return CustomerEventLog.from_record(
            await event_log.update(info.context.db, info.context.caller, str(event_log_id), given))
