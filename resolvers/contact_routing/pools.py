"""Servicing pools (BIAN Contact Routing: Provide, Update, Retrieve of the pool and its settings).

A pool is where routing allocates contacts from: its strategy ranks equally suited members,
its offer timeout bounds how long an offered contact waits to be accepted, its service level
is the answer time its statistics measure against, and its skills are those it expects of
its members. Admins and relationship managers (who run the RM teams' pools) provide and
change pools; every role reads them. Each mutation is one write transaction; input is checked
before it starts and the skills inside it, so every failure leaves the graph as it was.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

import strawberry
from neo4j.exceptions import ConstraintError

from domains.inputs import text
from gateway.security.auth import ALL_ROLES, Role, allow
from graph.database import Record, Transaction
from graph.errors import Conflict, NotFound, ValidationFailed
from graph.queries import load
from graph.temporal import native
from resolvers.contact_routing.vocabulary import (
    PoolPurpose,
    PoolStrategy,
    ResourceKind,
    ResourceStatus,
    SkillReference,
    check_references,
    in_range,
    once_each,
    present,
)
from resolvers.context import Info

GET_SERVICING_POOL = load("contact_routing/get_servicing_pool")
ASSIGNMENTS_OF_POOL = load("contact_routing/assignments_of_pool")
PROVIDE_SERVICING_POOL = load("contact_routing/provide_servicing_pool")
UPDATE_SERVICING_POOL = load("contact_routing/update_servicing_pool")
LINK_POOL_SKILLS = load("contact_routing/link_pool_skills")

POOL_ID = re.compile(r"POOL-[A-Z0-9]+(-[A-Z0-9]+)*")
MAX_POOL_ID = 64
NAME_LENGTH = 200
OFFER_TIMEOUTS = range(5, 601)
SERVICE_LEVELS = range(1, 3601)
DEFAULT_OFFER_TIMEOUT = 30
DEFAULT_SERVICE_LEVEL = 20
MAX_ASSIGNMENTS = 500
POOL_EDITORS = (Role.ADMIN, Role.RELATIONSHIP_MANAGER)


@strawberry.type(description="A resource taking contacts from a pool, with its current status.")
class PoolMember:
    resource_id: strawberry.ID = strawberry.field(description="The resource's identifier, e.g. R000011.")
    name: str = strawberry.field(description="The person's name.")
    kind: ResourceKind = strawberry.field(description="Agent, relationship manager or specialist.")
    status: ResourceStatus = strawberry.field(description="Whether the resource can take a contact now.")
    status_since: datetime.datetime | None = strawberry.field(description="When the status began.")


@strawberry.type(description="A contact allocated from a pool (BIAN: an assignment of the pool).")
class PoolAssignment:
    allocation_id: strawberry.ID = strawberry.field(description="The allocation's identifier.")
    status: str = strawberry.field(description="Where the allocation is in its lifecycle, e.g. PENDING or ACCEPTED.")
    customer_id: strawberry.ID | None = strawberry.field(description="The customer the contact is for.")
    resource_id: strawberry.ID | None = strawberry.field(description="The resource it is assigned to; null while queued.")
    requested_at: datetime.datetime | None = strawberry.field(description="When the contact asked to be routed.")


@strawberry.type(description="A servicing pool (BIAN ServicingPool): where contacts are routed and how.")
class ServicingPool:
    pool_id: strawberry.ID = strawberry.field(description="The pool's identifier, e.g. POOL-SALES.")
    name: str = strawberry.field(description="The pool's readable name.")
    purpose: PoolPurpose = strawberry.field(description="What kind of contacts the pool takes.")
    strategy: PoolStrategy = strawberry.field(description="How routing ranks equally suited members.")
    offer_timeout_seconds: int = strawberry.field(
        description="Seconds a member has to accept an offered contact before it is withdrawn and re-routed.")
    service_level_seconds: int = strawberry.field(
        description="The answer time the pool's service level is measured against, in seconds.")
    skills: list[SkillReference] = strawberry.field(description="The skills the pool expects of its members.")
    members: list[PoolMember] = strawberry.field(description="The resources taking contacts from the pool, by id.")

    @strawberry.field(description="The contacts allocated from the pool (BIAN Retrieve), newest first.")
    async def assignments(
        self, info: Info,
        first: Annotated[int, strawberry.argument(description="At most this many, 1 to 500.")] = 50,
    ) -> list[PoolAssignment]:
        in_range(first, range(1, MAX_ASSIGNMENTS + 1), "first")
        rows = await info.context.db.read(ASSIGNMENTS_OF_POOL, poolId=str(self.pool_id), first=first)
        return [_assignment(row["assignment"]) for row in rows]

    @classmethod
    def from_record(cls, row: Record) -> ServicingPool:
        return cls(
            pool_id=strawberry.ID(row["poolId"]), name=row["name"], purpose=PoolPurpose(row["purpose"]),
            strategy=PoolStrategy(row["strategy"]), offer_timeout_seconds=row["offerTimeoutSeconds"],
            service_level_seconds=row["serviceLevelSeconds"],
            skills=[SkillReference(code=s["code"], name=s.get("name")) for s in sorted(row["skills"], key=lambda s: s["code"])],
            members=[PoolMember(resource_id=strawberry.ID(m["resourceId"]), name=m["name"], kind=ResourceKind(m["kind"]),
                                status=ResourceStatus(m["status"]), status_since=native(m.get("statusSince")))
                     for m in sorted(row["members"], key=lambda m: m["resourceId"])],
        )


def _assignment(row: Record) -> PoolAssignment:
    customer, resource = row.get("customerId"), row.get("resourceId")
    return PoolAssignment(
        allocation_id=strawberry.ID(row["allocationId"]), status=row["status"],
        customer_id=None if customer is None else strawberry.ID(customer),
        resource_id=None if resource is None else strawberry.ID(resource), requested_at=native(row.get("requestedAt")),
    )


@strawberry.input(description="A new servicing pool with its settings.")
class ServicingPoolInput:
    pool_id: strawberry.ID = strawberry.field(
        description="POOL- and upper-case words of letters and digits joined by -, e.g. POOL-MORTGAGES; at most 64 long.")
    name: str = strawberry.field(description="Readable name; not blank, at most 200 characters.")
    purpose: PoolPurpose = strawberry.field(description="What kind of contacts the pool takes.")
    strategy: PoolStrategy = strawberry.field(description="How routing ranks equally suited members.")
    offer_timeout_seconds: int = strawberry.field(
        default=DEFAULT_OFFER_TIMEOUT, description="Seconds to accept an offered contact, 5 to 600 (default 30).")
    service_level_seconds: int = strawberry.field(
        default=DEFAULT_SERVICE_LEVEL, description="The target answer time in seconds, 1 to 3600 (default 20).")
    skills: list[str] = strawberry.field(
        default_factory=list, description="Codes of existing skills the pool expects of its members, each once.")


@strawberry.input(description="Changes to a servicing pool: only the fields given change; its id never does.")
class ServicingPoolChanges:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="A new readable name; not blank.")
    purpose: PoolPurpose | None = strawberry.field(default=strawberry.UNSET, description="A new purpose.")
    strategy: PoolStrategy | None = strawberry.field(default=strawberry.UNSET, description="A new strategy.")
    offer_timeout_seconds: int | None = strawberry.field(
        default=strawberry.UNSET, description="A new offer timeout, 5 to 600 seconds.")
    service_level_seconds: int | None = strawberry.field(
        default=strawberry.UNSET, description="A new service-level target, 1 to 3600 seconds.")
    skills: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="The whole new set of expected skills' codes; [] expects none.")


def _properties(source: ServicingPoolInput | ServicingPoolChanges, argument: str) -> dict[str, Any]:
    """The checked node properties `source` gives; UNSET fields are left out."""
    checked: dict[str, Any] = {}
    if source.name is not strawberry.UNSET:
        checked["name"] = text(source.name, f"{argument}.name", NAME_LENGTH)
    for attr, key in (("purpose", "purpose"), ("strategy", "strategy")):
        value = getattr(source, attr)
        if value is not strawberry.UNSET:
            checked[key] = present(value, f"{argument}.{key}").value
    for attr, key, allowed in (("offer_timeout_seconds", "offerTimeoutSeconds", OFFER_TIMEOUTS),
                               ("service_level_seconds", "serviceLevelSeconds", SERVICE_LEVELS)):
        value = getattr(source, attr)
        if value is not strawberry.UNSET:
            checked[key] = in_range(present(value, f"{argument}.{key}"), allowed, f"{argument}.{key}")
    return checked


def _skills(codes: list[str] | None, argument: str) -> list[str]:
    field = f"{argument}.skills"
    once_each(present(codes, field), field, "skill")
    return list(codes or [])


async def _read(tx: Transaction, pool_id: str) -> ServicingPool:
    [row] = await tx.run(GET_SERVICING_POOL, poolId=pool_id)
    return ServicingPool.from_record(row["pool"])


async def provide(info: Info, data: ServicingPoolInput) -> ServicingPool:
    pool_id = str(data.pool_id)
    if not POOL_ID.fullmatch(pool_id) or len(pool_id) > MAX_POOL_ID:
        raise ValidationFailed("the pool id must be POOL- and upper-case words joined by -, at most 64 long",
                               field="input.poolId")
    properties = _properties(data, "input")
    skills = _skills(data.skills, "input")

    async def work(tx: Transaction) -> ServicingPool:
        if await tx.run(GET_SERVICING_POOL, poolId=pool_id):
            raise Conflict(f"the servicing pool {pool_id} exists already; change it with updateServicingPool",
                           field="input.poolId")
        await check_references(tx, skills, [], "input")
        await tx.run(PROVIDE_SERVICING_POOL, poolId=pool_id, **properties, by=info.context.caller.subject)
        await tx.run(LINK_POOL_SKILLS, poolId=pool_id, skillCodes=skills)
        return await _read(tx, pool_id)

    try:
        return await info.context.db.transact(work)
    except ConstraintError:  # provided concurrently between the check and the CREATE
        raise Conflict(f"the servicing pool {pool_id} exists already", field="input.poolId") from None


async def update(info: Info, pool_id: str, changes: ServicingPoolChanges) -> ServicingPool:
    properties = _properties(changes, "changes")
    skills = None if changes.skills is strawberry.UNSET else _skills(changes.skills, "changes")
    if not properties and skills is None:
        raise ValidationFailed("changes names nothing to change", field="changes")

    async def work(tx: Transaction) -> ServicingPool:
        # The update comes first: it locks the pool, so concurrent changes to it queue up.
        if not await tx.run(UPDATE_SERVICING_POOL, poolId=pool_id, properties=properties,
                            by=info.context.caller.subject):
            raise NotFound(f"no servicing pool has the id {pool_id}", field="poolId")
        if skills is not None:
            await check_references(tx, skills, [], "changes")
            await tx.run(LINK_POOL_SKILLS, poolId=pool_id, skillCodes=skills)
        return await _read(tx, pool_id)

    result: ServicingPool = await info.context.db.transact(work)

    return result


@strawberry.type
class PoolQuery:
    @strawberry.field(description="A servicing pool with its settings, members and assignments (BIAN Retrieve); "
                                  "every role may read it; NOT_FOUND when no pool has the id.",
                      extensions=allow(*ALL_ROLES))
    async def servicing_pool(
        self, info: Info,
        pool_id: Annotated[strawberry.ID, strawberry.argument(description="The pool's identifier, e.g. POOL-SALES.")],
    ) -> ServicingPool:
        rows = await info.context.db.read(GET_SERVICING_POOL, poolId=str(pool_id))
        if not rows:
            raise NotFound(f"no servicing pool has the id {pool_id}", field="poolId")
        return ServicingPool.from_record(rows[0]["pool"])


@strawberry.type
class PoolMutation:
    @strawberry.mutation(description="Provides a new servicing pool with its settings (BIAN Provide; admins and "
                                     "relationship managers); CONFLICT if its id exists.",
                         extensions=allow(*POOL_EDITORS))
    async def provide_servicing_pool(
        self, info: Info,
        data: Annotated[ServicingPoolInput, strawberry.argument(name="input", description="The new pool.")],
    ) -> ServicingPool:
        return await provide(info, data)

    @strawberry.mutation(description="Changes some of a servicing pool's settings (BIAN Update; admins and "
                                     "relationship managers).",
                         extensions=allow(*POOL_EDITORS))
    async def update_servicing_pool(
        self, info: Info,
        pool_id: Annotated[strawberry.ID, strawberry.argument(description="The id of the pool to change.")],
        changes: Annotated[ServicingPoolChanges, strawberry.argument(description="Only the fields to change.")],
    ) -> ServicingPool:
        return await update(info, str(pool_id), changes)
