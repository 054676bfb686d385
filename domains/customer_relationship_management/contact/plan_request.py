"""BIAN Request on the plan (CustomerRelationshipManagementPlan): arrange a customer meeting (a
SCHEDULED plan contact, booked exactly as createRelationshipContact books one, and its
PLAN_CONTACT_SCHEDULED event) or request the plan's review (reviewDue, PLAN_REVIEW_REQUESTED). One
write transaction, begun with lock_plan; open plans only, SUSPENDED ones included: arranging a
meeting is how a relationship manager re-engages a customer whose plan was set aside.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from domains.customer_relationship_management.contact import rules as rules
from domains.customer_relationship_management.contact.booking import Booking, book, contact_row
from domains.customer_relationship_management.plan.lock import LockedPlan, lock_plan, require_open_plan
from domains.customer_relationship_management.steps import StepKey, log_plan_step
from domains.customer_relationship_management.vocabulary import (
    ContactDevice,
    ContactStatus,
    ContactType,
    PlanRequestKind,
)
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.errors import ValidationFailed
from graph.queries import load
from graph.temporal import native, now

PLAN_REVIEW = load("customer_relationship_management/contact_plan_review")


@dataclass(frozen=True)
class MeetingAsked:
    """ARRANGE_MEETING's meeting as asked (checked by `meeting`)."""

    scheduled_at: datetime.datetime
    contact_type: ContactType
    duration_minutes: int | None
    location: str | None
    purpose: str | None
    device: ContactDevice | None
    with_resource_id: str | None


@dataclass(frozen=True)
class PlanRequestAsked:
    """BIAN Request on the plan as asked: the kind, why, and the meeting or the review date."""

    plan_id: str
    kind: PlanRequestKind
    reason: str | None
    meeting: MeetingAsked | None
    review_due: datetime.date | None


@dataclass(frozen=True)
class PlanRequestDone:
    """What the Request did: the meeting's contact (ARRANGE_MEETING) as it is now, the plan's review date."""

    plan_id: str
    kind: PlanRequestKind
    contact: Record | None
    review_due: datetime.date | None
    replayed: bool


def meeting(input: PlanRequestAsked, reason: str | None) -> Booking | None:
    """ARRANGE_MEETING's meeting, checked (its purpose defaults to the reason); None for REQUEST_REVIEW."""
    if input.kind is PlanRequestKind.REQUEST_REVIEW:
        if input.meeting is not None:
            raise ValidationFailed("input.meeting goes with ARRANGE_MEETING only", field="input.meeting")
        return None
    if input.review_due is not None:
        raise ValidationFailed("input.reviewDue goes with REQUEST_REVIEW only", field="input.reviewDue")
    m = input.meeting
    if m is None:
        raise ValidationFailed("input.meeting is required to ARRANGE_MEETING: at least its scheduledAt",
                               field="input.meeting")
    return Booking(
        contact_type=m.contact_type, status=ContactStatus.SCHEDULED, scheduled_at=m.scheduled_at,
        duration_minutes=rules.duration(m.duration_minutes, "input.meeting.durationMinutes"),
        location=rules.short(m.location, "input.meeting.location"), schedule_type=None,
        purpose=rules.narrative(m.purpose, "input.meeting.purpose") or reason, device=m.device, content=None,
        result=None, resource_id=m.with_resource_id,
        fields="input.meeting.")


def review_date(plan: LockedPlan, asked: datetime.date | None, at: datetime.datetime) -> datetime.date:
    """The review date asked (default today): not before today, not after the plan's validTo."""
    today = at.date()
    due = asked or today
    valid_to: datetime.date | None = native(plan.row["plan"].get("validTo"))
    if due < today:
        raise ValidationFailed(f"input.reviewDue is {due.isoformat()}, before today ({today.isoformat()}): a review "
                               "is requested for today or later", field="input.reviewDue")
    if valid_to is not None and due > valid_to:
        raise ValidationFailed(f"input.reviewDue is {due.isoformat()}, after the plan's validTo "
                               f"({valid_to.isoformat()}): review it while it is valid", field="input.reviewDue")
    return due


async def _review(tx: Transaction, plan: LockedPlan, asked: datetime.date | None, reason: str | None, by: str,
                  step: StepKey, at: datetime.datetime) -> datetime.date:
    due = review_date(plan, asked, at)
    await tx.run(PLAN_REVIEW, review={"planId": plan.plan_id, "reviewDue": due, "at": at, "by": by})
    await log_plan_step(tx, customer_id=plan.access.customer_id, plan_id=plan.plan_id, type="PLAN_REVIEW_REQUESTED",
                        record=f"review of plan {plan.plan_id} requested for {due.isoformat()}"
                               + (f": {reason}" if reason else ""),
                        by=by, step=step, resource_id=plan.row["ownerId"], result=due.isoformat(), at=at)
    return due


async def _replay(tx: Transaction, plan: LockedPlan, kind: PlanRequestKind) -> PlanRequestDone:
    contact_id = plan.prior.subject_id if plan.prior else None
    contact = None if contact_id is None else await contact_row(tx, plan.plan_id, contact_id, "input.planId")
    return PlanRequestDone(plan_id=plan.plan_id, kind=kind, contact=contact,
                           review_due=native(plan.row["plan"].get("reviewDue")), replayed=True)


async def request_plan(db: Database, who: Principal, input: PlanRequestAsked,
                       idempotency_key: str | None) -> PlanRequestDone:
    reason = rules.narrative(input.reason, "input.reason")
    booking, plan_id, kind = meeting(input, reason), input.plan_id, input.kind
    step = StepKey.of(idempotency_key, "requestRelationshipPlan",
                      {"planId": plan_id, "kind": kind.name, "reason": reason, "reviewDue": input.review_due,
                       "meeting": None if booking is None else booking.request()}, who.subject)

    async def work(tx: Transaction) -> PlanRequestDone:
        at = now()
        plan = await lock_plan(tx, who, plan_id, "input.planId", step)
        if plan.prior is not None:
            return await _replay(tx, plan, kind)
        doing = "arranging a meeting" if booking is not None else "requesting a review"
        require_open_plan(plan, doing, "input.planId")
        contact: Record | None = None
        review_due: datetime.date | None = native(plan.row["plan"].get("reviewDue"))
        if booking is not None:
            contact_id = await book(tx, plan, booking, who.subject, step, at, record=reason)
            contact = await contact_row(tx, plan_id, contact_id, "input.planId")
        else:
            review_due = await _review(tx, plan, input.review_due, reason, who.subject, step, at)
        return PlanRequestDone(plan_id=plan_id, kind=kind, contact=contact, review_due=review_due, replayed=False)

    return await db.transact(work)
