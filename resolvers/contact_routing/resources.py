"""Servicing resources' GraphQL side: the types, the inputs and thin resolvers over
domains/contact_routing/resources.py (register, change and read the agents, specialists and
relationship managers contacts are routed to). Admins register and change resources; every role
reads them.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

import strawberry

from domains.contact_routing import resources as rules
from domains.contact_routing.resources import CHANNELS
from domains.contact_routing.vocabulary import OMITTED
from gateway.security.auth import ALL_ROLES, Role, allow
from graph.database import Record
from graph.temporal import native
from resolvers.contact_routing.vocabulary import ResourceKind, ResourceStatus
from resolvers.context import Info


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


def _given(value: Any) -> Any:
    """A field's value, or OMITTED when the client left it out."""
    return OMITTED if value is strawberry.UNSET else value


def details(source: ServicingResourceInput | ServicingResourceChanges) -> rules.ResourceDetails:
    """The resource details the input gives, in the domain's terms."""
    kind, capacity = _given(source.kind), _given(source.capacity)
    skills, pools = _given(source.skills), _given(source.pools)
    return rules.ResourceDetails(
        name=_given(source.name), kind=kind if kind is None or kind is OMITTED else kind.name,
        languages=_given(source.languages),
        capacity=capacity if capacity is None or capacity is OMITTED else {
            channel: getattr(capacity, channel) for channel in CHANNELS
            if getattr(capacity, channel) is not strawberry.UNSET},
        skills=skills if skills is None or skills is OMITTED else [(s.code, s.proficiency) for s in skills],
        pools=pools if pools is None or pools is OMITTED else [str(pool) for pool in pools])


@strawberry.type
class ResourceQuery:
    @strawberry.field(description="A servicing resource with its skills, pools, capacity, status and book; every role "
                                  "may read it; NOT_FOUND when no resource has the id.",
                      extensions=allow(*ALL_ROLES))
    async def servicing_resource(
        self, info: Info,
        resource_id: Annotated[strawberry.ID, strawberry.argument(description="The resource's identifier, e.g. R000011.")],
    ) -> ServicingResource:
        return ServicingResource.from_record(await rules.retrieve(info.context.db, str(resource_id)))


@strawberry.type
class ResourceMutation:
    @strawberry.mutation(description="Registers a servicing resource, OFFLINE until its status is captured (admins "
                                     "only); CONFLICT if its id exists, NOT_FOUND naming unknown skills or pools.",
                         extensions=allow(Role.ADMIN))
    async def register_servicing_resource(
        self, info: Info,
        data: Annotated[ServicingResourceInput, strawberry.argument(name="input", description="The new resource.")],
    ) -> ServicingResource:
        return ServicingResource.from_record(
            await rules.register(info.context.db, info.context.caller, str(data.resource_id), details(data)))

    @strawberry.mutation(description="Changes some of a servicing resource's details (admins only); its status is "
                                     "captured with captureServicingResourceStatus.",
                         extensions=allow(Role.ADMIN))
    async def update_servicing_resource(
        self, info: Info,
        resource_id: Annotated[strawberry.ID, strawberry.argument(description="The id of the resource to change.")],
        changes: Annotated[ServicingResourceChanges, strawberry.argument(description="Only the fields to change.")],
    ) -> ServicingResource:
        return ServicingResource.from_record(
            await rules.update(info.context.db, info.context.caller, str(resource_id), details(changes)))
