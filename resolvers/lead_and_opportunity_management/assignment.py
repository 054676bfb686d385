"""Who a lead is assigned to and why, as the schema shows it: the customer's relationship manager,
or the routing engine's best-suited sales resource with its explanation. The rules that choose are
domains/lead_and_opportunity_management/assignment.py (docs/lead-and-opportunity.md, "Evaluation
and assignment"); the assignment is stored on the lead as the JSON they write.
"""

from __future__ import annotations

import strawberry

from domains.lead_and_opportunity_management.assignment import Assignment
from resolvers.contact_routing.decision import (
    MatchedSkill,
    PathDirection,
    RoutedResource,
    RoutingPathStep,
    RoutingPreference,
)
from resolvers.contact_routing.vocabulary import ResourceKind


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
        return Assignment.of(
            {"resourceId": str(self.resource.resource_id), "name": self.resource.name, "kind": self.resource.kind.name},
            self.preference.name,
            [{"kind": s.kind, "id": s.id, "relationship": s.relationship,
              "direction": s.direction.name if s.direction else None} for s in self.path],
            [{"code": m.code, "proficiency": m.proficiency, "required": m.required} for m in self.matched_skills],
            self.score, self.reason).to_json()

    @classmethod
    def from_json(cls, text: str) -> LeadAssignment:
        return cls.of(Assignment.from_json(text))

    @classmethod
    def of(cls, a: Assignment) -> LeadAssignment:
        return cls(resource=RoutedResource(resource_id=strawberry.ID(a.resource.resource_id), name=a.resource.name,
                                           kind=ResourceKind(a.resource.kind)),
                   preference=RoutingPreference(a.preference),
                   path=[RoutingPathStep(kind=s.kind, id=s.id, relationship=s.relationship,
                                         direction=PathDirection(s.direction) if s.direction else None)
                         for s in a.path],
                   matched_skills=[MatchedSkill(code=m.code, proficiency=m.proficiency, required=m.required)
                                   for m in a.matched_skills],
                   score=a.score, reason=a.reason)
