"""Servicing pools' GraphQL side (BIAN Contact Routing: Provide, Update, Retrieve of the pool and
its settings): the types, the inputs and thin resolvers over domains/contact_routing/pools.py.

Admins and relationship managers (who run the RM teams' pools) provide and change pools; every
role reads them.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

import strawberry

from domains.contact_routing import pools as rules
from domains.contact_routing.pools import DEFAULT_OFFER_TIMEOUT, DEFAULT_SERVICE_LEVEL
from domains.contact_routing.vocabulary import OMITTED, Omitted
from gateway.security.auth import ALL_ROLES, Role, allow
from graph.database import Record
from graph.temporal import native
from resolvers.contact_routing.vocabulary import (
    PoolPurpose,
    PoolStrategy,
    ResourceKind,
    ResourceStatus,
    SkillReference,
)
from resolvers.context import Info

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
        return [_assignment(row) for row in await rules.assignments(info.context.db, str(self.pool_id), first)]

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


def _given(value: Any) -> Any:
    """A field's value, or OMITTED when the client left it out."""
    return OMITTED if value is strawberry.UNSET else value


def _code(value: PoolPurpose | PoolStrategy | None | Omitted) -> str | None | Omitted:
    return value if value is None or value is OMITTED else value.name


def settings(source: ServicingPoolInput | ServicingPoolChanges) -> rules.PoolSettings:
    """The pool settings the input gives, in the domain's terms."""
    return rules.PoolSettings(
        name=_given(source.name), purpose=_code(_given(source.purpose)), strategy=_code(_given(source.strategy)),
        offer_timeout_seconds=_given(source.offer_timeout_seconds),
        service_level_seconds=_given(source.service_level_seconds), skills=_given(source.skills))


@strawberry.type
class PoolQuery:
    @strawberry.field(description="A servicing pool with its settings, members and assignments (BIAN Retrieve); "
                                  "every role may read it; NOT_FOUND when no pool has the id.",
                      extensions=allow(*ALL_ROLES))
    async def servicing_pool(
        self, info: Info,
        pool_id: Annotated[strawberry.ID, strawberry.argument(description="The pool's identifier, e.g. POOL-SALES.")],
    ) -> ServicingPool:
        return ServicingPool.from_record(await rules.retrieve(info.context.db, str(pool_id)))


@strawberry.type
class PoolMutation:
    @strawberry.mutation(description="Provides a new servicing pool with its settings (BIAN Provide; admins and "
                                     "relationship managers); CONFLICT if its id exists.",
                         extensions=allow(*POOL_EDITORS))
    async def provide_servicing_pool(
        self, info: Info,
        data: Annotated[ServicingPoolInput, strawberry.argument(name="input", description="The new pool.")],
    ) -> ServicingPool:
        return ServicingPool.from_record(
            await rules.provide(info.context.db, info.context.caller, str(data.pool_id), settings(data)))

    @strawberry.mutation(description="Changes some of a servicing pool's settings (BIAN Update; admins and "
                                     "relationship managers).",
                         extensions=allow(*POOL_EDITORS))
    async def update_servicing_pool(
        self, info: Info,
        pool_id: Annotated[strawberry.ID, strawberry.argument(description="The id of the pool to change.")],
        changes: Annotated[ServicingPoolChanges, strawberry.argument(description="Only the fields to change.")],
    ) -> ServicingPool:
        return ServicingPool.from_record(
            await rules.update(info.context.db, info.context.caller, str(pool_id), settings(changes)))
