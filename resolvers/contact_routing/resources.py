"""Servicing resources: the agents, specialists and relationship managers contacts are routed to.

A resource has skills with a proficiency (1-5), languages, a capacity per channel, pool
memberships and a status. Admins register and change resources; every role reads them. Each
mutation is one write transaction; input is checked before it starts, the skills and pools it
names inside it, so every failure leaves the graph as it was. A new resource is OFFLINE until
its status is captured (see `status`).
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
    ResourceKind,
    ResourceStatus,
    check_references,
    in_range,
    once_each,
    present,
)
from resolvers.context import Info

GET_SERVICING_RESOURCE = load("contact_routing/get_servicing_resource")
REGISTER_SERVICING_RESOURCE = load("contact_routing/register_servicing_resource")
LOCK_SERVICING_RESOURCE = load("contact_routing/lock_servicing_resource")
UPDATE_SERVICING_RESOURCE = load("contact_routing/update_servicing_resource")
LINK_RESOURCE_SKILLS = load("contact_routing/link_resource_skills")
LINK_RESOURCE_POOLS = load("contact_routing/link_resource_pools")

RESOURCE_ID = re.compile(r"R[0-9]{6}")
LANGUAGE = re.compile(r"[a-z]{2}")
NAME_LENGTH = 200
CAPACITIES = range(0, 21)
PROFICIENCIES = range(1, 6)
CHANNELS = {"phone": "capacityPhone", "chat": "capacityChat", "video": "capacityVideo",
            "branch": "capacityBranch", "email": "capacityEmail"}


@strawberry.type(description="A skill of a servicing resource with how well the resource masters it.")
class ResourceSkill:
    code: str = strawberry.field(description="The skill's code, e.g. MORTGAGE_SALES.")
    name: str | None = strawberry.field(description="The skill's readable name.")
    proficiency: int = strawberry.field(description="1 (novice) to 5 (expert).")


@strawberry.type(description="A servicing pool a resource takes contacts from.")
class ResourcePool:
    pool_id: strawberry.ID = strawberry.field(description="The pool's identifier, e.g. POOL-SALES.")
    name: str | None = strawberry.field(description="The pool's readable name.")


@strawberry.type(description="How many contacts a resource takes at once on each channel; 0: does not serve it.")
class ChannelCapacity:
    phone: int = strawberry.field(description="Concurrent phone calls.")
    chat: int = strawberry.field(description="Concurrent chat sessions.")
    video: int = strawberry.field(description="Concurrent video calls.")
    branch: int = strawberry.field(description="Concurrent branch appointments.")
    email: int = strawberry.field(description="Concurrent e-mail conversations.")


@strawberry.type(description="A resource that stands in for another.")
class ResourceReference:
    resource_id: strawberry.ID = strawberry.field(description="The resource's identifier, e.g. R000012.")
    name: str = strawberry.field(description="The person's name.")


@strawberry.type(description="A servicing resource (agent, specialist or relationship manager) contacts are routed to.")
class ServicingResource:
    resource_id: strawberry.ID = strawberry.field(description="The resource's identifier, e.g. R000011.")
    name: str = strawberry.field(description="The person's name.")
    kind: ResourceKind = strawberry.field(description="Agent, relationship manager or specialist.")
    languages: list[str] = strawberry.field(description="ISO 639-1 codes of the languages spoken, primary first.")
    capacity: ChannelCapacity = strawberry.field(description="Concurrent contacts taken per channel.")
    skills: list[ResourceSkill] = strawberry.field(description="The resource's skills, by code.")
    pools: list[ResourcePool] = strawberry.field(description="The pools the resource takes contacts from, by id.")
    status: ResourceStatus = strawberry.field(description="Whether the resource can take a contact now.")
    status_since: datetime.datetime | None = strawberry.field(description="When the status began.")
    managed_customer_count: int = strawberry.field(description="How many customers the resource manages as their RM.")
    backup: ResourceReference | None = strawberry.field(description="Who stands in for the resource; null: nobody.")

    @classmethod
    def from_record(cls, row: Record) -> ServicingResource:
        backup = row.get("backup")
        return cls(
            resource_id=strawberry.ID(row["resourceId"]), name=row["name"], kind=ResourceKind(row["kind"]),
            languages=row["languages"],
            capacity=ChannelCapacity(**{channel: row[key] for channel, key in CHANNELS.items()}),
            skills=[ResourceSkill(code=s["code"], name=s.get("name"), proficiency=s["proficiency"])
                    for s in sorted(row["skills"], key=lambda s: s["code"])],
            pools=[ResourcePool(pool_id=strawberry.ID(p["poolId"]), name=p.get("name"))
                   for p in sorted(row["pools"], key=lambda p: p["poolId"])],
            status=ResourceStatus(row["status"]), status_since=native(row.get("statusSince")),
            managed_customer_count=row["managedCustomers"],
            backup=None if backup is None else ResourceReference(resource_id=strawberry.ID(backup["resourceId"]),
                                                                 name=backup["name"]),
        )


@strawberry.input(description="Concurrent contacts per channel, each 0 to 20; a channel left out is 0 (not served).")
class ChannelCapacityInput:
    phone: int = strawberry.field(default=0, description="Concurrent phone calls, 0 to 20.")
    chat: int = strawberry.field(default=0, description="Concurrent chat sessions, 0 to 20.")
    video: int = strawberry.field(default=0, description="Concurrent video calls, 0 to 20.")
    branch: int = strawberry.field(default=0, description="Concurrent branch appointments, 0 to 20.")
    email: int = strawberry.field(default=0, description="Concurrent e-mail conversations, 0 to 20.")


@strawberry.input(description="Changes to a resource's capacity: only the channels given change.")
class ChannelCapacityChanges:
    phone: int | None = strawberry.field(default=strawberry.UNSET, description="Concurrent phone calls, 0 to 20.")
    chat: int | None = strawberry.field(default=strawberry.UNSET, description="Concurrent chat sessions, 0 to 20.")
    video: int | None = strawberry.field(default=strawberry.UNSET, description="Concurrent video calls, 0 to 20.")
    branch: int | None = strawberry.field(default=strawberry.UNSET, description="Concurrent branch appointments, 0 to 20.")
    email: int | None = strawberry.field(default=strawberry.UNSET, description="Concurrent e-mail conversations, 0 to 20.")


@strawberry.input(description="A skill of a resource with its proficiency.")
class ResourceSkillInput:
    code: str = strawberry.field(description="An existing skill's code, e.g. MORTGAGE_SALES.")
    proficiency: int = strawberry.field(description="1 (novice) to 5 (expert).")


@strawberry.input(description="A new servicing resource; it starts OFFLINE.")
class ServicingResourceInput:
    resource_id: strawberry.ID = strawberry.field(description="R and 6 digits, e.g. R000123.")
    name: str = strawberry.field(description="The person's name; not blank, at most 200 characters.")
    kind: ResourceKind = strawberry.field(description="Agent, relationship manager or specialist.")
    languages: list[str] = strawberry.field(description="ISO 639-1 codes (2 lower-case letters), primary first, each once.")
    capacity: ChannelCapacityInput = strawberry.field(description="Concurrent contacts per channel.")
    skills: list[ResourceSkillInput] = strawberry.field(
        default_factory=list, description="Existing skills with their proficiency, each skill once.")
    pools: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Ids of existing pools the resource takes contacts from, each once.")


@strawberry.input(description="Changes to a servicing resource: only the fields given change; skills and pools "
                              "given replace the whole set.")
class ServicingResourceChanges:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="A new name; not blank.")
    kind: ResourceKind | None = strawberry.field(
        default=strawberry.UNSET, description="A new kind; a relationship manager must hand over their book first.")
    languages: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="The new languages, primary first; at least one.")
    capacity: ChannelCapacityChanges | None = strawberry.field(
        default=strawberry.UNSET, description="New capacities for the channels given.")
    skills: list[ResourceSkillInput] | None = strawberry.field(
        default=strawberry.UNSET, description="The whole new set of skills; [] leaves none.")
    pools: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="The whole new set of pools' ids; [] takes the resource out of every pool.")


def _languages(codes: list[str] | None, field: str) -> list[str]:
    if not present(codes, field) or any(not LANGUAGE.fullmatch(code) for code in codes or []):
        raise ValidationFailed("languages must be one or more ISO 639-1 codes of 2 lower-case letters, e.g. en",
                               field=field)
    once_each(codes or [], field, "language")
    return list(codes or [])


def _capacity(source: ChannelCapacityInput | ChannelCapacityChanges, field: str) -> dict[str, int]:
    checked = {}
    for channel, key in CHANNELS.items():
        value = getattr(source, channel)
        if value is not strawberry.UNSET:
            checked[key] = in_range(present(value, f"{field}.{channel}"), CAPACITIES, f"{field}.{channel}")
    return checked


def _skills(skills: list[ResourceSkillInput] | None, field: str) -> list[dict[str, Any]]:
    once_each((skill.code for skill in present(skills, field)), field, "skill")
    for skill in skills or []:
        if skill.proficiency not in PROFICIENCIES:
            raise ValidationFailed(f"the proficiency of {skill.code} must be between 1 and 5, not {skill.proficiency}",
                                   field=field)
    return [{"code": skill.code, "proficiency": skill.proficiency} for skill in skills or []]


def _pools(pools: list[strawberry.ID] | None, field: str) -> list[str]:
    ids = [str(pool) for pool in present(pools, field)]
    once_each(ids, field, "pool")
    return ids


def _properties(source: ServicingResourceInput | ServicingResourceChanges, argument: str) -> dict[str, Any]:
    """The checked node properties `source` gives; UNSET fields are left out."""
    checked: dict[str, Any] = {}
    if source.name is not strawberry.UNSET:
        checked["name"] = text(source.name, f"{argument}.name", NAME_LENGTH)
    if source.kind is not strawberry.UNSET:
        checked["kind"] = present(source.kind, f"{argument}.kind").value
    if source.languages is not strawberry.UNSET:
        checked["languages"] = _languages(source.languages, f"{argument}.languages")
    capacity: ChannelCapacityInput | ChannelCapacityChanges | None = source.capacity
    if capacity is None:
        present(capacity, f"{argument}.capacity")
    elif capacity is not strawberry.UNSET:
        checked.update(_capacity(capacity, f"{argument}.capacity"))
    return checked


async def read(tx: Transaction, resource_id: str) -> ServicingResource:
    [row] = await tx.run(GET_SERVICING_RESOURCE, resourceId=resource_id)
    return ServicingResource.from_record(row["resource"])


async def register(info: Info, data: ServicingResourceInput) -> ServicingResource:
    resource_id = str(data.resource_id)
    if not RESOURCE_ID.fullmatch(resource_id):
        raise ValidationFailed("the resource id must be R and 6 digits, e.g. R000123", field="input.resourceId")
    properties = _properties(data, "input")
    skills, pools = _skills(data.skills, "input.skills"), _pools(data.pools, "input.pools")

    async def work(tx: Transaction) -> ServicingResource:
        if await tx.run(GET_SERVICING_RESOURCE, resourceId=resource_id):
            raise Conflict(f"the servicing resource {resource_id} exists already; change it with "
                           "updateServicingResource", field="input.resourceId")
        await check_references(tx, [skill["code"] for skill in skills], pools, "input")
        await tx.run(REGISTER_SERVICING_RESOURCE, resourceId=resource_id, **properties, by=info.context.caller.subject)
        await tx.run(LINK_RESOURCE_SKILLS, resourceId=resource_id, skills=skills)
        await tx.run(LINK_RESOURCE_POOLS, resourceId=resource_id, poolIds=pools)
        return await read(tx, resource_id)

    try:
        return await info.context.db.transact(work)
    except ConstraintError:  # registered concurrently between the check and the CREATE
        raise Conflict(f"the servicing resource {resource_id} exists already", field="input.resourceId") from None


async def update(info: Info, resource_id: str, changes: ServicingResourceChanges) -> ServicingResource:
    properties = _properties(changes, "changes")
    skills = None if changes.skills is strawberry.UNSET else _skills(changes.skills, "changes.skills")
    pools = None if changes.pools is strawberry.UNSET else _pools(changes.pools, "changes.pools")
    if not properties and skills is None and pools is None:
        raise ValidationFailed("changes names nothing to change", field="changes")

    async def work(tx: Transaction) -> ServicingResource:
        locked = await tx.run(LOCK_SERVICING_RESOURCE, resourceId=resource_id)
        if not locked:
            raise NotFound(f"no servicing resource has the id {resource_id}", field="resourceId")
        [state] = locked
        leaves_book = properties.get("kind", state["kind"]) != ResourceKind.RELATIONSHIP_MANAGER.value
        if leaves_book and state["managedCustomers"]:
            raise Conflict(f"{resource_id} manages {state['managedCustomers']} customers; assign them another "
                           "relationship manager before changing its kind", field="changes.kind")
        await check_references(tx, [skill["code"] for skill in skills or []], pools or [], "changes")
        await tx.run(UPDATE_SERVICING_RESOURCE, resourceId=resource_id, properties=properties,
                     by=info.context.caller.subject)
        if skills is not None:
            await tx.run(LINK_RESOURCE_SKILLS, resourceId=resource_id, skills=skills)
        if pools is not None:
            await tx.run(LINK_RESOURCE_POOLS, resourceId=resource_id, poolIds=pools)
        return await read(tx, resource_id)

    result: ServicingResource = await info.context.db.transact(work)

    return result


@strawberry.type
class ResourceQuery:
    @strawberry.field(description="A servicing resource with its skills, pools, capacity, status and book; every role "
                                  "may read it; NOT_FOUND when no resource has the id.",
                      extensions=allow(*ALL_ROLES))
    async def servicing_resource(
        self, info: Info,
        resource_id: Annotated[strawberry.ID, strawberry.argument(description="The resource's identifier, e.g. R000011.")],
    ) -> ServicingResource:
        rows = await info.context.db.read(GET_SERVICING_RESOURCE, resourceId=str(resource_id))
        if not rows:
            raise NotFound(f"no servicing resource has the id {resource_id}", field="resourceId")
        return ServicingResource.from_record(rows[0]["resource"])


@strawberry.type
class ResourceMutation:
    @strawberry.mutation(description="Registers a servicing resource, OFFLINE until its status is captured (admins "
                                     "only); CONFLICT if its id exists, NOT_FOUND naming unknown skills or pools.",
                         extensions=allow(Role.ADMIN))
    async def register_servicing_resource(
        self, info: Info,
        data: Annotated[ServicingResourceInput, strawberry.argument(name="input", description="The new resource.")],
    ) -> ServicingResource:
        return await register(info, data)

    @strawberry.mutation(description="Changes some of a servicing resource's details (admins only); its status is "
                                     "captured with captureServicingResourceStatus.",
                         extensions=allow(Role.ADMIN))
    async def update_servicing_resource(
        self, info: Info,
        resource_id: Annotated[strawberry.ID, strawberry.argument(description="The id of the resource to change.")],
        changes: Annotated[ServicingResourceChanges, strawberry.argument(description="Only the fields to change.")],
    ) -> ServicingResource:
        return await update(info, str(resource_id), changes)
