"""Allocations, BIAN Contact Routing's behaviour qualifier: request one (the routing decision),
update it through its lifecycle, capture its wrap-up, retrieve it.

Each mutation is one write transaction (see `dispatch` for how capacity is claimed and the
queue served) and returns the allocation as that transaction left it. Lifecycle:
QUEUED → PENDING → ACCEPTED → COMPLETED; PENDING → REJECTED or TIMED_OUT (the contact is
re-routed, never to the same resource); QUEUED, PENDING or ACCEPTED → CANCELLED. Any other
step is a CONFLICT that changes nothing; repeating a step that already happened returns the
allocation unchanged, so a desktop may retry.
"""

from __future__ import annotations

import datetime
import functools
import json
from typing import Annotated, Any

import strawberry
from neo4j.exceptions import ConstraintError

from domains import idempotency
from domains.customer_event_history.capture import log_event
from domains.inputs import text
from gateway.security.auth import ALL_ROLES, Role, allow
from gateway.security.book import require_reach, require_reach_for
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, NotFound
from graph.queries import load
from graph.temporal import native
from resolvers.contact_routing.decision import (
    ContactChannel,
    RoutedResource,
    RoutingCandidate,
    RoutingPool,
    RoutingPreference,
    RoutingPreview,
    RoutingRequestInput,
    routing_parameters,
    routing_pool,
)
from resolvers.contact_routing.dispatch import (
    CANDIDATES,
    SET_ALLOCATION_STATUS,
    CapacityTaken,
    Changes,
    Contact,
    end_offer,
    lock_allocation,
    new_allocation_id,
    route,
    serve_queue,
)
from resolvers.contact_routing.vocabulary import (
    AllocationAction,
    AllocationStatus,
    ContactDisposition,
    PoolPurpose,
    ResourceKind,
)
from resolvers.context import Info
from resolvers.customer_event_history.timeline import EventCategory
from resolvers.party_routing_profile.vocabulary import RequiredSkill
from resolvers.selection import selects

GET_ALLOCATIONS = load("contact_routing/get_allocations")
ALLOCATION_BY_IDEMPOTENCY_KEY = load("contact_routing/allocation_by_idempotency_key")
CAPTURE_ALLOCATION_WRAP_UP = load("contact_routing/capture_allocation_wrap_up")

# A request whose chosen resource filled up is routed again from the start, at most this often;
# the last attempt queues the contact rather than fail it (the dispatcher serves it).
MAX_ATTEMPTS = 8
MAX_REASON = 500
MAX_NOTE = 2000

# action → (the statuses it may start from, the status it leads to)
TRANSITIONS: dict[AllocationAction, tuple[frozenset[AllocationStatus], AllocationStatus]] = {
    AllocationAction.ACCEPT: (frozenset({AllocationStatus.PENDING}), AllocationStatus.ACCEPTED),
    AllocationAction.REJECT: (frozenset({AllocationStatus.PENDING}), AllocationStatus.REJECTED),
    AllocationAction.COMPLETE: (frozenset({AllocationStatus.ACCEPTED}), AllocationStatus.COMPLETED),
    AllocationAction.CANCEL: (frozenset({AllocationStatus.QUEUED, AllocationStatus.PENDING, AllocationStatus.ACCEPTED}),
                              AllocationStatus.CANCELLED),
}
HOLDS_CAPACITY = frozenset({AllocationStatus.PENDING, AllocationStatus.ACCEPTED})
EVENT_TYPES = {AllocationStatus.ACCEPTED: "CONTACT_ACCEPTED", AllocationStatus.COMPLETED: "CONTACT_COMPLETED",
               AllocationStatus.CANCELLED: "CONTACT_CANCELLED"}


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


async def read_allocation(tx: Transaction, allocation_id: str) -> Allocation:
    [row] = await tx.run(GET_ALLOCATIONS, allocationIds=[allocation_id])
    return Allocation.from_record(row["allocation"])


