"""The indicator vocabulary: IndicatorType nodes, the routing policy each carries, and its admin mutations.

Admins define a type once (its code and category are then fixed) and change its policy
later. Each mutation is one write transaction; input is checked before it starts, the
references (skills, pool) inside it, so every failure leaves the graph as it was.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import ConstraintError

from domains.found import unknown
from domains.inputs import text
from domains.party_routing_profile.profile import IndicatorCategory
from gateway.security.auth import Principal
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, ValidationFailed
from graph.queries import load

LIST_INDICATOR_TYPES = load("party_routing_profile/list_indicator_types")
GET_INDICATOR_TYPE = load("party_routing_profile/get_indicator_type")
SKILLS_AND_POOLS_EXIST = load("party_routing_profile/skills_and_pools_exist")
DEFINE_INDICATOR_TYPE = load("party_routing_profile/define_indicator_type")
UPDATE_INDICATOR_TYPE = load("party_routing_profile/update_indicator_type")
REPLACE_REQUIRED_SKILLS = load("party_routing_profile/replace_required_skills")
REPLACE_ROUTES_TO = load("party_routing_profile/replace_routes_to")

CODE = re.compile(r"[A-Z][A-Z0-9_]{1,63}")
PRIORITY_BOOSTS = range(0, 11)
PROFICIENCIES = range(1, 6)
NAME_LENGTH = 200
DESCRIPTION_LENGTH = 2000


@dataclass(frozen=True)
class SkillRequirement:
    """A skill an indicator type requires of whoever serves the customer, at the lowest proficiency that qualifies."""

    code: str
    min_proficiency: int


def _present(value: Any, field: str) -> Any:
    if value is None:
        raise ValidationFailed(f"{field} cannot be null; give a value or leave it out", field=field)
    return value


def _name(value: str | None, field: str) -> str:
    return text(value, field, NAME_LENGTH) or ""  # required: text raises on blank


def _description(value: str | None, field: str) -> str | None:
    return text(value, field, DESCRIPTION_LENGTH, required=False)


def _priority_boost(value: int | None, field: str) -> int:
    boost: int = _present(value, field)
    if boost not in PRIORITY_BOOSTS:
        raise ValidationFailed(f"priorityBoost must be between 0 and 10, not {boost}", field=field)
    return boost


def _severity(value: str | None, field: str) -> str:
    return str(_present(value, field))


def _allowed_values(values: list[str] | None, field: str) -> list[str] | None:
    if values is None:
        return None
    if not values or any(not value.strip() for value in values):
        raise ValidationFailed("allowed values must be non-blank strings; give null to allow any value", field=field)
    repeated = sorted(value for value, count in Counter(values).items() if count > 1)
    if repeated:
        raise ValidationFailed(f"allowed values must be given once each; repeated: {', '.join(repeated)}", field=field)
    return list(values)


def _validity_days(value: int | None, field: str) -> int | None:
    if value is not None and value < 1:
        raise ValidationFailed(f"validityDays must be at least 1, not {value}; give null to never lapse", field=field)
    return value


# A policy field (as the GraphQL inputs name it, snake_case) -> (node property, check turning the given
# value into the stored one). `required_skills` and `routes_to` are links, not properties.
PROPERTIES: dict[str, tuple[str, Callable[[Any, str], Any]]] = {
    "name": ("name", _name), "description": ("description", _description),
    "blocks_sales": ("blocksSales", _present), "priority_boost": ("priorityBoost", _priority_boost),
    "severity": ("severity", _severity), "confidential": ("confidential", _present),
    "allowed_values": ("allowedValues", _allowed_values), "validity_days": ("validityDays", _validity_days),
}


def _properties(given: Mapping[str, Any], argument: str) -> dict[str, Any]:
    """The checked node properties `given` holds (a None removes one); fields not given are left out."""
    return {key: check(given[attr], f"{argument}.{key}") for attr, (key, check) in PROPERTIES.items() if attr in given}


def _required_skills(skills: list[SkillRequirement] | None, field: str) -> list[dict[str, Any]]:
    if skills is None:
        raise ValidationFailed("requiredSkills cannot be null; give [] to require no skill", field=field)
    repeated = sorted(code for code, count in Counter(s.code for s in skills).items() if count > 1)
    if repeated:
        raise ValidationFailed(f"each skill may be required once; repeated: {', '.join(repeated)}", field=field)
    for skill in skills:
        if skill.min_proficiency not in PROFICIENCIES:
            raise ValidationFailed(f"minProficiency of {skill.code} must be between 1 and 5, not {skill.min_proficiency}",
                                   field=field)
    return [{"code": s.code, "minProficiency": s.min_proficiency} for s in skills]


async def _check_references(tx: Transaction, skills: list[dict[str, Any]] | None, pool: str | None, argument: str) -> None:
    """Raise unless every skill and the pool exist (read inside the transaction that links them)."""
    codes = [skill["code"] for skill in skills or []]
    if not codes and pool is None:
        return
    [found] = await tx.run(SKILLS_AND_POOLS_EXIST, skillCodes=codes, poolId=pool)
    if found["unknownSkills"]:
        raise ValidationFailed(f"no skill has the code {', '.join(found['unknownSkills'])}", field=f"{argument}.requiredSkills")
    if not found["poolExists"]:
        raise ValidationFailed(f"no servicing pool has the id {pool}", field=f"{argument}.routesTo")


async def _link(tx: Transaction, code: str, skills: list[dict[str, Any]] | None, pool: str | None,
                replace_pool: bool) -> Record:
    """Replace the skills (unless None) and the pool (when `replace_pool`), then read the type back."""
    if skills is not None:
        await tx.run(REPLACE_REQUIRED_SKILLS, code=code, requiredSkills=skills)
    if replace_pool:
        await tx.run(REPLACE_ROUTES_TO, code=code, poolId=pool)
    [row] = await tx.run(GET_INDICATOR_TYPE, code=code)
    indicator_type: Record = row["indicatorType"]
    return indicator_type


async def indicator_types(db: Database, category: IndicatorCategory | None) -> list[Record]:
    """The vocabulary, or one category of it, with each type's policy."""
    rows = await db.read(LIST_INDICATOR_TYPES, kind=None if category is None else category.name)
    return [row["indicatorType"] for row in rows]


