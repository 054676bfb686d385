"""The plan contact's steps (BIAN CreateContact, UpdateContact, RequestContact), each one write
transaction: lock_plan (access, the lock, a repeated idempotency key), the plan open, the contact's
move legal, the change, its Relationship event; then the contact as it is now.
"""

from __future__ import annotations

import datetime
from typing import Any

from gateway.security.auth import Principal
from graph.database import Transaction
from graph.errors import ValidationFailed
from graph.queries import load
from graph.temporal import native, now
from resolvers.context import Info
from resolvers.customer_relationship_management.access import principal
from resolvers.customer_relationship_management.contact import rules as rules
from resolvers.customer_relationship_management.contact.booking import BOOKING, Booking, book, contact_row, read_contact
from resolvers.customer_relationship_management.contact.types import (
    DEFAULT_DURATION_MINUTES,
    CreateRelationshipContactInput,
    RelationshipContactOutcome,
    UpdateRelationshipContactInput,
)
from resolvers.customer_relationship_management.plan.lock import LockedPlan, lock_plan, require_open_plan
from resolvers.customer_relationship_management.steps import StepKey, log_plan_step
from resolvers.customer_relationship_management.vocabulary import ContactRequestAction, ContactStatus

CHANGE = load("customer_relationship_management/contact_change")

CREATABLE = frozenset({ContactStatus.SCHEDULED, ContactStatus.HELD})
UPDATABLE = frozenset({ContactStatus.SCHEDULED, ContactStatus.HELD})


def creation(input: CreateRelationshipContactInput) -> Booking:
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
        resource_id=None if input.with_resource_id is None else str(input.with_resource_id), fields="input.")


async def _replay(tx: Transaction, plan: LockedPlan, who: Principal, field: str) -> RelationshipContactOutcome:
    contact_id = str(plan.prior.subject_id if plan.prior else "")
    return RelationshipContactOutcome(contact=await read_contact(tx, plan.plan_id, contact_id, who, field),
                                      replayed=True)


async def create(info: Info, input: CreateRelationshipContactInput,
                 idempotency_key: str | None) -> RelationshipContactOutcome:
    booking, who, plan_id = creation(input), principal(info), str(input.plan_id)
    step = StepKey.of(idempotency_key, "createRelationshipContact", {"planId": plan_id, **booking.request()},
                      who.subject)

    async def work(tx: Transaction) -> RelationshipContactOutcome:
        at = now()
        plan = await lock_plan(tx, who, plan_id, "input.planId", step)
        if plan.prior is not None:
            return await _replay(tx, plan, who, "input.planId")
        require_open_plan(plan, "creating a contact", "input.planId")
        contact_id = await book(tx, plan, booking, who.subject, step, at)
        return RelationshipContactOutcome(contact=await read_contact(tx, plan_id, contact_id, who, "input.contactId"),
                                          replayed=False)

    outcome: RelationshipContactOutcome = await info.context.db.transact(work)
    return outcome


def updates(input: UpdateRelationshipContactInput) -> dict[str, Any]:
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


async def update(info: Info, input: UpdateRelationshipContactInput,
                 idempotency_key: str | None) -> RelationshipContactOutcome:
    changes, who = updates(input), principal(info)
    plan_id, contact_id = str(input.plan_id), str(input.contact_id)
    step = StepKey.of(idempotency_key, "updateRelationshipContact",
                      {"planId": plan_id, "contactId": contact_id, **changes}, who.subject)

    async def work(tx: Transaction) -> RelationshipContactOutcome:
        at = now()
        plan = await lock_plan(tx, who, plan_id, "input.planId", step)
        if plan.prior is not None:
            return await _replay(tx, plan, who, "input.contactId")
        require_open_plan(plan, "updating a contact", "input.planId")
        contact = await contact_row(tx, plan_id, contact_id, "input.contactId")
        rules.require_status(contact, UPDATABLE, "updating it", "input.contactId")
        if input.outcome is not None:
            rules.require_status(contact, frozenset({ContactStatus.SCHEDULED}), f"recording it {input.outcome.name}",
                                 "input.outcome")
            rules.require_due(contact, input.outcome, "input.outcome", at)
        await tx.run(CHANGE, change={"planId": plan_id, "contactId": contact_id,
                                     "properties": {**changes, "updatedAt": at, "updatedBy": who.subject}})
        named = ", ".join(sorted(k for k in changes if k != "status"))
        record = (f"contact {contact_id} recorded {input.outcome.name}" if input.outcome else
                  f"contact {contact_id} updated") + (f" ({named})" if named else "")
        await log_plan_step(tx, customer_id=plan.access.customer_id, plan_id=plan_id,
                            type="PLAN_CONTACT_RECORDED" if input.outcome else "PLAN_CONTACT_UPDATED", record=record,
                            by=who.subject, step=step, subject_id=contact_id,
                            resource_id=(contact["resource"] or {}).get("resourceId"),
                            result=changes.get("status", contact["status"]), at=at)
        return RelationshipContactOutcome(contact=await read_contact(tx, plan_id, contact_id, who, "input.contactId"),
                                          replayed=False)

    outcome: RelationshipContactOutcome = await info.context.db.transact(work)
    return outcome


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
        minutes = contact.get("durationMinutes") or DEFAULT_DURATION_MINUTES
        [row] = await tx.run(BOOKING, booking={
            "resourceId": resource["resourceId"], "start": start, "end": start + datetime.timedelta(minutes=minutes),
            "exceptContactId": contact["contactId"]})
        rules.clash(row, "scheduledAt")
    was: datetime.datetime = native(contact["scheduledAt"])
    return {"scheduledAt": start}, f"contact {contact['contactId']} moved from {was.isoformat()} to {start.isoformat()}"


async def request(info: Info, plan_id: str, contact_id: str, action: ContactRequestAction,
                  scheduled_at: datetime.datetime | None, reason: str | None,
                  idempotency_key: str | None) -> RelationshipContactOutcome:
    why, who = _request_checks(action, scheduled_at, reason), principal(info)
    step = StepKey.of(idempotency_key, "requestRelationshipContact",
                      {"planId": plan_id, "contactId": contact_id, "action": action.name, "scheduledAt": scheduled_at,
                       "reason": why}, who.subject)

    async def work(tx: Transaction) -> RelationshipContactOutcome:
        at = now()
        plan = await lock_plan(tx, who, plan_id, "planId", step)
        if plan.prior is not None:
            return await _replay(tx, plan, who, "contactId")
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
        await log_plan_step(tx, customer_id=plan.access.customer_id, plan_id=plan_id,
                            type=f"PLAN_CONTACT_{'RESCHEDULED' if action is ContactRequestAction.RESCHEDULE else 'CANCELLED'}",
                            record=record + (f": {why}" if why else ""), by=who.subject, step=step,
                            subject_id=contact_id, resource_id=(contact["resource"] or {}).get("resourceId"),
                            result=changes.get("status", contact["status"]), at=at)
        return RelationshipContactOutcome(contact=await read_contact(tx, plan_id, contact_id, who, "contactId"),
                                          replayed=False)

    outcome: RelationshipContactOutcome = await info.context.db.transact(work)
    return outcome
