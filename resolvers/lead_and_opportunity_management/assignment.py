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
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import strawberry

from graph.database import Record, Transaction
from graph.queries import load
from resolvers.contact_routing.decision import (
    ROUTING_CANDIDATES,
    ContactChannel,
    MatchedSkill,
    PathDirection,
    RoutedResource,
    RoutingCandidate,
    RoutingPathStep,
    RoutingPreference,
    RoutingRequestInput,
    found,
    routing_parameters,
    routing_request,
    why_queued,
)
from resolvers.contact_routing.vocabulary import PoolPurpose, ResourceKind

CANDIDATE_RELATIONSHIP_MANAGER = load("lead_and_opportunity_management/assign_candidate_relationship_manager")

LEAD_CHANNEL = ContactChannel.PHONE
OWN_RM_SCORE = 5 * 1_000_000  # routing's score for tier 1 (own RM), without optional skills


@strawberry.type(description="Who a lead is assigned to and why: the customer's relationship manager, or the "
                              "routing engine's best-suited sales resource with its explanation.")
class LeadAssignment:
    resource: RoutedResource = strawberry.field(description="The servicing resource that owns the lead.")
    preference: RoutingPreference = strawberry.field(
        description="How the resource is connected to the customer: OWN_RM for the relationship manager.")
    path: list[RoutingPathStep] = strawberry.field(description="The graph path from the customer to the resource.")
    matched_skills: list[MatchedSkill] = strawberry.field(
        description="The skills asked for (the product's, the indicators') that the resource meets.")
    score: int = strawberry.field(
        description="The routing score: preference first, then optional skills kept, then proficiencies (docs/contact-routing.md).")
    reason: str = strawberry.field(description="Why this resource, in words.")

    def to_json(self) -> str:
        """The assignment as stored on the lead (Lead.assignment)."""
        return json.dumps({
            "resource": {"resourceId": str(self.resource.resource_id), "name": self.resource.name,
                         "kind": self.resource.kind.name},
            "preference": self.preference.name,
            "path": [{"kind": s.kind, "id": s.id, "relationship": s.relationship,
                      "direction": s.direction.name if s.direction else None} for s in self.path],
            "matchedSkills": [{"code": m.code, "proficiency": m.proficiency, "required": m.required}
                              for m in self.matched_skills],
            "score": self.score, "reason": self.reason,
        }, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> LeadAssignment:
        data = json.loads(text)
        return cls(resource=_resource(data["resource"]), preference=RoutingPreference(data["preference"]),
                   path=[_step(s) for s in data["path"]], matched_skills=[MatchedSkill(**m) for m in data["matchedSkills"]],
                   score=data["score"], reason=data["reason"])


def _resource(row: dict[str, Any]) -> RoutedResource:
    return RoutedResource(resource_id=strawberry.ID(row["resourceId"]), name=row["name"], kind=ResourceKind(row["kind"]))


def _step(row: dict[str, Any]) -> RoutingPathStep:
    return RoutingPathStep(kind=row["kind"], id=row["id"], relationship=row["relationship"],
                           direction=PathDirection(row["direction"]) if row["direction"] else None)


def _relationship_manager(row: Record) -> LeadAssignment:
    rm = row["resource"]
    matched = [MatchedSkill(**m) for m in row["matchedSkills"]]
    return LeadAssignment(
        resource=_resource(rm), preference=RoutingPreference.OWN_RM,
        path=[_step({"kind": "Customer", "id": row["customerId"], "relationship": None, "direction": None}),
              _step({"kind": "ServicingResource", "id": rm["resourceId"], "relationship": "MANAGES", "direction": "IN"})],
        matched_skills=matched, score=OWN_RM_SCORE + sum(m.proficiency for m in matched),
        reason=f"the customer's relationship manager (MANAGES), who owns the relationship; assigned whatever "
               f"their availability (status {rm['status'] or 'unknown'})")


def _routed(candidate: RoutingCandidate, product_id: str) -> LeadAssignment:
    pool = f" in {candidate.pool.pool_id}" if candidate.pool else ""
    return LeadAssignment(
        resource=candidate.resource, preference=candidate.preference, path=candidate.path,
        matched_skills=candidate.matched_skills, score=candidate.score,
        reason=f"no relationship manager: the best-suited resource{pool} for a SALES contact on "
               f"{LEAD_CHANNEL.name} about {product_id} (preference {candidate.preference.name}, "
               f"score {candidate.score})")


async def proposal(tx: Transaction, customer_id: str, product_id: str,
                   at: datetime.datetime) -> tuple[LeadAssignment | None, str | None]:
    """Who should own a lead of the customer for the product at `at`, or None and why nobody.
    One round trip when the customer has an RM, two otherwise."""
    rows = await tx.run(CANDIDATE_RELATIONSHIP_MANAGER, customerId=customer_id, productId=product_id)
    if rows:
        return _relationship_manager(rows[0]), None
    request = RoutingRequestInput(customer_id=strawberry.ID(customer_id), channel=LEAD_CHANNEL,
                                  product_id=strawberry.ID(product_id), purpose=PoolPurpose.SALES)
    parameters = routing_parameters(request, at, 1)
    rows = await tx.run(ROUTING_CANDIDATES, **routing_request(parameters, False))
    if rows and not rows[0]["purposeKnown"]:
        return None, "the customer has no relationship manager and the bank has no SALES pool"
    row = found(rows, parameters)
    if row["salesBlocked"]:
        # The indicator is not named: it may be confidential; the evaluation names it to who may see it.
        return None, ("the customer has no relationship manager and an active indicator blocks sales: "
                      "no sales resource may take the lead")
    if not row["candidates"]:
        return None, f"the customer has no relationship manager and {why_queued(row)}"
    return _routed(RoutingCandidate.from_record(row["candidates"][0], []), product_id), None


async def assign(tx: Transaction, customer_id: str, product_id: str, at: datetime.datetime) -> LeadAssignment | None:
    """Who should own a lead of the customer for the product at `at` (the rules above); None when
    nobody qualifies. Reads only: works in the caller's read or write transaction."""
    assignment, _ = await proposal(tx, customer_id, product_id, at)
    return assignment
