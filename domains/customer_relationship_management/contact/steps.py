"""The plan contact's steps (BIAN CreateContact, UpdateContact, RequestContact), each one write
transaction: lock_plan (access, the lock, a repeated idempotency key), the plan open, the contact's
move legal, the change, its Relationship event; then the contact as it is now.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from domains.customer_relationship_management.contact import rules as rules
from domains.customer_relationship_management.contact.booking import BOOKING, Booking, book, contact_row
from domains.customer_relationship_management.plan.lock import lock_plan, require_open_plan
from domains.customer_relationship_management.steps import Changed, StepKey, changed_then_read, log_plan_step
from domains.customer_relationship_management.vocabulary import (
    ContactDevice,
    ContactRequestAction,
    ContactStatus,
    ContactType,
)
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.errors import ValidationFailed
from graph.queries import load
from graph.temporal import native, now

CHANGE = load("customer_relationship_management/contact_change")

CREATABLE = frozenset({ContactStatus.SCHEDULED, ContactStatus.HELD})
UPDATABLE = frozenset({ContactStatus.SCHEDULED, ContactStatus.HELD})


@dataclass(frozen=True)
class ContactAsked:
    """BIAN CreateContact as asked (checked by `creation`)."""

    contact_type: ContactType
    scheduled_at: datetime.datetime
    status: ContactStatus
    duration_minutes: int | None
    location: str | None
    schedule_type: str | None
    purpose: str | None
    device: ContactDevice | None
    content: str | None
    result: str | None
    with_resource_id: str | None


@dataclass(frozen=True)
class ContactUpdate:
    """BIAN UpdateContact as asked (checked by `updates`): None leaves a field as it is."""

    plan_id: str
    contact_id: str
    outcome: ContactStatus | None
    result: str | None
    content: str | None
    purpose: str | None
    location: str | None
    device: ContactDevice | None


def creation(input: ContactAsked) -> Booking:
    """The contact createRelationshipContact asks for, its input checked (times are checked under the lock)."""
    if input.status not in CREATABLE:
        raise ValidationFailed(f"input.status is {input.status.name}: a contact is created SCHEDULED (to arrange it) "
                               "or HELD (to record one that took place)", field="input.status")
    held = input.status is ContactStatus.HELD
    return Booking(
        contact_type=input.contact_type, status=input.status, scheduled_at=input.scheduled_at,
        duration_minutes=rules.duration(input.duration_minutes, "input.durationMinutes"),
        location=rules.short(input.location, "input.location"),
        schedule_type=rules.short(input.schedule_type, "input.scheduleType"),
        purpose=rules.narrative(input.purpose, "input.purpose"), device=input.device,
        content=rules.narrative(input.content, "input.content"),
        result=rules.narrative(input.result, "input.result", required=held),
        resource_id=input.with_resource_id, fields="input.")


async def create(db: Database, who: Principal, plan_id: str, booking: Booking,
                 idempotency_key: str | None) -> Changed[Record]:
    step = StepKey.of(idempotency_key, "createRelationshipContact", {"planId": plan_id, **booking.request()},
                      who.subject)

    async def work(tx: Transaction) -> Changed[Record]:
        async def change() -> tuple[str, bool]:
            at = now()
            plan = await lock_plan(tx, who, plan_id, "input.planId", step)
            if plan.prior is not None:
                return str(plan.prior.subject_id), True
            require_open_plan(plan, "creating a contact", "input.planId")
            return await book(tx, plan, booking, who.subject, step, at), False

        return await changed_then_read(change(), lambda contact_id: contact_row(tx, plan_id, contact_id,
                                                                                "input.contactId"))

    return await db.transact(work)


def updates(input: ContactUpdate) -> dict[str, Any]:
    """The properties updateRelationshipContact names, checked; VALIDATION naming the field otherwise."""
    if input.outcome is not None and input.outcome not in rules.OUTCOMES:
        raise ValidationFailed(f"input.outcome is {input.outcome.name}; it may be HELD or NO_SHOW (rescheduling and "
                               "cancelling are requestRelationshipContact's)", field="input.outcome")
    checked = {"result": rules.narrative(input.result, "input.result"),
               "content": rules.narrative(input.content, "input.content"),
               "purpose": rules.narrative(input.purpose, "input.purpose"),
               "location": rules.short(input.location, "input.location"),
               "device": None if input.device is None else input.device.name,
               "status": None if input.outcome is None else input.outcome.name}
    changes = {k: v for k, v in checked.items() if v is not None}
    if not changes:
        raise ValidationFailed("name at least one of input.outcome, result, content, purpose, location or device",
                               field="input")
    if input.outcome is ContactStatus.HELD and "result" not in changes:
        raise ValidationFailed("input.result is required to record a contact HELD: say how it went",
                               field="input.result")
    return changes


async def update(db: Database, who: Principal, input: ContactUpdate, idempotency_key: str | None) -> Changed[Record]:
    changes = updates(input)
    plan_id, contact_id = input.plan_id, input.contact_id
    step = StepKey.of(idempotency_key, "updateRelationshipContact",
                      {"planId": plan_id, "contactId": contact_id, **changes}, who.subject)

    async def work(tx: Transaction) -> Changed[Record]:
        async def change() -> tuple[str, bool]:
            at = now()
            plan = await lock_plan(tx, who, plan_id, "input.planId", step)
            if plan.prior is not None:
                return str(plan.prior.subject_id), True
            require_open_plan(plan, "updating a contact", "input.planId")
            contact = await contact_row(tx, plan_id, contact_id, "input.contactId")
            rules.require_status(contact, UPDATABLE, "updating it", "input.contactId")
            if input.outcome is not None:
                rules.require_status(contact, frozenset({ContactStatus.SCHEDULED}),
                                     f"recording it {input.outcome.name}", "input.outcome")
                rules.require_due(contact, input.outcome, "input.outcome", at)
            await tx.run(CHANGE, change={"planId": plan_id, "contactId": contact_id,
                                         "properties": {**changes, "updatedAt": at, "updatedBy": who.subject}})
            named = ", ".join(sorted(k for k in changes if k != "status"))
            record = (f"contact {contact_id} recorded {input.outcome.name}" if input.outcome else
                      f"contact {contact_id} updated") + (f" ({named})" if named else "")
            await log_plan_step(tx, customer_id=plan.access.customer_id, plan_id=plan_id,
                                type="PLAN_CONTACT_RECORDED" if input.outcome else "PLAN_CONTACT_UPDATED",
                                record=record, by=who.subject, step=step, subject_id=contact_id,
                                resource_id=(contact["resource"] or {}).get("resourceId"),
                                result=changes.get("status", contact["status"]), at=at)
            return contact_id, False

        return await changed_then_read(change(), lambda contact_id: contact_row(tx, plan_id, contact_id,
                                                                                "input.contactId"))

    return await db.transact(work)


def _request_checks(action: ContactRequestAction, scheduled_at: datetime.datetime | None,
                    reason: str | None) -> str | None:
    """The reason, checked: required to cancel; a new time goes with RESCHEDULE only."""
    if action is ContactRequestAction.RESCHEDULE and scheduled_at is None:
        raise ValidationFailed("scheduledAt is required to RESCHEDULE: the new date and time", field="scheduledAt")
    if action is ContactRequestAction.CANCEL and scheduled_at is not None:
        raise ValidationFailed("scheduledAt goes with RESCHEDULE only; CANCEL takes a reason", field="scheduledAt")
    return rules.narrative(reason, "reason", required=action is ContactRequestAction.CANCEL)


async def _move(tx: Transaction, contact: dict[str, Any], scheduled_at: datetime.datetime,
                at: datetime.datetime) -> tuple[dict[str, Any], str]:
    """RESCHEDULE: the new time (future, the resource not double-booked), and what the event records."""
    start = rules.future(scheduled_at, "scheduledAt", at)
    resource = contact["resource"]
    if resource is not None:
        minutes = contact.get("durationMinutes") or rules.DEFAULT_DURATION_MINUTES
        [row] = await tx.run(BOOKING, booking={
            "resourceId": resource["resourceId"], "start": start, "end": start + datetime.timedelta(minutes=minutes),
            "exceptContactId": contact["contactId"]})
        rules.clash(row, "scheduledAt")
    was: datetime.datetime = native(contact["scheduledAt"])
    return {"scheduledAt": start}, f"contact {contact['contactId']} moved from {was.isoformat()} to {start.isoformat()}"


async def request(db: Database, who: Principal, plan_id: str, contact_id: str, action: ContactRequestAction,
                  scheduled_at: datetime.datetime | None, reason: str | None,
                  idempotency_key: str | None) -> Changed[Record]:
    why = _request_checks(action, scheduled_at, reason)
    step = StepKey.of(idempotency_key, "requestRelationshipContact",
                      {"planId": plan_id, "contactId": contact_id, "action": action.name, "scheduledAt": scheduled_at,
                       "reason": why}, who.subject)

    async def work(tx: Transaction) -> Changed[Record]:
        async def change() -> tuple[str, bool]:
            at = now()
            plan = await lock_plan(tx, who, plan_id, "planId", step)
            if plan.prior is not None:
                return str(plan.prior.subject_id), True
            require_open_plan(plan, f"a contact {action.name}", "planId")
            contact = await contact_row(tx, plan_id, contact_id, "contactId")
            rules.require_status(contact, frozenset({ContactStatus.SCHEDULED}), action.name, "contactId")
            if action is ContactRequestAction.RESCHEDULE and scheduled_at is not None:
                changes, record = await _move(tx, contact, scheduled_at, at)
            else:
                changes, record = {"status": ContactStatus.CANCELLED.name}, f"contact {contact_id} cancelled"
            if why is not None:
                changes["statusReason"] = why
            await tx.run(CHANGE, change={"planId": plan_id, "contactId": contact_id,
                                         "properties": {**changes, "updatedAt": at, "updatedBy": who.subject}})
            moved = "RESCHEDULED" if action is ContactRequestAction.RESCHEDULE else "CANCELLED"
            await log_plan_step(tx, customer_id=plan.access.customer_id, plan_id=plan_id,
                                type=f"PLAN_CONTACT_{moved}", record=record + (f": {why}" if why else ""),
                                by=who.subject, step=step, subject_id=contact_id,
                                resource_id=(contact["resource"] or {}).get("resourceId"),
                                result=changes.get("status", contact["status"]), at=at)
            return contact_id, False

        return await changed_then_read(change(), lambda contact_id: contact_row(tx, plan_id, contact_id, "contactId"))

    return await db.transact(work)
