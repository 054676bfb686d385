"""What every plan-level answer and argument shares: the plan, its customer and a servicing resource
as references, and the arguments every plan operation takes (the plan, an idempotency key, a reason).
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from resolvers.contact_routing.resources import ResourceReference
from resolvers.customer_relationship_management.vocabulary import PlanStatus, PlanType

__all__ = ["IdempotencyKey", "PlanCustomerReference", "PlanId", "PlanReference", "Reason", "ResourceReference",
           "resource_reference"]

PlanId = Annotated[strawberry.ID, strawberry.argument(description="The relationship plan, e.g. RP-C0000001.")]
IdempotencyKey = Annotated[str | None, strawberry.argument(
    description="Makes a retry safe: a repeat of the same request returns the first outcome (replayed) and writes "
                "nothing; the same key with another request is a CONFLICT. 1 to 128 characters.")]
Reason = Annotated[str | None, strawberry.argument(description="Why, at most 2000 characters.")]


@strawberry.type(description="The relationship plan (BIAN CustomerRelationshipManagementPlan) a development task, "
                             "incident or contact belongs to.")
class PlanReference:
    plan_id: strawberry.ID = strawberry.field(description="The plan, e.g. RP-C0000001.")
    status: PlanStatus = strawberry.field(description="Where the plan is in its life.")
    plan_type: PlanType | None = strawberry.field(description="BIAN PlanType: what the plan is for.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> PlanReference:
        plan_type = row.get("planType")
        return cls(plan_id=strawberry.ID(row["planId"]), status=PlanStatus(row["status"]),
                   plan_type=None if plan_type is None else PlanType(plan_type))


@strawberry.type(description="The customer (BIAN CustomerReference) whose relationship plan it is.")
class PlanCustomerReference:
    customer_id: strawberry.ID = strawberry.field(description="The customer, e.g. C0000001.")
    name: str = strawberry.field(description="The customer's name.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> PlanCustomerReference:
        return cls(customer_id=strawberry.ID(row["customerId"]), name=row["name"])


def resource_reference(row: dict[str, Any] | None) -> ResourceReference | None:
    """A servicing resource (BIAN EmployeeReference, EmployeeBusinessUnitReference) from {resourceId, name}."""
    return None if row is None else ResourceReference(resource_id=strawberry.ID(row["resourceId"]), name=row["name"])
