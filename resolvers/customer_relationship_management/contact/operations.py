"""Customer Relationship Management: plan contacts (BIAN behaviour qualifier Contact: CreateContact,
UpdateContact, RequestContact, RetrieveContact) and the plan's Request (arrange a customer meeting,
request a review).

`types` holds the GraphQL types and inputs; the rules and their Cypher are
domains/customer_relationship_management/contact/: `rules` (input and status rules), `booking` (the
one way a contact is created, shared by createRelationshipContact and ARRANGE_MEETING, and reading
one), `steps` (the contact's mutations), `plan_request` (the plan's Request).
docs/relationship-plans.md ("Plan contacts and the plan's Request") has the rules and errors.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from domains.customer_relationship_management.access import PLAN_READERS, PLAN_WRITERS, shows_narratives
from domains.customer_relationship_management.contact import plan_request as contact_plan_request
from domains.customer_relationship_management.contact import steps as contact_steps
from domains.customer_relationship_management.contact.booking import retrieve_contact
from gateway.security.auth import allow
from resolvers.context import Info
from resolvers.customer_relationship_management.access import principal
from resolvers.customer_relationship_management.contact.types import (
    CreateRelationshipContactInput,
    RelationshipContact,
    RelationshipContactOutcome,
    RelationshipPlanRequestOutcome,
    RequestRelationshipPlanInput,
    UpdateRelationshipContactInput,
)
from resolvers.customer_relationship_management.references import IdempotencyKey, PlanId
from resolvers.customer_relationship_management.vocabulary import ContactRequestAction


def _id(value: strawberry.ID | None) -> str | None:
    return None if value is None else str(value)


@strawberry.type
class ContactQuery:
    @strawberry.field(description="A plan contact (BIAN RetrieveContact): type, status, time, location, schedule, "
                                  "purpose, device, content and result (narratives: null for analysts), the resource "
                                  "it is with, its plan and customer. Relationship managers within their book.",
                      extensions=allow(*PLAN_READERS))
    async def relationship_contact(
        self, info: Info,
        plan_id: PlanId,
        contact_id: Annotated[strawberry.ID, strawberry.argument(description="The contact on that plan, e.g. PC-…")],
    ) -> RelationshipContact:
        who = principal(info)
        contact = await retrieve_contact(info.context.db, who, str(plan_id), str(contact_id))
        return RelationshipContact.from_record(contact, shows_narratives(who))


@strawberry.type
class ContactMutation:
    @strawberry.mutation(
        description="Schedules a contact with the customer on an open plan, or records one that took place (BIAN "
                    "CreateContact). A SCHEDULED contact is in the future and must not overlap another SCHEDULED "
                    "contact of its resource (CONFLICT naming it); a HELD one is not in the future and has a result. "
                    "Logs PLAN_CONTACT_SCHEDULED (PLAN_CONTACT_RECORDED for HELD).",
        extensions=allow(*PLAN_WRITERS))
    async def create_relationship_contact(
        self, info: Info,
        input: Annotated[CreateRelationshipContactInput, strawberry.argument(description="The plan and the contact.")],
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipContactOutcome:
        who = principal(info)
        booking = contact_steps.creation(contact_steps.ContactAsked(
            contact_type=input.contact_type, scheduled_at=input.scheduled_at, status=input.status,
            duration_minutes=input.duration_minutes, location=input.location, schedule_type=input.schedule_type,
            purpose=input.purpose, device=input.device, content=input.content, result=input.result,
            with_resource_id=_id(input.with_resource_id)))
        changed = await contact_steps.create(info.context.db, who, str(input.plan_id), booking, idempotency_key)
        return RelationshipContactOutcome.of(changed, who)

    @strawberry.mutation(
        description="Records how a contact went and its details (BIAN UpdateContact): outcome HELD (with a result) or "
                    "NO_SHOW for a SCHEDULED contact whose time has come; result, content, purpose, location, device. "
                    "NO_SHOW and CANCELLED contacts are final. Logs PLAN_CONTACT_RECORDED for an outcome, else "
                    "PLAN_CONTACT_UPDATED.",
        extensions=allow(*PLAN_WRITERS))
    async def update_relationship_contact(
        self, info: Info,
        input: Annotated[UpdateRelationshipContactInput, strawberry.argument(description="The contact and changes.")],
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipContactOutcome:
        who = principal(info)
        asked = contact_steps.ContactUpdate(
            plan_id=str(input.plan_id), contact_id=str(input.contact_id), outcome=input.outcome, result=input.result,
            content=input.content, purpose=input.purpose, location=input.location, device=input.device)
        return RelationshipContactOutcome.of(await contact_steps.update(info.context.db, who, asked, idempotency_key),
                                             who)

    @strawberry.mutation(
        description="Moves or calls off a SCHEDULED contact (BIAN RequestContact): RESCHEDULE to a new future time "
                    "(its resource not double-booked then), or CANCEL with a reason. Logs PLAN_CONTACT_RESCHEDULED or "
                    "PLAN_CONTACT_CANCELLED.",
        extensions=allow(*PLAN_WRITERS))
    async def request_relationship_contact(
        self, info: Info,
        plan_id: PlanId,
        contact_id: Annotated[strawberry.ID, strawberry.argument(description="The SCHEDULED contact, e.g. PC-…")],
        action: Annotated[ContactRequestAction, strawberry.argument(description="RESCHEDULE or CANCEL.")],
        scheduled_at: Annotated[datetime.datetime | None, strawberry.argument(
            description="RESCHEDULE only, and required for it: the new BIAN ContactDateTime, in the future "
                        "(read as UTC without a zone).")] = None,
        reason: Annotated[str | None, strawberry.argument(
            description="Why (at most 2000 characters); required to CANCEL. Kept as the contact's statusReason.")] = None,
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipContactOutcome:
        who = principal(info)
        changed = await contact_steps.request(info.context.db, who, str(plan_id), str(contact_id), action, scheduled_at,
                                              reason, idempotency_key)
        return RelationshipContactOutcome.of(changed, who)

    @strawberry.mutation(
        description="A Request on a relationship plan (BIAN Request on CustomerRelationshipManagementPlan): "
                    "ARRANGE_MEETING schedules a customer meeting (a SCHEDULED plan contact, as createRelationshipContact "
                    "books one, and a PLAN_CONTACT_SCHEDULED event recording the reason) in one step; REQUEST_REVIEW sets "
                    "the plan's reviewDue (default today) and logs PLAN_REVIEW_REQUESTED. Open plans only; a SUSPENDED "
                    "plan may arrange a meeting, to re-engage the customer.",
        extensions=allow(*PLAN_WRITERS))
    async def request_relationship_plan(
        self, info: Info,
        input: Annotated[RequestRelationshipPlanInput, strawberry.argument(description="The plan and the request.")],
        idempotency_key: IdempotencyKey = None,
    ) -> RelationshipPlanRequestOutcome:
        who = principal(info)
        m = input.meeting
        meeting = None if m is None else contact_plan_request.MeetingAsked(
            scheduled_at=m.scheduled_at, contact_type=m.contact_type, duration_minutes=m.duration_minutes,
            location=m.location, purpose=m.purpose, device=m.device, with_resource_id=_id(m.with_resource_id))
        asked = contact_plan_request.PlanRequestAsked(plan_id=str(input.plan_id), kind=input.kind, reason=input.reason,
                                                      meeting=meeting, review_due=input.review_due)
        done = await contact_plan_request.request_plan(info.context.db, who, asked, idempotency_key)
        return RelationshipPlanRequestOutcome.of(done, who)
