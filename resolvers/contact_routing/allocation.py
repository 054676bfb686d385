"""Allocations' GraphQL side (BIAN Contact Routing's behaviour qualifier): requestAllocation,
updateAllocation, captureAllocation and allocation.

The rules (the decision, the lifecycle, the book check inside each write transaction) live in
domains/contact_routing/allocation.py; each resolver turns its input into the domain's values
once, calls it, and answers the allocation the transaction left as these types.
"""

from __future__ import annotations

import datetime
import json
from typing import Annotated

import strawberry

from domains.contact_routing import allocation as rules
from domains.contact_routing.lifecycle import Action
from gateway.security.auth import ALL_ROLES, Role, allow
from gateway.security.book import require_reach_for
from graph.database import Record
from graph.temporal import native
from resolvers.contact_routing.decision import (
    ContactChannel,
    RoutedResource,
    RoutingCandidate,
    RoutingPool,
    RoutingPreference,
    RoutingPreview,
    RoutingRequestInput,
    contact_of,
    routing_pool,
)
from resolvers.contact_routing.vocabulary import (
    AllocationAction,
    AllocationStatus,
    ContactDisposition,
    PoolPurpose,
    ResourceKind,
)
from resolvers.context import Info
from resolvers.party_routing_profile.vocabulary import RequiredSkill
from resolvers.selection import selects


@strawberry.type(description="The wrap-up captured on an accepted allocation.")
class AllocationWrapUp:
    disposition: ContactDisposition = strawberry.field(description="How the contact ended.")
    note: str | None = strawberry.field(description="What the resource noted.")
    captured_at: datetime.datetime = strawberry.field(description="When it was captured.")
    captured_by: str = strawberry.field(description="Who captured it (token subject).")


@strawberry.type(description="One attempt to serve a customer's contact (BIAN CustomerServicingResourceAllocation): "
                              "queued, offered to a resource, accepted, and how it ended.")
