"""Servicing pools' rules (BIAN Contact Routing: Provide, Update, Retrieve of the pool and its settings).

A pool is where routing allocates contacts from: its strategy ranks equally suited members,
its offer timeout bounds how long an offered contact waits to be accepted, its service level
is the answer time its statistics measure against, and its skills are those it expects of
its members. Each change is one write transaction; the settings are checked before it starts
and the skills inside it, so every failure leaves the graph as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import ConstraintError

from domains.contact_routing.vocabulary import (
    OMITTED,
    Omitted,
    check_references,
    in_range,
    not_null,
    once_each,
)
from domains.found import found, unknown
from domains.inputs import text
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, ValidationFailed
from graph.queries import load

GET_SERVICING_POOL = load("contact_routing/get_servicing_pool")
ASSIGNMENTS_OF_POOL = load("contact_routing/assignments_of_pool")
PROVIDE_SERVICING_POOL = load("contact_routing/provide_servicing_pool")
UPDATE_SERVICING_POOL = load("contact_routing/update_servicing_pool")
LINK_POOL_SKILLS = load("contact_routing/link_pool_skills")
SERVICING_POOL_EXISTS = load("contact_routing/servicing_pool_exists")

POOL_ID = re.compile(r"POOL-[A-Z0-9]+(-[A-Z0-9]+)*")
MAX_POOL_ID = 64
NAME_LENGTH = 200
OFFER_TIMEOUTS = range(5, 601)
SERVICE_LEVELS = range(1, 3601)
DEFAULT_OFFER_TIMEOUT = 30
DEFAULT_SERVICE_LEVEL = 20
MAX_ASSIGNMENTS = 500


@dataclass(frozen=True)
class PoolSettings:
    """A pool's settings as given: all of them for a new pool, some for a change (OMITTED: kept).
    None is a null the client sent; only the checks decide whether it may be."""

    name: str | None | Omitted = OMITTED
    purpose: str | None | Omitted = OMITTED
    strategy: str | None | Omitted = OMITTED
    offer_timeout_seconds: int | None | Omitted = OMITTED
    service_level_seconds: int | None | Omitted = OMITTED
    skills: list[str] | None | Omitted = OMITTED


def _properties(settings: PoolSettings, argument: str) -> dict[str, Any]:
    """The checked node properties `settings` gives; OMITTED ones are left out."""
    checked: dict[str, Any] = {}
    if settings.name is not OMITTED:
        checked["name"] = text(settings.name, f"{argument}.name", NAME_LENGTH)
    for key, value in (("purpose", settings.purpose), ("strategy", settings.strategy)):
        if value is not OMITTED:
            checked[key] = not_null(value, f"{argument}.{key}")
    for key, number, allowed in (("offerTimeoutSeconds", settings.offer_timeout_seconds, OFFER_TIMEOUTS),
                                 ("serviceLevelSeconds", settings.service_level_seconds, SERVICE_LEVELS)):
        if number is not OMITTED:
            checked[key] = in_range(not_null(number, f"{argument}.{key}"), allowed, f"{argument}.{key}")
    return checked


def _skills(codes: list[str] | None, argument: str) -> list[str]:
    field = f"{argument}.skills"
    once_each(not_null(codes, field), field, "skill")
    return list(codes or [])


async def read(tx: Transaction, pool_id: str) -> Record:
    [row] = await tx.run(GET_SERVICING_POOL, poolId=pool_id)
    pool: Record = row["pool"]
    return pool


async def retrieve(db: Database, pool_id: str) -> Record:
    """The pool's record (get_servicing_pool.cypher), or NOT_FOUND."""
    pool: Record = found(await db.read(GET_SERVICING_POOL, poolId=pool_id), "servicing pool", pool_id, "poolId")["pool"]
    return pool


async def require_pool(db: Database, pool_id: str) -> None:
    """NOT_FOUND unless the pool exists (a subscription to its activity checks once, at its start)."""
    found(await db.read(SERVICING_POOL_EXISTS, poolId=pool_id), "servicing pool", pool_id, "poolId")


async def assignments(db: Database, pool_id: str, first: int) -> list[Record]:
    """The contacts allocated from the pool, newest first, at most `first` (1 to 500)."""
    in_range(first, range(1, MAX_ASSIGNMENTS + 1), "first")
    return [row["assignment"] for row in await db.read(ASSIGNMENTS_OF_POOL, poolId=pool_id, first=first)]


async def provide(db: Database, who: Principal, pool_id: str, settings: PoolSettings) -> Record:
    """Creates the pool with its settings; CONFLICT when its id exists."""
    if not POOL_ID.fullmatch(pool_id) or len(pool_id) > MAX_POOL_ID:
        raise ValidationFailed("the pool id must be POOL- and upper-case words joined by -, at most 64 long",
                               field="input.poolId")
    properties = _properties(settings, "input")
    skills = _skills([] if settings.skills is OMITTED else settings.skills, "input")

    async def work(tx: Transaction) -> Record:
        if await tx.run(GET_SERVICING_POOL, poolId=pool_id):
            raise Conflict(f"the servicing pool {pool_id} exists already; change it with updateServicingPool",
                           field="input.poolId")
        await check_references(tx, skills, [], "input")
        await tx.run(PROVIDE_SERVICING_POOL, poolId=pool_id, **properties, by=who.subject)
        await tx.run(LINK_POOL_SKILLS, poolId=pool_id, skillCodes=skills)
        return await read(tx, pool_id)

    try:
        return await db.transact(work)
    except ConstraintError:  # provided concurrently between the check and the CREATE
        raise Conflict(f"the servicing pool {pool_id} exists already", field="input.poolId") from None


async def update(db: Database, who: Principal, pool_id: str, changes: PoolSettings) -> Record:
    """Changes the settings given; the skills given replace the whole set."""
    properties = _properties(changes, "changes")
    skills = None if changes.skills is OMITTED else _skills(changes.skills, "changes")
    if not properties and skills is None:
        raise ValidationFailed("changes names nothing to change", field="changes")

    async def work(tx: Transaction) -> Record:
        # The update comes first: it locks the pool, so concurrent changes to it queue up.
        if not await tx.run(UPDATE_SERVICING_POOL, poolId=pool_id, properties=properties, by=who.subject):
            raise unknown("servicing pool", pool_id, "poolId")
        if skills is not None:
            await check_references(tx, skills, [], "changes")
            await tx.run(LINK_POOL_SKILLS, poolId=pool_id, skillCodes=skills)
        return await read(tx, pool_id)

    return await db.transact(work)
