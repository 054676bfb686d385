"""The routing decision's GraphQL side: the request's input, the ranked candidates with their
explanations, and the dry run (routingCandidates).

The rules live in domains/contact_routing/decision.py and docs/contact-routing.md; the input
becomes a domain `Contact` once (`contact_of`), and the statement's row becomes these types.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Any

import strawberry

from domains.contact_routing import decision
from domains.contact_routing.contact import Contact
from domains.contact_routing.decision import preference, relaxed, shown, why_queued
from gateway.security.auth import Role, allow
from graph.database import Record
from graph.temporal import instant_or_now
from resolvers.contact_routing.vocabulary import PoolPurpose, PoolStrategy, ResourceKind
from resolvers.context import Info
from resolvers.party_routing_profile.vocabulary import RequiredSkillInput
from resolvers.selection import selects


@strawberry.enum(description="The channel a contact arrives on; resources have a capacity per channel.")
class ContactChannel(enum.Enum):
    PHONE = strawberry.enum_value("PHONE", description="A phone call.")
    CHAT = strawberry.enum_value("CHAT", description="A chat session.")
    VIDEO = strawberry.enum_value("VIDEO", description="A video call.")
    BRANCH = strawberry.enum_value("BRANCH", description="A branch appointment.")
    EMAIL = strawberry.enum_value("EMAIL", description="An e-mail conversation.")


@strawberry.enum(description="How a candidate is connected to the customer, best first.")
class RoutingPreference(enum.Enum):
    OWN_RM = strawberry.enum_value("OWN_RM", description="The customer's relationship manager (MANAGES).")
    RM_BACKUP = strawberry.enum_value("RM_BACKUP", description="The backup of the customer's RM (BACKUP_FOR).")
    HOUSEHOLD_RM = strawberry.enum_value("HOUSEHOLD_RM", description="The RM of a member of the customer's household.")
    RELATED_PARTY_RM = strawberry.enum_value("RELATED_PARTY_RM", description="The RM of a related party (RELATED_TO).")
    QUALIFIED = strawberry.enum_value("QUALIFIED", description="Any qualified member of an eligible pool.")


@strawberry.enum(description="Where a required skill comes from.")
class SkillSource(enum.Enum):
    REQUEST = strawberry.enum_value("REQUEST", description="The routing request asked for it.")
    PRODUCT = strawberry.enum_value("PRODUCT", description="The product of interest NEEDS_SKILL it (minimum 1).")
    INDICATOR = strawberry.enum_value("INDICATOR", description="An active indicator's type REQUIRES_SKILL it.")


@strawberry.enum(description="Which hard constraint a resource failed.")
class RejectionKind(enum.Enum):
    STATUS = strawberry.enum_value("STATUS", description="The resource is not AVAILABLE.")
    CAPACITY = strawberry.enum_value("CAPACITY", description="No free capacity on the channel, or none at all.")
    LANGUAGE = strawberry.enum_value("LANGUAGE", description="The resource does not speak the language.")
    SKILL = strawberry.enum_value("SKILL", description="A required skill is missing or below its minimum.")
    SALES_BLOCKED = strawberry.enum_value("SALES_BLOCKED", description="A SALES pool member while sales are blocked.")
    POOL = strawberry.enum_value("POOL", description="Not a member of the specialist pool sales-blocking forces.")
    DECLINED = strawberry.enum_value("DECLINED", description="Rejected this contact, or let its offer lapse, before.")


@strawberry.enum(description="Which way a path's relationship points.")
class PathDirection(enum.Enum):
    OUT = strawberry.enum_value("OUT", description="From the previous step to this one.")
    IN = strawberry.enum_value("IN", description="From this step to the previous one.")


@strawberry.input(description="A contact to route: who, on which channel, for what, and how urgently.")
class RoutingRequestInput:
    customer_id: strawberry.ID = strawberry.field(description="The customer the contact is for, e.g. C0000042.")
    channel: ContactChannel = strawberry.field(description="The channel the contact arrives on.")
    language: str | None = strawberry.field(
        default=None, description="ISO 639-1 code to serve in; default: the customer's language.")
    product_id: strawberry.ID | None = strawberry.field(
        default=None, description="The product of interest; its NEEDS_SKILL skills become required (minimum 1).")
    required_skills: list[RequiredSkillInput] = strawberry.field(
        default_factory=list, description="Skills the resource must have, each once, minimum 1 to 5.")
    optional_skills: list[RequiredSkillInput] = strawberry.field(
        default_factory=list, description="Skills preferred, most wanted first; relaxed last-first.")
    purpose: PoolPurpose | None = strawberry.field(
        default=None, description="The purpose of the pools to route to; default: any pool.")
    priority: int = strawberry.field(default=0, description="0 to 10; active indicators' priorityBoost is added.")


@strawberry.type(description="Where a required skill comes from, with the minimum that source asks.")
class RequirementSource:
    source: SkillSource = strawberry.field(description="The request, the product or an indicator.")
    reference: str | None = strawberry.field(
        description="The productId or indicator type; null for the request, and for a confidential indicator "
                    "the principal may not see.")
    min_proficiency: int = strawberry.field(description="The minimum this source asks.")


@strawberry.type(description="A skill every candidate must have, at the highest minimum any source asks.")
class RoutingRequirement:
    code: str = strawberry.field(description="The skill's code; narrower skills (BROADER) meet it too.")
    name: str | None = strawberry.field(description="The skill's readable name.")
    min_proficiency: int = strawberry.field(description="The lowest proficiency that qualifies, 1 to 5.")
    sources: list[RequirementSource] = strawberry.field(description="Who asked for it.")


@strawberry.type(description="One step of the path from the customer to a resource through the graph.")
class RoutingPathStep:
    kind: str = strawberry.field(description="The node's label: Customer, Household, ServicingPool, ServicingResource.")
    id: str = strawberry.field(description="The node's identifier.")
    relationship: str | None = strawberry.field(
        description="The relationship type from the previous step; null on the first step, and before a pool "
                    "(chosen by purpose or sales-blocking, not linked to the customer).")
    direction: PathDirection | None = strawberry.field(description="Which way the relationship points.")


@strawberry.type(description="A required or optional skill a resource meets.")
class MatchedSkill:
    code: str = strawberry.field(description="The skill asked for.")
    proficiency: int = strawberry.field(description="The resource's best proficiency in it or a narrower skill.")
    required: bool = strawberry.field(description="Required (true) or optional (false).")


@strawberry.type(description="A servicing resource, as routing names it.")
class RoutedResource:
    resource_id: strawberry.ID = strawberry.field(description="The resource's identifier, e.g. R000011.")
    name: str = strawberry.field(description="The person's name.")
    kind: ResourceKind = strawberry.field(description="Agent, relationship manager or specialist.")


@strawberry.type(description="The pool a candidate would take the contact from.")
class RoutingPool:
    pool_id: strawberry.ID = strawberry.field(description="The pool's identifier, e.g. POOL-SALES.")
    name: str | None = strawberry.field(description="The pool's readable name.")
    purpose: PoolPurpose | None = strawberry.field(description="What kind of contacts the pool takes.")
    strategy: PoolStrategy | None = strawberry.field(description="How the pool ranks equally suited members.")


@strawberry.type(description="Why a resource cannot take the contact.")
class RejectionReason:
    kind: RejectionKind = strawberry.field(description="The hard constraint it fails.")
    message: str = strawberry.field(description="Readable, e.g. 'MORTGAGE_SALES 2 < 3' or 'status BUSY'.")


def routing_pool(row: dict[str, Any] | None) -> RoutingPool | None:
    if row is None:
        return None
    return RoutingPool(pool_id=strawberry.ID(row["poolId"]), name=row.get("name"),
                       purpose=PoolPurpose(row["purpose"]) if row.get("purpose") else None,
                       strategy=PoolStrategy(row["strategy"]) if row.get("strategy") else None)


def _common(row: Record) -> dict[str, Any]:
    """The fields candidates and rejected resources share, from one evaluated row."""
    return {
        "resource": RoutedResource(resource_id=strawberry.ID(row["resourceId"]), name=row["name"],
                                   kind=ResourceKind(row["kind"])),
        "pool": routing_pool(row["pool"]), "preference": RoutingPreference(preference(row["tier"])),
        "path": [RoutingPathStep(kind=s["kind"], id=s["id"], relationship=s["relationship"],
                                 direction=PathDirection(s["direction"]) if s["direction"] else None)
                 for s in row["steps"]],
        "matched_skills": [MatchedSkill(**m) for m in row["matchedSkills"]],
        "score": row["score"], "free_capacity": row["freeCapacity"],
    }


@strawberry.type(description="A resource that may take the contact, with why it ranks where it does.")
class RoutingCandidate:
    resource: RoutedResource = strawberry.field(description="Who.")
    pool: RoutingPool | None = strawberry.field(description="The eligible pool it would take the contact from.")
    preference: RoutingPreference = strawberry.field(description="How it is connected to the customer.")
    path: list[RoutingPathStep] = strawberry.field(description="The graph path from the customer to the resource.")
    matched_skills: list[MatchedSkill] = strawberry.field(description="Required skills, then optional ones it meets.")
    score: int = strawberry.field(description="The routing score: preference first, then optional skills kept, then "
                                              "proficiencies (docs/contact-routing.md).")
    free_capacity: int = strawberry.field(description="Contacts it can still take on the channel.")
    relaxed_optional_skills: list[str] = strawberry.field(
        description="Optional skills dropped to admit it, in the order they were dropped (last first).")

    @classmethod
    def from_record(cls, row: Record, optional: list[str]) -> RoutingCandidate:
        return cls(**_common(row), relaxed_optional_skills=relaxed(optional, row["optionalKept"]))


@strawberry.type(description="A resource that cannot take the contact, and every reason why.")
class RejectedCandidate:
    resource: RoutedResource = strawberry.field(description="Who.")
    pool: RoutingPool | None = strawberry.field(description="The pool it was considered through, if any.")
    preference: RoutingPreference = strawberry.field(description="How it is connected to the customer.")
    path: list[RoutingPathStep] = strawberry.field(description="The graph path from the customer to the resource.")
    matched_skills: list[MatchedSkill] = strawberry.field(description="The asked-for skills it does meet.")
    score: int = strawberry.field(description="The score it would have had.")
    free_capacity: int = strawberry.field(description="Contacts it could still take on the channel.")
    reasons: list[RejectionReason] = strawberry.field(description="Each hard constraint it fails.")

    @classmethod
    def from_record(cls, row: Record) -> RejectedCandidate:
        return cls(**_common(row),
                   reasons=[RejectionReason(kind=RejectionKind(r["kind"]), message=r["message"]) for r in row["reasons"]])


@strawberry.type(description="The routing decision as a dry run: who would serve the contact, who else could, "
                              "and why the others could not. Nothing is allocated.")
class RoutingPreview:
    customer_id: strawberry.ID = strawberry.field(description="The customer the contact is for.")
    as_of: datetime.datetime = strawberry.field(description="The instant indicators and statuses were read at.")
    channel: ContactChannel = strawberry.field(description="The contact's channel.")
    language: str = strawberry.field(description="The language it must be served in.")
    priority: int = strawberry.field(description="The request's priority plus the active indicators' priorityBoost.")
    sales_blocked: bool = strawberry.field(description="Whether an active indicator blocks sales.")
    requested_purpose: PoolPurpose | None = strawberry.field(description="The pool purpose the request asked for.")
    purpose: PoolPurpose | None = strawberry.field(
        description="The purpose routed to: null when any pool will do, or when sales-blocking overrode SALES.")
    specialist_pool: strawberry.ID | None = strawberry.field(
        description="The pool sales-blocking forces every candidate into; null when none.")
    notes: list[str] = strawberry.field(description="Why the purpose or the pools differ from the request.")
    required_skills: list[RoutingRequirement] = strawberry.field(description="Skills every candidate has, by code.")
    relaxed_optional_skills: list[str] = strawberry.field(
        description="Optional skills dropped to find the chosen candidate, in the order dropped (last first); "
                    "all of them when nobody qualifies.")
    chosen: RoutingCandidate | None = strawberry.field(
        description="Who the allocation would offer the contact to; null: it would be queued.")
    queue_reason: str | None = strawberry.field(description="Why nobody qualifies; null when someone does.")
    candidates: list[RoutingCandidate] = strawberry.field(description="The best qualified resources, best first.")
    rejected: list[RejectedCandidate] = strawberry.field(
        description="The best rejected resources (closest connection first, then fewest reasons) with why.")

    @classmethod
    def from_record(cls, row: Record, as_of: datetime.datetime, trusted: bool) -> RoutingPreview:
        optional = [o["code"] for o in row["optional"]]
        candidates = [RoutingCandidate.from_record(c, optional) for c in row["candidates"]]
        chosen = candidates[0] if candidates else None
        purpose = row["purpose"]
        return cls(
            customer_id=strawberry.ID(row["customerId"]), as_of=as_of, channel=ContactChannel(row["channel"]),
            language=row["language"], priority=row["priority"], sales_blocked=row["salesBlocked"],
            requested_purpose=PoolPurpose(row["requestedPurpose"]) if row["requestedPurpose"] else None,
            purpose=PoolPurpose(purpose) if purpose else None,
            specialist_pool=strawberry.ID(row["forcedBy"]["pool"]) if row["forcedBy"] else None,
            notes=decision.notes(row, trusted), required_skills=[_requirement(r, trusted) for r in row["required"]],
            relaxed_optional_skills=chosen.relaxed_optional_skills if chosen else relaxed(optional, 0),
            chosen=chosen, queue_reason=None if chosen else why_queued(row),
            candidates=candidates, rejected=[RejectedCandidate.from_record(r) for r in row["rejected"]],
        )


def _requirement(row: dict[str, Any], trusted: bool) -> RoutingRequirement:
    sources = [RequirementSource(source=SkillSource(s["source"]), min_proficiency=s["minProficiency"],
                                 reference=shown({"type": s["reference"], "confidential": s["confidential"]}, trusted))
               for s in row["sources"]]
    return RoutingRequirement(code=row["code"], name=row["name"], min_proficiency=row["minProficiency"], sources=sources)


def contact_of(request: RoutingRequestInput) -> Contact:
    """The contact the input asks to route, in the domain's one shape (checked where it is used)."""
    return Contact(
        customer_id=str(request.customer_id), channel=request.channel.name, language=request.language,
        product_id=None if request.product_id is None else str(request.product_id),
        purpose=None if request.purpose is None else request.purpose.name,
        required=tuple((s.code, s.min_proficiency) for s in request.required_skills),
        optional=tuple((s.code, s.min_proficiency) for s in request.optional_skills),
        requested_priority=request.priority)


@strawberry.type
class DecisionQuery:
    @strawberry.field(
        description="The routing decision as a dry run: the best-suited resources for a contact, the chosen one, "
                    "the preference path, matched skills and score, and why the best rejected resources were "
                    "rejected (ranked only when `rejected` is selected: that evaluates every searched resource); "
                    "allocates nothing. One round trip. Not for analysts.",
        extensions=allow(Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN),
    )
    async def routing_candidates(
        self, info: Info,
        request: Annotated[RoutingRequestInput, strawberry.argument(description="The contact to route.")],
        limit: Annotated[int, strawberry.argument(description="How many candidates and rejected resources, 1 to 50.")] = 5,
        at: Annotated[datetime.datetime | None, strawberry.argument(
            description="The instant to evaluate indicators at (default: now; without a zone, UTC).")] = None,
    ) -> RoutingPreview:
        as_of = instant_or_now(at)
        row = await decision.preview(info.context.db, info.context.caller, contact_of(request), as_of, limit,
                                     explain=selects(info, "rejected"))
        return RoutingPreview.from_record(row, as_of, info.context.caller.sees_confidential)
