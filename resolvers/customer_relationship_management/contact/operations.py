"""Customer Relationship Management: plan contacts (BIAN behaviour qualifier Contact: CreateContact,
UpdateContact, RequestContact, RetrieveContact) and the plan's Request (arrange a customer meeting,
request a review).

`contact_types` holds the GraphQL types, `contact_rules` the input and status rules,
`contact_booking` the one way a contact is created (shared by createRelationshipContact and
ARRANGE_MEETING), `contact_steps` the contact's mutations, `contact_plan_request` the plan's
Request. docs/relationship-plans.md ("Plan contacts and the plan's Request") has the rules and errors.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from gateway.security.auth import allow
from graph.database import Transaction
from resolvers.context import Info
from resolvers.customer_relationship_management.access import PLAN_READERS, PLAN_WRITERS, principal, require_in_book
from resolvers.customer_relationship_management.contact import plan_request as contact_plan_request
from resolvers.customer_relationship_management.contact import steps as contact_steps
from resolvers.customer_relationship_management.contact.booking import read_contact
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


async def retrieve(info: Info, plan_id: str, contact_id: str) -> RelationshipContact:
    who = principal(info)

    async def work(tx: Transaction) -> RelationshipContact:
        await require_in_book(tx, who, "planId", plan_id=plan_id)
        return await read_contact(tx, plan_id, contact_id, who, "contactId")

    contact: RelationshipContact = await info.context.db.read_transact(work)
    return contact


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
        return await retrieve(info, str(plan_id), str(contact_id))


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
        return await contact_steps.create(info, input, idempotency_key)

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
        return await contact_steps.update(info, input, idempotency_key)

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
        return await contact_steps.request(info, str(plan_id), str(contact_id), action, scheduled_at, reason,
                                           idempotency_key)

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
        return await contact_plan_request.request_plan(info, input, idempotency_key)
