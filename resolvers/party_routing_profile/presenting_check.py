"""The presenting-customer check in GraphQL: its type and root field. The rule (what steers the
interaction, what is withheld from whom) is in domains/party_routing_profile/presenting_check.py.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from domains.party_routing_profile.presenting_check import PresentingCheck, check
from gateway.security.auth import Role, allow
from resolvers.context import Info
from resolvers.party_routing_profile.profile import RoutingIndicator
from resolvers.party_routing_profile.vocabulary import PoolReference, RequiredSkill

if TYPE_CHECKING:
    from resolvers.customers import CustomerStatus, Segment

# resolvers.customers imports this package, so its enums are referenced lazily.
LazyCustomerStatus = Annotated["CustomerStatus", strawberry.lazy("resolvers.customers")]
LazySegment = Annotated["Segment", strawberry.lazy("resolvers.customers")]


@strawberry.type(description="Whether a presenting customer exists and is active, and how to steer the interaction.")
class PresentingCustomerCheck:
    customer_id: strawberry.ID = strawberry.field(description="The customerId that was checked, as given.")
    as_of: datetime.datetime = strawberry.field(description="The instant the indicators were evaluated at.")
    exists: bool = strawberry.field(description="Whether a customer has this id; false (not an error) for an unknown id.")
    active: bool = strawberry.field(description="Whether the customer's lifecycle status is ACTIVE; false for an unknown id.")
    customer_status: LazyCustomerStatus | None = strawberry.field(
        description="The customer's lifecycle status; null for an unknown id.")
    segment: LazySegment | None = strawberry.field(description="The customer's segment; null for an unknown id.")
    sales_blocked: bool = strawberry.field(
        description="Whether an active indicator blocks sales, counting indicators withheld from this principal.")
    priority_boost: int = strawberry.field(
        description="The sum of the active indicators' priority boosts, counting withheld indicators.")
    required_skills: list[RequiredSkill] = strawberry.field(
        description="Skills the visible active indicators require, each at the highest proficiency any asks; by code.")
    routes_to: list[PoolReference] = strawberry.field(
        description="The distinct specialist pools the visible active indicators route to, by poolId.")
    blocking_indicators: list[RoutingIndicator] = strawberry.field(
        description="Visible active indicators whose type blocks sales; statuses, then ratings, then alerts.")
    steering_indicators: list[RoutingIndicator] = strawberry.field(
        description="Visible active indicators that raise priority, require skills or route to a pool; same order.")
    withheld_indicators: int = strawberry.field(
        description="How many active confidential indicators are hidden from this principal (always 0 for "
                    "relationship managers and admins).")

    @classmethod
    def from_check(cls, customer_id: str, answer: PresentingCheck) -> PresentingCustomerCheck:
        # Imported here, not at the top: resolvers.customers imports this package.
        from resolvers.customers import CustomerStatus, Segment

        row, status = answer.row, answer.row["customerStatus"]
        return cls(
            customer_id=strawberry.ID(customer_id), as_of=answer.as_of, exists=row["customerExists"],
            active=answer.active,
            customer_status=None if status is None else CustomerStatus(status),
            segment=None if row["segment"] is None else Segment(row["segment"]),
            sales_blocked=row["salesBlocked"], priority_boost=row["priorityBoost"],
            required_skills=[RequiredSkill(code=s["code"], name=s["name"], min_proficiency=s["minProficiency"])
                             for s in row["requiredSkills"]],
            routes_to=[PoolReference(pool_id=strawberry.ID(p["poolId"]), name=p["name"]) for p in row["routesTo"]],
            blocking_indicators=[RoutingIndicator.from_record(i) for i in row["blockingIndicators"]],
            steering_indicators=[RoutingIndicator.from_record(i) for i in row["steeringIndicators"]],
            withheld_indicators=row["withheldIndicators"],
        )


@strawberry.type
class PresentingCheckQuery:
    @strawberry.field(
        description="The identity and active-status check as a customer presents (e.g. logs in online), with how "
                    "to steer the interaction; one round trip. Not for analysts. Confidential indicators still "
                    "block sales and raise priority, but only relationship managers and admins see them.",
        extensions=allow(Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN),
    )
    async def presenting_customer_check(
        self, info: Info,
        customer_id: Annotated[strawberry.ID, strawberry.argument(description="The presenting customer's id, e.g. C0000042.")],
        at: Annotated[datetime.datetime | None, strawberry.argument(
            description="The instant to evaluate indicators at (default: now; without a zone, UTC).")] = None,
    ) -> PresentingCustomerCheck:
        answer = await check(info.context.db, info.context.caller, str(customer_id), at)
        return PresentingCustomerCheck.from_check(str(customer_id), answer)
