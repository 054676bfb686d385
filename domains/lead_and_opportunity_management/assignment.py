"""Who a lead goes to: the customer's relationship manager, else the routing engine's best sales resource.

The rules (docs/lead-and-opportunity.md, "Evaluation and assignment"):

- The customer's relationship manager (MANAGES) gets the lead whatever their status or load: the
  RM owns the relationship, and a lead is worked over days, not answered now.
- Otherwise the routing decision (`cypher/contact_routing/routing_candidates.cypher`, the same
  text and helpers as Contact Routing) is asked for a SALES contact on the PHONE channel (a sales
  follow-up is a call; the resource must serve phone contacts and have free capacity) about the
  lead's product, so the product's NEEDS_SKILL skills and the customer's indicators' skills are
  required; its best candidate gets the lead, with its explanation. No explanation of the
  rejected is asked (explain false): it would evaluate every searched resource.
- While an active indicator blocks sales, routing sends contacts to a specialist pool, not to
  sales: then nobody but the RM gets the lead. Nobody qualified: no assignment, and a reason.

The explanation is stored on the lead as JSON (`Assignment.to_json`) and shown as it was given.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict, dataclass
from typing import Any

from domains.contact_routing import decision as routing
from domains.contact_routing.contact import Contact
from graph.database import Record, Transaction
from graph.queries import load

CANDIDATE_RELATIONSHIP_MANAGER = load("lead_and_opportunity_management/assign_candidate_relationship_manager")

LEAD_CHANNEL = "PHONE"
OWN_RM = routing.PREFERENCES[0]
# Routing's score of a tier-1 (own RM) candidate before its proficiencies, as the statement's
# formula gives it (cypher/contact_routing/routing_candidates.cypher, explained in docs/contact-routing.md).
OWN_RM_SCORE = 5 * 1_000_000


@dataclass(frozen=True)
class Resource:
    """The servicing resource that owns the lead (kind: AGENT, RELATIONSHIP_MANAGER or SPECIALIST)."""

    resource_id: str
    name: str
    kind: str


@dataclass(frozen=True)
class PathStep:
    """One step of the graph path from the customer to the resource (direction: OUT, IN or None)."""

    kind: str
    id: str
    relationship: str | None
    direction: str | None


@dataclass(frozen=True)
class Skill:
    """A skill asked for that the resource meets, at its best proficiency."""

    code: str
    proficiency: int
    required: bool


@dataclass(frozen=True)
class Assignment:
    """Who owns a lead and why: the resource, how it is connected to the customer (a routing
    preference, e.g. OWN_RM), the path, the skills met, routing's score and the reason in words."""

    resource: Resource
    preference: str
    path: tuple[PathStep, ...]
    matched_skills: tuple[Skill, ...]
    score: int
    reason: str

    def to_json(self) -> str:
        """The assignment as stored on the lead (the lead's `assignment`)."""
        return json.dumps({
            "resource": {"resourceId": self.resource.resource_id, "name": self.resource.name,
                         "kind": self.resource.kind},
            "preference": self.preference, "path": [asdict(s) for s in self.path],
            "matchedSkills": [asdict(m) for m in self.matched_skills], "score": self.score, "reason": self.reason,
        }, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Assignment:
        data = json.loads(text)
        return cls.of(data["resource"], data["preference"], data["path"], data["matchedSkills"], data["score"],
                      data["reason"])

    @classmethod
    def of(cls, resource: dict[str, Any], preference: str, path: list[dict[str, Any]],
           matched: list[dict[str, Any]], score: int, reason: str) -> Assignment:
        """From the maps routing's statements and the stored JSON write."""
        return cls(resource=Resource(resource_id=resource["resourceId"], name=resource["name"], kind=resource["kind"]),
                   preference=preference, path=tuple(PathStep(**s) for s in path),
                   matched_skills=tuple(Skill(**m) for m in matched), score=score, reason=reason)


def _relationship_manager(row: Record) -> Assignment:
    rm = row["resource"]
    matched = row["matchedSkills"]
    return Assignment.of(
        rm, OWN_RM,
        [{"kind": "Customer", "id": row["customerId"], "relationship": None, "direction": None},
         {"kind": "ServicingResource", "id": rm["resourceId"], "relationship": "MANAGES", "direction": "IN"}],
        matched, OWN_RM_SCORE + sum(m["proficiency"] for m in matched),
        f"the customer's relationship manager (MANAGES), who owns the relationship; assigned whatever "
        f"their availability (status {rm['status'] or 'unknown'})")


def _routed(candidate: Record, product_id: str) -> Assignment:
    """Routing's best candidate (a row of routing_candidates' `candidates`)."""
    preference = routing.preference(candidate["tier"])
    pool = f" in {candidate['pool']['poolId']}" if candidate["pool"] else ""
    return Assignment.of(
        candidate, preference, candidate["steps"], candidate["matchedSkills"], candidate["score"],
        f"no relationship manager: the best-suited resource{pool} for a SALES contact on {LEAD_CHANNEL} "
        f"about {product_id} (preference {preference}, score {candidate['score']})")


def _sales_call(customer_id: str, product_id: str) -> Contact:
    """The contact routing is asked about: a SALES follow-up call about the product."""
    return Contact(customer_id=customer_id, channel=LEAD_CHANNEL, product_id=product_id, purpose=routing.SALES)


async def proposal(tx: Transaction, customer_id: str, product_id: str,
                   at: datetime.datetime) -> tuple[Assignment | None, str | None]:
    """Who should own a lead of the customer for the product at `at`, or None and why nobody.
    One round trip when the customer has an RM, two otherwise."""
    rows = await tx.run(CANDIDATE_RELATIONSHIP_MANAGER, customerId=customer_id, productId=product_id)
    if rows:
        return _relationship_manager(rows[0]), None
    contact = _sales_call(customer_id, product_id)
    rows = await tx.run(routing.ROUTING_CANDIDATES, **contact.parameters(at, 1, False))
    if rows and not rows[0]["purposeKnown"]:
        return None, "the customer has no relationship manager and the bank has no SALES pool"
    row = routing.routing_row(rows, contact)
    if row["salesBlocked"]:
        # The indicator is not named: it may be confidential; the evaluation names it to who may see it.
        return None, ("the customer has no relationship manager and an active indicator blocks sales: "
                      "no sales resource may take the lead")
    if not row["candidates"]:
        return None, f"the customer has no relationship manager and {routing.why_queued(row)}"
    return _routed(row["candidates"][0], product_id), None


async def assign(tx: Transaction, customer_id: str, product_id: str, at: datetime.datetime) -> Assignment | None:
    """Who should own a lead of the customer for the product at `at` (the rules above); None when
    nobody qualifies. Reads only: works in the caller's read or write transaction."""
    assignment, _ = await proposal(tx, customer_id, product_id, at)
    return assignment
