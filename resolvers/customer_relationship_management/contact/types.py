"""The GraphQL types and inputs of plan contacts (BIAN Contact, business object customercontact) and
of the plan's Request (arrange a customer meeting, request a review)."""

from __future__ import annotations

import datetime

import strawberry

from domains.customer_relationship_management.access import shows_narratives
from domains.customer_relationship_management.contact.plan_request import PlanRequestDone
from domains.customer_relationship_management.contact.rules import DEFAULT_DURATION_MINUTES
from domains.customer_relationship_management.steps import Changed
from gateway.security.auth import Principal
from graph.database import Record
from graph.temporal import native
from resolvers.customer_relationship_management.references import (
    PlanCustomerReference,
    PlanReference,
    ResourceReference,
    resource_reference,
)
from resolvers.customer_relationship_management.vocabulary import (
    ContactDevice,
    ContactStatus,
    ContactType,
    PlanRequestKind,
)


@strawberry.type(description="A plan contact (BIAN Contact, customercontact): a meeting, call or message with the "
                             "customer, scheduled or recorded on a relationship plan.")
class RelationshipContact:
    contact_id: strawberry.ID = strawberry.field(description="The contact's identifier, PC- and a UUID.")
    contact_type: ContactType = strawberry.field(description="BIAN ContactType: how the contact takes place.")
    status: ContactStatus = strawberry.field(description="Where the contact is: SCHEDULED, HELD, NO_SHOW or CANCELLED.")
    scheduled_at: datetime.datetime = strawberry.field(
        description="BIAN ContactDateTime: when it is (or was) to take place.")
    duration_minutes: int = strawberry.field(
        description="How long it is booked for, in minutes (5..480; 60 when none was recorded).")
    location: str | None = strawberry.field(description="BIAN ContactLocation: where, e.g. 'Mayfair branch'.")
    schedule_type: str | None = strawberry.field(description="BIAN ContactSchedule (ScheduleType), e.g. ONE_OFF.")
    purpose: str | None = strawberry.field(description="BIAN ContactPurpose: why the contact is held.")
    device: ContactDevice | None = strawberry.field(description="BIAN ContactDevice: the device the contact uses.")
    content: str | None = strawberry.field(
        description="BIAN ContactContent: what was discussed (a narrative: null for analysts).")
    result: str | None = strawberry.field(
        description="BIAN ContactResult: how it ended (a narrative: null for analysts).")
    status_reason: str | None = strawberry.field(
        description="Why the contact was last rescheduled or cancelled, when a reason was given.")
    resource: ResourceReference | None = strawberry.field(
        description="BIAN EmployeeReference: the servicing resource the contact is with.")
    plan: PlanReference = strawberry.field(description="The relationship plan the contact belongs to.")
    customer: PlanCustomerReference = strawberry.field(description="The plan's customer.")
    created_at: datetime.datetime | None = strawberry.field(description="When the contact was created.")
    created_by: str | None = strawberry.field(description="Who created it (token subject).")
    updated_at: datetime.datetime | None = strawberry.field(description="Its last change.")
    updated_by: str | None = strawberry.field(description="Who made its last change (token subject).")

    @classmethod
    def from_record(cls, c: Record, narratives: bool) -> RelationshipContact:
        """A row of contact_of_plan.cypher; `narratives` False hides content and result (analysts)."""
        resource, plan, customer = c["resource"], c["plan"], c["customer"]
        return cls(
            contact_id=strawberry.ID(c["contactId"]), contact_type=ContactType(c["contactType"]),
            status=ContactStatus(c["status"]), scheduled_at=native(c["scheduledAt"]),
            duration_minutes=c.get("durationMinutes") or DEFAULT_DURATION_MINUTES, location=c.get("location"),
            schedule_type=c.get("scheduleType"), purpose=c.get("purpose"),
            device=ContactDevice(c["device"]) if c.get("device") else None,
            content=c.get("content") if narratives else None, result=c.get("result") if narratives else None,
            status_reason=c.get("statusReason"),
            resource=resource_reference(resource), plan=PlanReference.from_record(plan),
            customer=PlanCustomerReference.from_record(customer),
            created_at=native(c.get("createdAt")), created_by=c.get("createdBy"),
            updated_at=native(c.get("updatedAt")), updated_by=c.get("updatedBy"))


@strawberry.type(description="What a plan contact mutation created or changed.")
class RelationshipContactOutcome:
    contact: RelationshipContact = strawberry.field(description="The contact, as it is now.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key was used before: the first request's contact, as it is now.")

    @classmethod
    def of(cls, changed: Changed[Record], who: Principal) -> RelationshipContactOutcome:
        return cls(contact=RelationshipContact.from_record(changed.record, shows_narratives(who)),
                   replayed=changed.replayed)


@strawberry.type(description="What a Request on a relationship plan (BIAN Request on CustomerRelationshipManagementPlan) did.")
class RelationshipPlanRequestOutcome:
    plan_id: strawberry.ID = strawberry.field(description="The plan the request was made on.")
    kind: PlanRequestKind = strawberry.field(description="What was requested.")
    contact: RelationshipContact | None = strawberry.field(
        description="ARRANGE_MEETING: the meeting scheduled, as it is now; null for REQUEST_REVIEW.")
    review_due: datetime.date | None = strawberry.field(description="The plan's review date, as it is now.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key was used before: the first request's outcome, as it is now.")

    @classmethod
    def of(cls, done: PlanRequestDone, who: Principal) -> RelationshipPlanRequestOutcome:
        contact = None if done.contact is None else RelationshipContact.from_record(done.contact, shows_narratives(who))
        return cls(plan_id=strawberry.ID(done.plan_id), kind=done.kind, contact=contact, review_due=done.review_due,
                   replayed=done.replayed)


