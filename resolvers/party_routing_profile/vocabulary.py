"""The indicator vocabulary in GraphQL: the IndicatorType type with its routing policy, the inputs that
define and change it, and its fields. The rules are in domains/party_routing_profile/vocabulary.py.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Any

import strawberry

from domains.party_routing_profile import vocabulary
from domains.party_routing_profile.profile import IndicatorCategory
from domains.party_routing_profile.vocabulary import SkillRequirement
from gateway.security.auth import ALL_ROLES, Role, allow
from graph.database import Record
from graph.temporal import native
from resolvers.context import Info


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
    def from_record(cls, row: Record) -> IndicatorType:
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


# The policy fields both inputs carry, as the rules take them (required_skills and routes_to apart).
POLICY_FIELDS = ("name", "description", "blocks_sales", "priority_boost", "severity", "confidential", "allowed_values",
                 "validity_days")


def policy(source: IndicatorTypeInput | IndicatorTypeChanges) -> dict[str, Any]:
    """The fields `source` gives, for the rules: a severity as its name, skills as SkillRequirements."""
    given: dict[str, Any] = {name: getattr(source, name) for name in POLICY_FIELDS
                             if getattr(source, name) is not strawberry.UNSET}
    if isinstance(given.get("severity"), IndicatorSeverity):
        given["severity"] = given["severity"].name
    if source.required_skills is not strawberry.UNSET:
        given["required_skills"] = None if source.required_skills is None else [
            SkillRequirement(code=s.code, min_proficiency=s.min_proficiency) for s in source.required_skills]
    if source.routes_to is not strawberry.UNSET:
        given["routes_to"] = None if source.routes_to is None else str(source.routes_to)
    return given


@strawberry.type
class VocabularyQuery:
    @strawberry.field(description="The indicator vocabulary with its routing policy; every role may read it.",
                      extensions=allow(*ALL_ROLES))
    async def indicator_types(
        self, info: Info,
        category: Annotated[IndicatorCategory | None, strawberry.argument(description="Only this category.")] = None,
    ) -> list[IndicatorType]:
        return [IndicatorType.from_record(row) for row in await vocabulary.indicator_types(info.context.db, category)]


@strawberry.type
class VocabularyMutation:
    @strawberry.mutation(description="Adds an indicator type to the vocabulary (admins only); CONFLICT if its code exists.",
                         extensions=allow(Role.ADMIN))
    async def define_indicator_type(
        self, info: Info,
        data: Annotated[IndicatorTypeInput, strawberry.argument(name="input", description="The new type and its policy.")],
    ) -> IndicatorType:
        return IndicatorType.from_record(
            await vocabulary.define(info.context.db, info.context.caller, data.code, data.category, policy(data)))

    @strawberry.mutation(description="Changes some of an indicator type's policy (admins only); its category never changes.",
                         extensions=allow(Role.ADMIN))
    async def update_indicator_type(
        self, info: Info,
        code: Annotated[str, strawberry.argument(description="The code of the type to change.")],
        changes: Annotated[IndicatorTypeChanges, strawberry.argument(description="Only the fields to change.")],
    ) -> IndicatorType:
        return IndicatorType.from_record(
            await vocabulary.update(info.context.db, info.context.caller, code, policy(changes)))
