"""The routing decision's read side: who is best suited to serve a contact, and why (a dry run).

One statement (`cypher/contact_routing/routing_candidates.cypher`) reads everything; the
allocation mutation runs the same text inside its write transaction and allocates
`candidates[0]`, so the dry run and the decision can never disagree. The rules, in short
(docs/contact-routing.md has them in full):

- Required skills: the request's, the product of interest's `NEEDS_SKILL` (minimum 1) and the
  active indicators' `REQUIRES_SKILL {minProficiency}`; the highest minimum per skill counts. A
  resource's skill S meets a required skill X when S is X or narrower: (S)-[:BROADER*0..]->(X).
- Hard constraints: status AVAILABLE, free capacity on the channel (capacity minus PENDING and
  ACCEPTED allocations), speaks the language, every required skill at its minimum. While an
  active indicator blocks sales: no member of a SALES pool, and only members of the pool the
  blocking indicator with the highest priorityBoost ROUTES_TO (ties by type code).
- Preference tiers: own RM, the RM's backup, a household member's RM, a related party's RM,
  then members of the eligible pools (the request's purpose; the forced specialist pool).
- score = (6 - tier) * 1,000,000 + optional skills kept * 10,000 + sum of matched proficiencies.
  Optional skills are relaxed last-first: "kept" is the longest prefix of the preference order
  the resource meets. Equal scores go to the pool's strategy (longest idle, least load, round
  robin), then to the lower resourceId.
"""

from __future__ import annotations

import datetime
import enum
import re
from typing import Annotated, Any

import strawberry

from gateway.security.auth import Role, allow
from gateway.security.book import require_reach_for
from graph.database import Record
from graph.errors import NotFound, ValidationFailed
from graph.queries import load
from graph.temporal import instant_or_now
from resolvers.contact_routing.vocabulary import PoolPurpose, PoolStrategy, ResourceKind, in_range, once_each
from resolvers.context import Info
from resolvers.party_routing_profile.vocabulary import RequiredSkillInput
from resolvers.selection import selects

ROUTING_CANDIDATES = load("contact_routing/routing_candidates")

LANGUAGE = re.compile(r"[a-z]{2}")
PRIORITIES = range(0, 11)
PROFICIENCIES = range(1, 6)
LIMITS = range(1, 51)
MAX_SKILLS = 20


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


TIERS = list(RoutingPreference)


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
        "pool": routing_pool(row["pool"]), "preference": TIERS[row["tier"] - 1],
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
    score: int = strawberry.field(description="(6 - tier) * 1000000 + optional skills kept * 10000 + proficiencies.")
    free_capacity: int = strawberry.field(description="Contacts it can still take on the channel.")
    relaxed_optional_skills: list[str] = strawberry.field(
        description="Optional skills dropped to admit it, in the order they were dropped (last first).")

    @classmethod
    def from_record(cls, row: Record, optional: list[str]) -> RoutingCandidate:
        relaxed = list(reversed(optional[row["optionalKept"]:]))
        return cls(**_common(row), relaxed_optional_skills=relaxed)


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
            notes=_notes(row, trusted), required_skills=[_requirement(r, trusted) for r in row["required"]],
            relaxed_optional_skills=chosen.relaxed_optional_skills if chosen else list(reversed(optional)),
            chosen=chosen, queue_reason=None if chosen else why_queued(row),
            candidates=candidates, rejected=[RejectedCandidate.from_record(r) for r in row["rejected"]],
        )


def _shown(indicator: dict[str, Any], trusted: bool) -> str | None:
    """An indicator type's code, or None when it is confidential and the principal may not see it."""
    return indicator["type"] if trusted or not indicator["confidential"] else None


def _requirement(row: dict[str, Any], trusted: bool) -> RoutingRequirement:
    sources = [RequirementSource(source=SkillSource(s["source"]), min_proficiency=s["minProficiency"],
                                 reference=_shown({"type": s["reference"], "confidential": s["confidential"]}, trusted))
               for s in row["sources"]]
    return RoutingRequirement(code=row["code"], name=row["name"], min_proficiency=row["minProficiency"], sources=sources)