class Allocation:
    allocation_id: strawberry.ID = strawberry.field(description="The allocation's identifier, AL- and a UUID.")
    contact_id: strawberry.ID = strawberry.field(
        description="The contact it serves: the allocationId of the contact's first attempt (re-routes share it).")
    customer_id: strawberry.ID = strawberry.field(description="The customer whose contact it is.")
    status: AllocationStatus = strawberry.field(description="Where it is in its lifecycle.")
    channel: ContactChannel = strawberry.field(description="The contact's channel.")
    language: str | None = strawberry.field(description="The language it is served in.")
    priority: int = strawberry.field(description="The request's priority plus the active indicators' priorityBoost.")
    requested_priority: int = strawberry.field(description="The priority the request asked for.")
    product_id: strawberry.ID | None = strawberry.field(description="The product of interest, if any.")
    purpose: PoolPurpose | None = strawberry.field(description="The pool purpose the request asked for, if any.")
    required_skills: list[RequiredSkill] = strawberry.field(description="The request's required skills.")
    optional_skills: list[RequiredSkill] = strawberry.field(description="The request's optional skills, most wanted first.")
    resource: RoutedResource | None = strawberry.field(description="Who it was offered to; null while queued.")
    pool: RoutingPool | None = strawberry.field(description="The pool its resource took it from, if any.")
    queued_in_pool_ids: list[strawberry.ID] = strawberry.field(
        description="The pools it was queued in: it waits there while QUEUED; kept afterwards as a record.")
    queue_reason: str | None = strawberry.field(description="Why nobody could take it when it was queued.")
    preference: RoutingPreference | None = strawberry.field(description="How its resource is connected to the customer.")
    score: int | None = strawberry.field(description="Its resource's routing score.")
    explanation: RoutingCandidate | None = strawberry.field(
        description="Why its resource was chosen: path, matched skills, score, relaxed optional skills.")
    excluded_resource_ids: list[strawberry.ID] = strawberry.field(
        description="Resources that rejected the contact or let its offer lapse; never offered it again.")
    requested_at: datetime.datetime = strawberry.field(description="When the contact arrived (its first attempt).")
    created_at: datetime.datetime = strawberry.field(description="When this attempt was made.")
    offered_at: datetime.datetime | None = strawberry.field(description="When it was offered to its resource.")
    offer_expires_at: datetime.datetime | None = strawberry.field(
        description="When the offer lapses unless accepted (the pool's offerTimeoutSeconds after the offer).")
    accepted_at: datetime.datetime | None = strawberry.field(description="When its resource accepted it.")
    ended_at: datetime.datetime | None = strawberry.field(description="When it was completed, rejected, timed out or cancelled.")
    end_reason: str | None = strawberry.field(description="The reason given on reject or cancel.")
    wrap_up: AllocationWrapUp | None = strawberry.field(description="The wrap-up, once captured.")
    rerouted_from_id: strawberry.ID | None = strawberry.field(description="The attempt before this one, if re-routed.")
    rerouted_to_id: strawberry.ID | None = strawberry.field(description="The attempt after this one, if re-routed.")
    requested_by: str = strawberry.field(description="Who asked for the contact to be routed (token subject).")
    updated_at: datetime.datetime = strawberry.field(description="Its last change.")
    updated_by: str = strawberry.field(description="Who made its last change (token subject, or dispatcher).")

    @classmethod
    def from_record(cls, a: Record) -> Allocation:
        optional = list(a.get("optionalSkillCodes") or [])
        explained = a.get("explanation")
        resource = a.get("resource")
        wrap_up = None
        if a.get("disposition"):
            wrap_up = AllocationWrapUp(disposition=ContactDisposition(a["disposition"]), note=a.get("wrapUpNote"),
                                       captured_at=native(a["wrapUpAt"]), captured_by=a["wrapUpBy"])
        return cls(
            allocation_id=strawberry.ID(a["allocationId"]), contact_id=strawberry.ID(a["contactId"]),
            customer_id=strawberry.ID(a["customerId"]), status=AllocationStatus(a["status"]),
            channel=ContactChannel(a["channel"]), language=a.get("language"), priority=a["priority"],
            requested_priority=a["requestedPriority"], product_id=_id(a.get("productId")),
            purpose=PoolPurpose(a["purpose"]) if a.get("purpose") else None,
            required_skills=_skills(a.get("requiredSkillCodes"), a.get("requiredSkillMinimums")),
            optional_skills=_skills(optional, a.get("optionalSkillMinimums")),
            resource=None if resource is None else RoutedResource(
                resource_id=strawberry.ID(resource["resourceId"]), name=resource["name"],
                kind=ResourceKind(resource["kind"])),
            pool=routing_pool(a.get("pool")),
            queued_in_pool_ids=[strawberry.ID(p) for p in a.get("queuedInPoolIds") or []],
            queue_reason=a.get("queueReason"),
            preference=RoutingPreference(a["preference"]) if a.get("preference") else None, score=a.get("score"),
            explanation=RoutingCandidate.from_record(json.loads(explained), optional) if explained else None,
            excluded_resource_ids=[strawberry.ID(r) for r in a.get("excludedResourceIds") or []],
            requested_at=native(a["requestedAt"]), created_at=native(a["createdAt"]),
            offered_at=native(a.get("offeredAt")), offer_expires_at=native(a.get("offerExpiresAt")),
            accepted_at=native(a.get("acceptedAt")), ended_at=native(a.get("endedAt")), end_reason=a.get("endReason"),
            wrap_up=wrap_up, rerouted_from_id=_id(a.get("reroutedFromId")), rerouted_to_id=_id(a.get("reroutedToId")),
            requested_by=a["requestedBy"], updated_at=native(a["updatedAt"]), updated_by=a["updatedBy"],
        )


def _id(value: str | None) -> strawberry.ID | None:
    return None if value is None else strawberry.ID(value)


def _skills(codes: list[str] | None, minimums: list[int] | None) -> list[RequiredSkill]:
    return [RequiredSkill(code=c, name=None, min_proficiency=m) for c, m in zip(codes or [], minimums or [], strict=True)]


@strawberry.type(description="The routing decision made: the allocation it created (offered or queued) and why.")
class AllocationDecision:
    allocation: Allocation = strawberry.field(description="The allocation: PENDING with its resource, or QUEUED.")
    replayed: bool = strawberry.field(
        description="True when the idempotency key was used before: the first decision's allocation, as it is now.")
    routing: RoutingPreview | None = strawberry.field(
        description="The ranked candidates, the chosen one and the rejected ones with reasons, as decided; "
                    "null when replayed.")