async def allocate(info: Info, routing_request: RoutingRequestInput,
                  idempotency_key: str | None) -> AllocationDecision:
    key = idempotency.key(idempotency_key, "idempotencyKey")
    now = datetime.datetime.now(datetime.UTC)
    parameters = routing_parameters(routing_request, now, CANDIDATES)
    by = info.context.caller.subject
    asked = {k: v for k, v in parameters.items() if k not in ("at", "limit")}
    fingerprint = None if key is None else idempotency.fingerprint("requestAllocation", {**asked, "by": by})
    allocation_id = new_allocation_id()
    explain = selects(info, "routing", "rejected")  # ranking every rejected resource costs a full evaluation
    contact = Contact(
        contact_id=allocation_id, customer_id=parameters["customerId"], channel=parameters["channel"],
        language=parameters["language"], product_id=parameters["productId"], purpose=parameters["purpose"],
        required=tuple((s["code"], s["minProficiency"]) for s in parameters["requestSkills"]),
        optional=tuple((s["code"], s["minProficiency"]) for s in parameters["optionalSkills"]),
        requested_priority=parameters["priority"], requested_at=now, requested_by=by,
        idempotency_key=key, fingerprint=fingerprint)

    async def work(tx: Transaction, last: bool) -> tuple[str, RoutingPreview | None]:
        if key is not None:
            prior = await tx.run(ALLOCATION_BY_IDEMPOTENCY_KEY, idempotencyKey=key)
            if prior:
                idempotency.replay(prior[0]["fingerprint"], fingerprint or "", key, "idempotencyKey")
                return prior[0]["allocationId"], None
        # Each attempt stamps its own time: live feeds read changes by updatedAt, near commit time.
        outcome = await route(tx, contact, allocation_id, datetime.datetime.now(datetime.UTC), by,
                              queue_if_taken=last, explain=explain)
        if outcome is None:
            raise CapacityTaken(allocation_id)
        preview = RoutingPreview.from_record(outcome.routing, now, info.context.caller.sees_confidential)
        # Routing ranked before capacity was claimed: say who actually got the contact.
        preview.chosen = next((c for c in preview.candidates if c.resource.resource_id == outcome.resource_id), None)
        if preview.chosen is None:
            preview.queue_reason = outcome.queue_reason
        return allocation_id, preview

    await require_reach_for(info, "request.customerId", f"customer '{contact.customer_id}'",
                            customerId=contact.customer_id)
    db = info.context.db
    for attempt in range(MAX_ATTEMPTS):
        try:
            decided, routing = await db.transact(functools.partial(work, last=attempt == MAX_ATTEMPTS - 1))
            break
        except CapacityTaken:
            continue
        except ConstraintError:
            if key is None:
                raise
            # A concurrent request with the same key committed first: answer with its decision.
            decided, routing = await db.transact(lambda tx: work(tx, True))
            break
    else:
        raise AssertionError("the last attempt queues instead of raising CapacityTaken")
    # Read after the commit (the bookmark makes it see it): the resource locks are held no longer.
    return AllocationDecision(allocation=await retrieve(db, decided), replayed=routing is None, routing=routing)


async def retrieve(db: Database, allocation_id: str, field: str = "allocationId") -> Allocation:
    rows = await db.read(GET_ALLOCATIONS, allocationIds=[allocation_id])
    if not rows:
        raise NotFound(f"no allocation has the id {allocation_id}", field=field)
    return Allocation.from_record(rows[0]["allocation"])