async def define(db: Database, principal: Principal, code: str, category: IndicatorCategory,
                 policy: Mapping[str, Any]) -> Record:
    """A new type with its policy (`policy` by field, as PROPERTIES names them, plus required_skills:
    list[SkillRequirement] and routes_to: a pool id or None); CONFLICT if the code exists."""
    if not CODE.fullmatch(code):
        raise ValidationFailed("the code must be A-Z, 0-9 and _, start with a letter and be 2-64 long", field="input.code")
    properties = {**_properties(policy, "input"), "code": code, "kind": category.name}
    skills = _required_skills(policy["required_skills"], "input.requiredSkills")
    pool = policy["routes_to"]

    async def work(tx: Transaction) -> Record:
        if await tx.run(GET_INDICATOR_TYPE, code=code):
            raise Conflict(f"the indicator type {code} exists already; change it with updateIndicatorType",
                           field="input.code")
        await _check_references(tx, skills, pool, "input")
        await tx.run(DEFINE_INDICATOR_TYPE, **properties, definedBy=principal.subject)
        # A new type has no skills and no pool yet: link only what the input names.
        return await _link(tx, code, skills or None, pool, replace_pool=pool is not None)

    try:
        indicator_type: Record = await db.transact(work)
    except ConstraintError:  # defined concurrently between the check and the CREATE
        raise Conflict(f"the indicator type {code} exists already", field="input.code") from None
    return indicator_type


async def update(db: Database, principal: Principal, code: str, changes: Mapping[str, Any]) -> Record:
    """Changes the policy fields `changes` holds (as for define; a field left out stays as it is)."""
    properties = _properties(changes, "changes")
    skills = _required_skills(changes["required_skills"], "changes.requiredSkills") if "required_skills" in changes else None
    replace_pool = "routes_to" in changes
    pool: str | None = changes.get("routes_to")
    if not properties and skills is None and not replace_pool:
        raise ValidationFailed("changes names nothing to change", field="changes")

    async def work(tx: Transaction) -> Record:
        # The update comes first: it locks the type, so concurrent changes to it queue up.
        if not await tx.run(UPDATE_INDICATOR_TYPE, code=code, properties=properties, updatedBy=principal.subject):
            raise unknown("indicator type", code, "code", by="code")
        await _check_references(tx, skills, pool, "changes")
        return await _link(tx, code, skills, pool, replace_pool)

    indicator_type: Record = await db.transact(work)
    return indicator_type
