"""The indicator vocabulary: IndicatorType nodes, the routing policy each carries, and its admin mutations.

Admins define a type once (its code and category are then fixed) and change its policy
later. Each mutation is one write transaction; input is checked before it starts, the
references (skills, pool) inside it, so every failure leaves the graph as it was.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections import Counter
from collections.abc import Callable
from typing import Annotated, Any

import strawberry
from neo4j.exceptions import ConstraintError

from domains.inputs import text
from gateway.security.auth import ALL_ROLES, Role, allow
from graph.database import Record, Transaction
from graph.errors import Conflict, NotFound, ValidationFailed
from graph.queries import load
from graph.temporal import native
from resolvers.context import Info
from resolvers.party_routing_profile.profile import IndicatorCategory

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


@strawberry.enum(description="How serious an indicator type is (an extension to BIAN).")
class IndicatorSeverity(enum.Enum):
    LOW = strawberry.enum_value("LOW", description="Informative; no special handling.")
    MEDIUM = strawberry.enum_value("MEDIUM", description="Needs attention during the contact.")
    HIGH = strawberry.enum_value("HIGH", description="Changes how the customer must be served.")


@strawberry.type(description="A skill an indicator type requires of whoever serves the customer.")
class RequiredSkill:
    code: str = strawberry.field(description="The skill's code, e.g. FRAUD_INVESTIGATION.")
    name: str | None = strawberry.field(description="The skill's readable name.")
    min_proficiency: int = strawberry.field(description="The lowest proficiency (1-5) that qualifies.")


@strawberry.type(description="A servicing pool contacts are routed to.")
class PoolReference:
    pool_id: strawberry.ID = strawberry.field(description="The pool's identifier, e.g. POOL-FRAUD.")
    name: str | None = strawberry.field(description="The pool's readable name.")


@strawberry.type(description="One entry of the indicator vocabulary and the routing policy it carries.")
class IndicatorType:
    code: str = strawberry.field(description="The code indicators carry as their type, e.g. IN_ARREARS.")
    category: IndicatorCategory = strawberry.field(description="Whether its indicators are statuses, ratings or alerts.")
    name: str | None = strawberry.field(description="Readable name.")
    description: str | None = strawberry.field(description="What the indicator means and what its value holds.")
    blocks_sales: bool = strawberry.field(description="While one is active, no lead may progress to an offer.")
    priority_boost: int = strawberry.field(description="Added to the priority of the customer's contacts.")
    severity: str | None = strawberry.field(description="LOW, MEDIUM or HIGH (an extension to BIAN).")
    confidential: bool = strawberry.field(description="Shown only to relationship managers and admins.")
    required_skills: list[RequiredSkill] = strawberry.field(description="Skills whoever serves the customer must have.")
    routes_to: PoolReference | None = strawberry.field(description="The specialist pool contacts go to, if any.")
    allowed_values: list[str] | None = strawberry.field(
        description="The values an indicator of this type may take; null: any value.")
    validity_days: int | None = strawberry.field(
        description="An indicator lapses this many days after it took effect unless renewed; null: never lapses.")
    defined_at: datetime.datetime | None = strawberry.field(description="When an admin defined it; null if seeded.")
    defined_by: str | None = strawberry.field(description="Who defined it; null if seeded.")
    updated_at: datetime.datetime | None = strawberry.field(description="When its policy last changed; null if never.")
    updated_by: str | None = strawberry.field(description="Who last changed its policy; null if nobody.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> IndicatorType:
        pool = row.get("routesTo")
        return cls(
            code=row["code"], category=IndicatorCategory(row["kind"]), name=row.get("name"),
            description=row.get("description"), blocks_sales=bool(row.get("blocksSales")),
            priority_boost=int(row.get("priorityBoost") or 0), severity=row.get("severity"),
            confidential=bool(row.get("confidential")),
            required_skills=[RequiredSkill(code=s["code"], name=s.get("name"), min_proficiency=s["minProficiency"])
                             for s in sorted(row["requiredSkills"], key=lambda s: s["code"])],
            routes_to=None if pool is None else PoolReference(pool_id=strawberry.ID(pool["poolId"]), name=pool.get("name")),
            allowed_values=row.get("allowedValues"), validity_days=row.get("validityDays"),
            defined_at=native(row.get("definedAt")), defined_by=row.get("definedBy"),
            updated_at=native(row.get("updatedAt")), updated_by=row.get("updatedBy"),
        )


@strawberry.input(description="A skill to require, with the lowest proficiency that qualifies.")
class RequiredSkillInput:
    code: str = strawberry.field(description="An existing skill's code, e.g. COLLECTIONS.")
    min_proficiency: int = strawberry.field(description="The lowest proficiency that qualifies, 1 to 5.")


@strawberry.input(description="A new entry of the indicator vocabulary with its routing policy.")
class IndicatorTypeInput:
    code: str = strawberry.field(description="Upper-case letters, digits and _, starting with a letter; 2-64 long.")
    category: IndicatorCategory = strawberry.field(description="Status, rating or alert; it can never change.")
    name: str = strawberry.field(description="Readable name; must not be blank.")
    description: str | None = strawberry.field(default=None, description="What it means and what its value holds.")
    blocks_sales: bool = strawberry.field(default=False, description="Whether an active one stops leads progressing.")
    priority_boost: int = strawberry.field(default=0, description="Added to a contact's priority, 0 to 10.")
    severity: IndicatorSeverity = strawberry.field(default=IndicatorSeverity.LOW, description="How serious it is.")
    confidential: bool = strawberry.field(default=False, description="Whether only RMs and admins may see it.")
    required_skills: list[RequiredSkillInput] = strawberry.field(
        default_factory=list, description="Existing skills whoever serves the customer must have, each once.")
    routes_to: strawberry.ID | None = strawberry.field(default=None, description="An existing pool's id to route to.")
    allowed_values: list[str] | None = strawberry.field(
        default=None, description="The values allowed, non-blank and each once; null: any value.")
    validity_days: int | None = strawberry.field(
        default=None, description="Days until an indicator lapses unless renewed, at least 1; null: never.")


@strawberry.input(description="Changes to an indicator type's policy: only the fields given change; the category never does.")
class IndicatorTypeChanges:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="A new readable name; not blank.")
    description: str | None = strawberry.field(default=strawberry.UNSET, description="A new description; null removes it.")
    blocks_sales: bool | None = strawberry.field(default=strawberry.UNSET, description="Whether it blocks sales.")
    priority_boost: int | None = strawberry.field(default=strawberry.UNSET, description="A new boost, 0 to 10.")
    severity: IndicatorSeverity | None = strawberry.field(default=strawberry.UNSET, description="A new severity.")
    confidential: bool | None = strawberry.field(default=strawberry.UNSET, description="Whether it is confidential.")
    required_skills: list[RequiredSkillInput] | None = strawberry.field(
        default=strawberry.UNSET, description="The whole new set of required skills; [] requires none.")
    routes_to: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="An existing pool's id to route to; null routes nowhere in particular.")
    allowed_values: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="The new values allowed; null allows any value.")
    validity_days: int | None = strawberry.field(
        default=strawberry.UNSET, description="New days until lapse, at least 1; null: never lapses.")


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


def _severity(value: IndicatorSeverity | None, field: str) -> str:
    return str(_present(value, field).value)


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


# GraphQL field -> (node property, check turning the given value into the stored one).
PROPERTIES: dict[str, tuple[str, Callable[[Any, str], Any]]] = {
    "name": ("name", _name), "description": ("description", _description),
    "blocks_sales": ("blocksSales", _present), "priority_boost": ("priorityBoost", _priority_boost),
    "severity": ("severity", _severity), "confidential": ("confidential", _present),
    "allowed_values": ("allowedValues", _allowed_values), "validity_days": ("validityDays", _validity_days),
}


def _properties(source: IndicatorTypeInput | IndicatorTypeChanges, argument: str) -> dict[str, Any]:
    """The checked node properties `source` gives (a None removes one); UNSET fields are left out."""
    checked = {}
    for attr, (key, check) in PROPERTIES.items():
        value = getattr(source, attr)
        if value is not strawberry.UNSET:
            checked[key] = check(value, f"{argument}.{key}")
    return checked


def _required_skills(skills: list[RequiredSkillInput] | None, field: str) -> list[dict[str, Any]]:
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


async def _link(tx: Transaction, code: str, skills: list[dict[str, Any]] | None, pool: str | None | Any) -> Record:
    """Replace the skills and the pool where given (None skills / UNSET pool: keep), then read the type back."""
    if skills is not None:
        await tx.run(REPLACE_REQUIRED_SKILLS, code=code, requiredSkills=skills)
    if pool is not strawberry.UNSET:
        await tx.run(REPLACE_ROUTES_TO, code=code, poolId=pool)
    [row] = await tx.run(GET_INDICATOR_TYPE, code=code)
    indicator_type: Record = row["indicatorType"]
    return indicator_type


async def define(info: Info, data: IndicatorTypeInput) -> IndicatorType:
    if not CODE.fullmatch(data.code):
        raise ValidationFailed("the code must be A-Z, 0-9 and _, start with a letter and be 2-64 long", field="input.code")
    properties = {**_properties(data, "input"), "code": data.code, "kind": data.category.value}
    skills = _required_skills(data.required_skills, "input.requiredSkills")
    pool = None if data.routes_to is None else str(data.routes_to)

    async def work(tx: Transaction) -> Record:
        if await tx.run(GET_INDICATOR_TYPE, code=data.code):
            raise Conflict(f"the indicator type {data.code} exists already; change it with updateIndicatorType",
                           field="input.code")
        await _check_references(tx, skills, pool, "input")
        await tx.run(DEFINE_INDICATOR_TYPE, **properties, definedBy=info.context.caller.subject)
        # A new type has no skills and no pool yet: link only what the input names.
        return await _link(tx, data.code, skills or None, strawberry.UNSET if pool is None else pool)

    try:
        return IndicatorType.from_record(await info.context.db.transact(work))
    except ConstraintError:  # defined concurrently between the check and the CREATE
        raise Conflict(f"the indicator type {data.code} exists already", field="input.code") from None


async def update(info: Info, code: str, changes: IndicatorTypeChanges) -> IndicatorType:
    properties = _properties(changes, "changes")
    given_skills = changes.required_skills is not strawberry.UNSET
    skills = _required_skills(changes.required_skills, "changes.requiredSkills") if given_skills else None
    pool = changes.routes_to if changes.routes_to is strawberry.UNSET or changes.routes_to is None else str(changes.routes_to)
    if not properties and skills is None and pool is strawberry.UNSET:
        raise ValidationFailed("changes names nothing to change", field="changes")

    async def work(tx: Transaction) -> Record:
        # The update comes first: it locks the type, so concurrent changes to it queue up.
        if not await tx.run(UPDATE_INDICATOR_TYPE, code=code, properties=properties,
                            updatedBy=info.context.caller.subject):
            raise NotFound(f"no indicator type has the code {code}", field="code")
        await _check_references(tx, skills, None if pool is strawberry.UNSET else pool, "changes")
        return await _link(tx, code, skills, pool)

    return IndicatorType.from_record(await info.context.db.transact(work))


@strawberry.type
class VocabularyQuery:
    @strawberry.field(description="The indicator vocabulary with its routing policy; every role may read it.",
                      extensions=allow(*ALL_ROLES))
    async def indicator_types(
        self, info: Info,
        category: Annotated[IndicatorCategory | None, strawberry.argument(description="Only this category.")] = None,
    ) -> list[IndicatorType]:
        kind = None if category is None else category.name
        rows = await info.context.db.read(LIST_INDICATOR_TYPES, kind=kind)
        return [IndicatorType.from_record(row["indicatorType"]) for row in rows]


@strawberry.type
class VocabularyMutation:
    @strawberry.mutation(description="Adds an indicator type to the vocabulary (admins only); CONFLICT if its code exists.",
                         extensions=allow(Role.ADMIN))
    async def define_indicator_type(
        self, info: Info,
        data: Annotated[IndicatorTypeInput, strawberry.argument(name="input", description="The new type and its policy.")],
    ) -> IndicatorType:
        return await define(info, data)

    @strawberry.mutation(description="Changes some of an indicator type's policy (admins only); its category never changes.",
                         extensions=allow(Role.ADMIN))
    async def update_indicator_type(
        self, info: Info,
        code: Annotated[str, strawberry.argument(description="The code of the type to change.")],
        changes: Annotated[IndicatorTypeChanges, strawberry.argument(description="Only the fields to change.")],
    ) -> IndicatorType:
        return await update(info, code, changes)