def _notes(row: Record, trusted: bool) -> list[str]:
    if not row["salesBlocked"]:
        return []
    names = [_shown(b, trusted) or "a confidential indicator" for b in row["blockedBy"]]
    notes = [f"sales are blocked by {', '.join(names)}: no member of a SALES pool may take the contact"]
    if row["requestedPurpose"] == PoolPurpose.SALES.value:
        notes.append("the requested purpose SALES was overridden because sales are blocked")
    forced = row["forcedBy"]
    if forced:
        notes.append(f"routed to {forced['pool']}, the specialist pool of "
                     f"{_shown(forced, trusted) or 'a confidential indicator'}")
    return notes


def why_queued(row: Record) -> str:
    reason = f"no available resource with free {row['channel']} capacity speaks {row['language']}"
    if row["required"]:
        reason += " with " + ", ".join(f"{r['code']} ≥ {r['minProficiency']}" for r in row["required"])
    if row["forcedBy"]:
        reason += f" in {row['forcedBy']['pool']}"
    elif row["purpose"]:
        reason += f" among the customer's RMs and the {row['purpose']} pools"
    if row["salesBlocked"]:
        reason += " outside SALES pools"
    if row["optional"]:
        reason += ", even with every optional skill relaxed"
    return reason


def _skills(skills: list[RequiredSkillInput], field: str) -> list[dict[str, Any]]:
    once_each((skill.code for skill in skills), field, "skill")
    if len(skills) > MAX_SKILLS:
        raise ValidationFailed(f"at most {MAX_SKILLS} skills may be given", field=field)
    for skill in skills:
        in_range(skill.min_proficiency, PROFICIENCIES, f"{field}.minProficiency")
    return [{"code": skill.code, "minProficiency": skill.min_proficiency} for skill in skills]


def routing_parameters(request: RoutingRequestInput, at: datetime.datetime, limit: int) -> dict[str, Any]:
    """The checked parameters of ROUTING_CANDIDATES for `request` (VALIDATION naming the field)."""
    if request.language is not None and not LANGUAGE.fullmatch(request.language):
        raise ValidationFailed("language must be an ISO 639-1 code of 2 lower-case letters, e.g. fr",
                               field="request.language")
    required = _skills(request.required_skills, "request.requiredSkills")
    optional = _skills(request.optional_skills, "request.optionalSkills")
    once_each([s["code"] for s in required + optional], "request.optionalSkills", "skill, required or optional,")
    return {
        "customerId": str(request.customer_id), "at": at, "channel": request.channel.value,
        "language": request.language, "productId": None if request.product_id is None else str(request.product_id),
        "requestSkills": required, "optionalSkills": optional,
        "purpose": None if request.purpose is None else request.purpose.value,
        "priority": in_range(request.priority, PRIORITIES, "request.priority"),
        "limit": in_range(limit, LIMITS, "limit"), "excludedResourceIds": [],
    }


def routing_request(parameters: dict[str, Any], explain: bool) -> dict[str, Any]:
    """ROUTING_CANDIDATES' one parameter, `request`: `parameters` and whether to rank the rejected
    resources too (`explain`), which costs an evaluation of every searched resource."""
    return {"request": {**parameters, "explain": explain}}


def found(rows: list[Record], parameters: dict[str, Any]) -> Record:
    """The statement's one row, or NOT_FOUND naming the first unknown reference of the request."""
    if not rows:
        raise NotFound(f"no customer has the id {parameters['customerId']}", field="request.customerId")
    [row] = rows
    if not row["productFound"]:
        raise NotFound(f"no product has the id {parameters['productId']}", field="request.productId")
    if row["unknownSkills"]:
        unknown = set(row["unknownSkills"])
        field = ("request.requiredSkills" if any(s["code"] in unknown for s in parameters["requestSkills"])
                 else "request.optionalSkills")
        raise NotFound(f"no skill has the code {', '.join(row['unknownSkills'])}", field=field)
    if not row["purposeKnown"]:
        raise NotFound(f"no servicing pool has the purpose {parameters['purpose']}", field="request.purpose")
    return row


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
        parameters = routing_parameters(request, as_of, limit)
        await require_reach_for(info, "request.customerId", f"customer '{parameters['customerId']}'",
                                customerId=parameters["customerId"])
        rows = await info.context.db.read(ROUTING_CANDIDATES, **routing_request(parameters, selects(info, "rejected")))
        row = found(rows, parameters)
        return RoutingPreview.from_record(row, as_of, info.context.caller.sees_confidential)