@strawberry.input(description="A contact to schedule, or one that took place to record, on an open relationship plan "
                              "(BIAN CreateContact, customercontact).")
class CreateRelationshipContactInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan, e.g. RP-C0000001; it must be open.")
    contact_type: ContactType = strawberry.field(description="BIAN ContactType: how the contact takes place.")
    scheduled_at: datetime.datetime = strawberry.field(
        description="BIAN ContactDateTime: in the future for a SCHEDULED contact, not in the future for a HELD one "
                    "(read as UTC without a zone).")
    status: ContactStatus = strawberry.field(
        default=ContactStatus.SCHEDULED,
        description="SCHEDULED (default) to arrange it, or HELD to record a contact that took place (needs result).")
    duration_minutes: int | None = strawberry.field(
        default=None, description="How long it is booked for, in minutes: 5..480 (default 60).")
    location: str | None = strawberry.field(
        default=None, description="BIAN ContactLocation (at most 200 characters).")
    schedule_type: str | None = strawberry.field(
        default=None, description="BIAN ScheduleType, e.g. ONE_OFF or RECURRING (at most 200 characters).")
    purpose: str | None = strawberry.field(default=None, description="BIAN ContactPurpose (at most 2000 characters).")
    device: ContactDevice | None = strawberry.field(default=None, description="BIAN ContactDevice.")
    content: str | None = strawberry.field(
        default=None, description="BIAN ContactContent: what is or was discussed (at most 2000 characters).")
    result: str | None = strawberry.field(
        default=None, description="BIAN ContactResult: how it ended; required for HELD (at most 2000 characters).")
    with_resource_id: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN EmployeeReference: the servicing resource the contact is with (default: the "
                                  "plan's owner); must exist.")


@strawberry.input(description="What a plan contact's record gains (BIAN UpdateContact): its outcome and details. "
                              "Only the fields given change; at least one besides the ids.")
class UpdateRelationshipContactInput:
    plan_id: strawberry.ID = strawberry.field(description="The plan, e.g. RP-C0000001; it must be open.")
    contact_id: strawberry.ID = strawberry.field(description="The contact on that plan, e.g. PC-…")
    outcome: ContactStatus | None = strawberry.field(
        default=None, description="HELD (needs result) or NO_SHOW: how a SCHEDULED contact went, once its "
                                  "scheduledAt has come.")
    result: str | None = strawberry.field(
        default=None, description="BIAN ContactResult: how it ended (at most 2000 characters).")
    content: str | None = strawberry.field(
        default=None, description="BIAN ContactContent: what was discussed (at most 2000 characters).")
    purpose: str | None = strawberry.field(default=None, description="BIAN ContactPurpose (at most 2000 characters).")
    location: str | None = strawberry.field(default=None, description="BIAN ContactLocation (at most 200 characters).")
    device: ContactDevice | None = strawberry.field(default=None, description="BIAN ContactDevice.")


@strawberry.input(description="The customer meeting to arrange on a plan (a SCHEDULED plan contact).")
class ArrangeMeetingInput:
    scheduled_at: datetime.datetime = strawberry.field(
        description="BIAN ContactDateTime: when; in the future (read as UTC without a zone).")
    contact_type: ContactType = strawberry.field(
        default=ContactType.MEETING, description="BIAN ContactType (default MEETING).")
    duration_minutes: int | None = strawberry.field(
        default=None, description="How long it is booked for, in minutes: 5..480 (default 60).")
    location: str | None = strawberry.field(
        default=None, description="BIAN ContactLocation (at most 200 characters).")
    purpose: str | None = strawberry.field(
        default=None, description="BIAN ContactPurpose (at most 2000 characters; default: the request's reason).")
    device: ContactDevice | None = strawberry.field(default=None, description="BIAN ContactDevice.")
    with_resource_id: strawberry.ID | None = strawberry.field(
        default=None, description="BIAN EmployeeReference: who meets the customer (default: the plan's owner); "
                                  "must exist.")


@strawberry.input(description="A Request on a relationship plan (BIAN Request on CustomerRelationshipManagementPlan).")
class RequestRelationshipPlanInput:
    plan_id: strawberry.ID = strawberry.field(
        description="The plan, e.g. RP-C0000001; it must be open (SUSPENDED plans may arrange a meeting).")
    kind: PlanRequestKind = strawberry.field(description="What is requested.")
    reason: str | None = strawberry.field(
        default=None, description="Why, e.g. the causes a review found ('activity down 62% in 90 days; failed "
                                  "repayment; relocation'); the Relationship event's record, and a meeting's purpose "
                                  "when it names none (at most 2000 characters).")
    meeting: ArrangeMeetingInput | None = strawberry.field(
        default=None, description="ARRANGE_MEETING only (and required for it): the meeting.")
    review_due: datetime.date | None = strawberry.field(
        default=None, description="REQUEST_REVIEW only: the review date (default today); from today to the plan's "
                                  "validTo.")
