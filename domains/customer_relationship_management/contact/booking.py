"""Booking a plan contact: the one way a PlanContact is created, shared by createRelationshipContact
and requestRelationshipPlan's ARRANGE_MEETING, and reading a contact of a plan.

A booking runs inside the step's write transaction, after lock_plan: the servicing resource is
locked and checked for an overlapping SCHEDULED contact (double booking), then the contact is
created and its Relationship event logged.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from domains.customer_relationship_management.access import require_in_book
from domains.customer_relationship_management.contact import rules as rules
from domains.customer_relationship_management.plan.lock import LockedPlan
from domains.customer_relationship_management.steps import StepKey, log_plan_step
from domains.customer_relationship_management.vocabulary import ContactDevice, ContactStatus, ContactType
from domains.found import found, unknown
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.errors import ValidationFailed
from graph.queries import load

BOOKING = load("customer_relationship_management/contact_booking")
CREATE = load("customer_relationship_management/contact_create")
CONTACT_OF_PLAN = load("customer_relationship_management/contact_of_plan")


@dataclass(frozen=True)
class Booking:
    """A contact to create, its text checked; `fields` names the input path ("input." or "input.meeting.")."""

    contact_type: ContactType
    status: ContactStatus
    scheduled_at: datetime.datetime
    duration_minutes: int
    location: str | None
    schedule_type: str | None
    purpose: str | None
    device: ContactDevice | None
    content: str | None
    result: str | None
    resource_id: str | None
    fields: str

    def request(self) -> dict[str, Any]:
        """What an idempotency fingerprint covers."""
        return {"contactType": self.contact_type.name, "status": self.status.name, "scheduledAt": self.scheduled_at,
                "durationMinutes": self.duration_minutes, "location": self.location, "scheduleType": self.schedule_type,
                "purpose": self.purpose, "device": None if self.device is None else self.device.name,
                "content": self.content, "result": self.result, "withResourceId": self.resource_id}

    def start(self, at: datetime.datetime) -> datetime.datetime:
        """The contact's time, checked against now: future when SCHEDULED, not future when HELD."""
        field = f"{self.fields}scheduledAt"
        if self.status is ContactStatus.SCHEDULED:
            return rules.future(self.scheduled_at, field, at)
        return rules.past(self.scheduled_at, field, at)


async def _resource(tx: Transaction, plan: LockedPlan, booking: Booking, start: datetime.datetime) -> str:
    """The resource the contact is with, locked; CONFLICT when a SCHEDULED contact would double-book it."""
    field = f"{booking.fields}withResourceId"
    resource_id = booking.resource_id or plan.row["ownerId"]
    if resource_id is None:
        raise ValidationFailed(f"relationship plan {plan.plan_id} has no owner to hold the contact: name {field}",
                               field=field)
    end = start + datetime.timedelta(minutes=booking.duration_minutes)
    row = found(await tx.run(BOOKING, booking={"resourceId": resource_id, "start": start, "end": end,
                                                "exceptContactId": None}), "servicing resource", resource_id, field)
    if booking.status is ContactStatus.SCHEDULED:
        rules.clash(row, f"{booking.fields}scheduledAt")
    return str(resource_id)


async def book(tx: Transaction, plan: LockedPlan, booking: Booking, by: str, step: StepKey, at: datetime.datetime,
               record: str | None = None) -> str:
    """Creates the contact on the locked, open plan and logs PLAN_CONTACT_SCHEDULED (PLAN_CONTACT_RECORDED for a
    HELD one) with `record`, or a description of the contact; returns its contactId."""
    start = booking.start(at)
    resource_id = await _resource(tx, plan, booking, start)
    contact_id = f"PC-{uuid.uuid4()}"
    properties = {**booking.request(), "contactId": contact_id, "scheduledAt": start,
                  "createdAt": at, "createdBy": by, "updatedAt": at, "updatedBy": by}
    del properties["withResourceId"]
    await tx.run(CREATE, contact={"planId": plan.plan_id, "resourceId": resource_id, "properties": properties})
    held = booking.status is ContactStatus.HELD
    described = (f"{booking.contact_type.name} with {resource_id} {'held' if held else 'scheduled'} at "
                 f"{start.isoformat()} for {booking.duration_minutes} minutes"
                 + (f": {booking.purpose}" if booking.purpose else ""))
    await log_plan_step(tx, customer_id=plan.access.customer_id, plan_id=plan.plan_id,
                        type="PLAN_CONTACT_RECORDED" if held else "PLAN_CONTACT_SCHEDULED", record=record or described, by=by,
                        step=step, subject_id=contact_id, resource_id=resource_id, result=booking.status.name, at=at)
    return contact_id


async def contact_row(tx: Transaction, plan_id: str, contact_id: str, field: str) -> Record:
    """The contact as contact_of_plan.cypher reads it; NOT_FOUND naming `field` when the plan has no such contact."""
    rows = await tx.run(CONTACT_OF_PLAN, planId=plan_id, contactId=contact_id)
    if not rows:
        raise unknown("contact", contact_id, field, owner=f"relationship plan {plan_id}")
    row: Record = rows[0]["contact"]
    return row



async def retrieve_contact(db: Database, who: Principal, plan_id: str, contact_id: str) -> Record:
    """BIAN RetrieveContact: the book check, then the contact; one read transaction."""
    async def work(tx: Transaction) -> Record:
        await require_in_book(tx, who, "planId", plan_id=plan_id)
        return await contact_row(tx, plan_id, contact_id, "contactId")

    return await db.read_transact(work)
