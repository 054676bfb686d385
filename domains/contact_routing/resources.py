"""Servicing resources' rules: the agents, specialists and relationship managers contacts are routed to.

A resource has skills with a proficiency (1-5), languages, a capacity per channel, pool
memberships and a status. Each change is one write transaction; its values are checked before
it starts, the skills and pools it names inside it, so every failure leaves the graph as it was.
A new resource is OFFLINE until its status is captured: a status change is one write statement,
the new status begins now (`statusSince`), the same status again changes nothing, so an agent
desktop may repeat it freely.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import ConstraintError

from domains.contact_routing.vocabulary import (
    LANGUAGE,
    OMITTED,
    PROFICIENCIES,
    RELATIONSHIP_MANAGER,
    Omitted,
    check_references,
    in_range,
    not_null,
    once_each,
)
from domains.found import found
from domains.inputs import text
from gateway.security.auth import Principal
from gateway.security.book import require_own_resource
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, ValidationFailed
from graph.queries import load

GET_SERVICING_RESOURCE = load("contact_routing/get_servicing_resource")
REGISTER_SERVICING_RESOURCE = load("contact_routing/register_servicing_resource")
LOCK_SERVICING_RESOURCE = load("contact_routing/lock_servicing_resource")
UPDATE_SERVICING_RESOURCE = load("contact_routing/update_servicing_resource")
LINK_RESOURCE_SKILLS = load("contact_routing/link_resource_skills")
LINK_RESOURCE_POOLS = load("contact_routing/link_resource_pools")
CAPTURE_RESOURCE_STATUS = load("contact_routing/capture_resource_status")
SERVICING_RESOURCE_EXISTS = load("contact_routing/servicing_resource_exists")

RESOURCE_ID = re.compile(r"R[0-9]{6}")
NAME_LENGTH = 200
CAPACITIES = range(0, 21)
# A channel's name in inputs → the resource's capacity property.
CHANNELS = {"phone": "capacityPhone", "chat": "capacityChat", "video": "capacityVideo",
            "branch": "capacityBranch", "email": "capacityEmail"}

Skills = list[tuple[str, int]]  # (skill code, proficiency)


@dataclass(frozen=True)
class ResourceDetails:
    """A resource's details as given: all of them on registration, some for a change (OMITTED: kept).
    `capacity` holds the channels given (by CHANNELS' names); None is a null the client sent."""

    name: str | None | Omitted = OMITTED
    kind: str | None | Omitted = OMITTED
    languages: list[str] | None | Omitted = OMITTED
    capacity: Mapping[str, int | None] | None | Omitted = OMITTED
    skills: Skills | None | Omitted = OMITTED
    pools: list[str] | None | Omitted = OMITTED


def _languages(codes: list[str] | None, field: str) -> list[str]:
    if not not_null(codes, field) or any(not LANGUAGE.fullmatch(code) for code in codes or []):
        raise ValidationFailed("languages must be one or more ISO 639-1 codes of 2 lower-case letters, e.g. en",
                               field=field)
    once_each(codes or [], field, "language")
    return list(codes or [])


def _capacity(channels: Mapping[str, int | None], field: str) -> dict[str, int]:
    return {CHANNELS[channel]: in_range(not_null(value, f"{field}.{channel}"), CAPACITIES, f"{field}.{channel}")
            for channel, value in channels.items()}


def _skills(skills: Skills | None, field: str) -> list[dict[str, Any]]:
    once_each((code for code, _ in not_null(skills, field)), field, "skill")
    for code, proficiency in skills or []:
        if proficiency not in PROFICIENCIES:
            raise ValidationFailed(f"the proficiency of {code} must be between 1 and 5, not {proficiency}", field=field)
    return [{"code": code, "proficiency": proficiency} for code, proficiency in skills or []]


def _pools(pools: list[str] | None, field: str) -> list[str]:
    once_each(not_null(pools, field), field, "pool")
    return list(pools or [])


def _properties(details: ResourceDetails, argument: str) -> dict[str, Any]:
    """The checked node properties `details` gives; OMITTED ones are left out."""
    checked: dict[str, Any] = {}
    if details.name is not OMITTED:
        checked["name"] = text(details.name, f"{argument}.name", NAME_LENGTH)
    if details.kind is not OMITTED:
        checked["kind"] = not_null(details.kind, f"{argument}.kind")
    if details.languages is not OMITTED:
        checked["languages"] = _languages(details.languages, f"{argument}.languages")
    if details.capacity is not OMITTED:
        checked.update(_capacity(not_null(details.capacity, f"{argument}.capacity"), f"{argument}.capacity"))
    return checked


async def read(tx: Transaction, resource_id: str) -> Record:
    [row] = await tx.run(GET_SERVICING_RESOURCE, resourceId=resource_id)
    resource: Record = row["resource"]
    return resource


async def retrieve(db: Database, resource_id: str) -> Record:
    """The resource's record (get_servicing_resource.cypher), or NOT_FOUND."""
    rows = await db.read(GET_SERVICING_RESOURCE, resourceId=resource_id)
    resource: Record = found(rows, "servicing resource", resource_id, "resourceId")["resource"]
    return resource


async def register(db: Database, who: Principal, resource_id: str, details: ResourceDetails) -> Record:
    """Creates the resource, OFFLINE; CONFLICT when its id exists, NOT_FOUND naming unknown skills or pools."""
    if not RESOURCE_ID.fullmatch(resource_id):
        raise ValidationFailed("the resource id must be R and 6 digits, e.g. R000123", field="input.resourceId")
    properties = _properties(details, "input")
    skills = _skills([] if details.skills is OMITTED else details.skills, "input.skills")
    pools = _pools([] if details.pools is OMITTED else details.pools, "input.pools")

    async def work(tx: Transaction) -> Record:
        if await tx.run(GET_SERVICING_RESOURCE, resourceId=resource_id):
            raise Conflict(f"the servicing resource {resource_id} exists already; change it with "
                           "updateServicingResource", field="input.resourceId")
        await check_references(tx, [skill["code"] for skill in skills], pools, "input")
        await tx.run(REGISTER_SERVICING_RESOURCE, resourceId=resource_id, **properties, by=who.subject)
        await tx.run(LINK_RESOURCE_SKILLS, resourceId=resource_id, skills=skills)
        await tx.run(LINK_RESOURCE_POOLS, resourceId=resource_id, poolIds=pools)
        return await read(tx, resource_id)

    try:
        return await db.transact(work)
    except ConstraintError:  # registered concurrently between the check and the CREATE
        raise Conflict(f"the servicing resource {resource_id} exists already", field="input.resourceId") from None


async def update(db: Database, who: Principal, resource_id: str, changes: ResourceDetails) -> Record:
    """Changes the details given; skills and pools given replace the whole set. A relationship
    manager keeps its kind while it manages customers."""
    properties = _properties(changes, "changes")
    skills = None if changes.skills is OMITTED else _skills(changes.skills, "changes.skills")
    pools = None if changes.pools is OMITTED else _pools(changes.pools, "changes.pools")
    if not properties and skills is None and pools is None:
        raise ValidationFailed("changes names nothing to change", field="changes")

    async def work(tx: Transaction) -> Record:
        state = found(await tx.run(LOCK_SERVICING_RESOURCE, resourceId=resource_id), "servicing resource",
                      resource_id, "resourceId")
        leaves_book = properties.get("kind", state["kind"]) != RELATIONSHIP_MANAGER
        if leaves_book and state["managedCustomers"]:
            raise Conflict(f"{resource_id} manages {state['managedCustomers']} customers; assign them another "
                           "relationship manager before changing its kind", field="changes.kind")
        await check_references(tx, [skill["code"] for skill in skills or []], pools or [], "changes")
        await tx.run(UPDATE_SERVICING_RESOURCE, resourceId=resource_id, properties=properties, by=who.subject)
        if skills is not None:
            await tx.run(LINK_RESOURCE_SKILLS, resourceId=resource_id, skills=skills)
        if pools is not None:
            await tx.run(LINK_RESOURCE_POOLS, resourceId=resource_id, poolIds=pools)
        return await read(tx, resource_id)

    return await db.transact(work)


async def capture_status(db: Database, who: Principal, resource_id: str, status: str) -> Record:
    """Captures the resource's status (BIAN Capture): whoever speaks for it, a relationship manager
    only for itself. The row: the status, since when, the one before and whether it changed."""
    require_own_resource(who, resource_id, "resourceId",
                         "captures only its own status (agent desktops and admins capture any)")
    rows = await db.write(CAPTURE_RESOURCE_STATUS, resourceId=resource_id, status=status)
    return found(rows, "servicing resource", resource_id, "resourceId")


async def require_followable(db: Database, who: Principal, resource_id: str) -> None:
    """A resource's offers may be followed: by whoever speaks for it, a relationship manager only its own."""
    require_own_resource(who, resource_id, "resourceId",
                         "follows only the offers made to it (agent desktops and admins follow any resource's)")
    found(await db.read(SERVICING_RESOURCE_EXISTS, resourceId=resource_id), "servicing resource", resource_id,
          "resourceId")