@strawberry.input(description="A lifecycle step on an allocation.")
class UpdateAllocationInput:
    allocation_id: strawberry.ID = strawberry.field(description="The allocation, e.g. AL-…")
    action: AllocationAction = strawberry.field(description="The step to take.")
    reason: str | None = strawberry.field(default=None, description="Why, on reject or cancel (at most 500 characters).")


@strawberry.input(description="Wrap-up data for an accepted allocation.")
class CaptureAllocationInput:
    allocation_id: strawberry.ID = strawberry.field(description="The allocation, e.g. AL-…")
    disposition: ContactDisposition = strawberry.field(description="How the contact ended.")
    note: str | None = strawberry.field(default=None, description="What to remember (at most 2000 characters).")


async def allocate(info: Info, request: RoutingRequestInput, idempotency_key: str | None) -> AllocationDecision:
    db, who = info.context.db, info.context.caller
    # Ranking every rejected resource costs a full evaluation: only for a caller that shows them.
    decided = await rules.allocate(db, who, contact_of(request), idempotency_key,
                                   explain=selects(info, "routing", "rejected"))
    routing = None
    if decided.outcome is not None:
        routing = RoutingPreview.from_record(decided.outcome.routing, decided.requested_at, who.sees_confidential)
        # Routing ranked before capacity was claimed: say who actually got the contact.
        routing.chosen = next((c for c in routing.candidates if c.resource.resource_id == decided.outcome.resource_id),
                              None)
        if routing.chosen is None:
            routing.queue_reason = decided.outcome.queue_reason
    # Read after the commit (the bookmark makes it see it): the resource locks are held no longer.
    return AllocationDecision(allocation=Allocation.from_record(await rules.retrieve(db, decided.allocation_id)),
                              replayed=routing is None, routing=routing)


@strawberry.type
class AllocationQuery:
    @strawberry.field(description="An allocation by its id (BIAN RetrieveAllocation): status, resource, timings, why "
                                  "its resource was chosen, wrap-up, and the attempts before and after it.",
                      extensions=allow(*ALL_ROLES))
    async def allocation(
        self, info: Info,
        allocation_id: Annotated[strawberry.ID, strawberry.argument(description="The allocation, e.g. AL-…")],
    ) -> Allocation:
        await require_reach_for(info, "allocationId", f"allocation '{allocation_id}'", allocationId=str(allocation_id))
        return Allocation.from_record(await rules.retrieve(info.context.db, str(allocation_id)))


@strawberry.type
class AllocationMutation:
    @strawberry.mutation(
        description="Routes a customer's contact (BIAN RequestAllocation), in one write transaction: offers it to the "
                    "best-suited resource with free capacity (PENDING, to accept within the pool's offer timeout) or "
                    "queues it with the reason. A repeated idempotencyKey returns the first decision.",
        extensions=allow(Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN))
    async def request_allocation(
        self, info: Info,
        request: Annotated[RoutingRequestInput, strawberry.argument(description="The contact to route.")],
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="A client-chosen key (1 to 128 characters): a retry with it returns the first decision.")] = None,
    ) -> AllocationDecision:
        return await allocate(info, request, idempotency_key)

    @strawberry.mutation(
        description="Moves an allocation through its lifecycle (BIAN UpdateAllocation): ACCEPT, REJECT (re-routes the "
                    "contact to someone else), COMPLETE or CANCEL (both free capacity and serve the queue). An "
                    "illegal step is a CONFLICT; repeating a step that happened changes nothing.",
        extensions=allow(Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN))
    async def update_allocation(
        self, info: Info,
        input: Annotated[UpdateAllocationInput, strawberry.argument(description="The allocation and the step.")],
    ) -> Allocation:
        return Allocation.from_record(await rules.take_step(
            info.context.db, info.context.caller, str(input.allocation_id), Action(input.action.name), input.reason))

    @strawberry.mutation(
        description="Captures the wrap-up of an accepted allocation (BIAN CaptureAllocation): disposition and note; "
                    "captured again, it replaces the first.",
        extensions=allow(Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN))
    async def capture_allocation(
        self, info: Info,
        input: Annotated[CaptureAllocationInput, strawberry.argument(description="The allocation and its wrap-up.")],
    ) -> Allocation:
        return Allocation.from_record(await rules.wrap_up(
            info.context.db, info.context.caller, str(input.allocation_id), input.disposition.name, input.note))