async def take_step(info: Info, input: UpdateAllocationInput) -> Allocation:
    action = input.action
    reason = text(input.reason, "input.reason", MAX_REASON, required=False)
    allocation_id = str(input.allocation_id)
    sources, target = TRANSITIONS[action]
    by = info.context.caller.subject

    async def work(tx: Transaction) -> Allocation:
        now = datetime.datetime.now(datetime.UTC)
        await require_allocation_reach(tx, info, allocation_id)
        allocation = await locked(tx, allocation_id)
        status = AllocationStatus(allocation["status"])
        if status is target:  # a retry of a step that already happened
            return await read_allocation(tx, allocation_id)
        if status not in sources:
            allowed = ", ".join(sorted(s.name for s in sources))
            raise Conflict(f"cannot {action.name} an allocation that is {status.name}; {action.name} applies to "
                           f"{allowed}", field="input.action")
        if action is AllocationAction.ACCEPT and allocation["offerExpiresAt"].to_native() <= now:
            raise Conflict(f"the offer lapsed at {allocation['offerExpiresAt'].to_native().isoformat()}; the contact "
                           "is being re-routed", field="input.action")
        changes = Changes()
        if action is AllocationAction.REJECT:
            await end_offer(tx, allocation, AllocationStatus.REJECTED, reason, now, by, changes)
        else:
            await tx.run(SET_ALLOCATION_STATUS, allocationId=allocation_id, status=target.name, reason=reason,
                         now=now, by=by)
            resource_id = allocation["resourceId"]
            await log_event(tx, allocation["customerId"], EventCategory.SERVICING, EVENT_TYPES[target],
                            f"{allocation['channel']} contact {target.name.lower()}"
                            + (f" by {resource_id}" if resource_id else " while queued")
                            + (f": {reason}" if reason else ""),
                            by, result=target.name, resource_id=resource_id, allocation_id=allocation_id)
            if target is not AllocationStatus.ACCEPTED and status in HOLDS_CAPACITY:
                await serve_queue(tx, now, by, changes, resource_id=resource_id)
        return await read_allocation(tx, allocation_id)

    return await info.context.db.transact(work)


async def require_allocation_reach(tx: Transaction, info: Info, allocation_id: str) -> None:
    """The book rule for a step on an allocation (security.book): its customer is in an RM's book,
    or the allocation is offered to the RM."""
    await require_reach(tx, info.context.caller, "input.allocationId", f"allocation has the id {allocation_id}",
                        allocationId=allocation_id)


async def locked(tx: Transaction, allocation_id: str) -> dict[str, Any]:
    allocation = await lock_allocation(tx, allocation_id)
    if allocation is None:
        raise NotFound(f"no allocation has the id {allocation_id}", field="input.allocationId")
    return allocation


async def wrap_up(info: Info, input: CaptureAllocationInput) -> Allocation:
    note = text(input.note, "input.note", MAX_NOTE, required=False)
    allocation_id = str(input.allocation_id)
    by = info.context.caller.subject

    async def work(tx: Transaction) -> Allocation:
        now = datetime.datetime.now(datetime.UTC)
        await require_allocation_reach(tx, info, allocation_id)
        allocation = await locked(tx, allocation_id)
        if allocation["status"] != AllocationStatus.ACCEPTED.name:
            raise Conflict(f"wrap-up is captured on an ACCEPTED allocation; this one is {allocation['status']}",
                           field="input.allocationId")
        await tx.run(CAPTURE_ALLOCATION_WRAP_UP, allocationId=allocation_id, disposition=input.disposition.name,
                     note=note, now=now, by=by)
        await log_event(tx, allocation["customerId"], EventCategory.SERVICING, "CONTACT_WRAPPED_UP",
                        f"{allocation['channel']} contact wrapped up as {input.disposition.name}"
                        + (f": {note}" if note else ""),
                        by, result=input.disposition.name, resource_id=allocation["resourceId"],
                        allocation_id=allocation_id)
        return await read_allocation(tx, allocation_id)

    return await info.context.db.transact(work)


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
        return await retrieve(info.context.db, str(allocation_id))


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
        return await take_step(info, input)

    @strawberry.mutation(
        description="Captures the wrap-up of an accepted allocation (BIAN CaptureAllocation): disposition and note; "
                    "captured again, it replaces the first.",
        extensions=allow(Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN))
    async def capture_allocation(
        self, info: Info,
        input: Annotated[CaptureAllocationInput, strawberry.argument(description="The allocation and its wrap-up.")],
    ) -> Allocation:
        return await wrap_up(info, input)

