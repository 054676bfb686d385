"""The presenting-customer check (BIAN's example of use): identity, active status and steering.

As a customer presents, say on logging in online, the channel asks in one call: does this
customerId exist, is the customer active, are sales blocked, how much priority, which skills
and pools must serve them? One statement, one round trip, a seek on the customer_id
constraint, so it is cheap enough for every log-in (bench/presenting_check_bench.py).

Confidential indicators (e.g. POSSIBLE_FRAUD) must still steer the interaction for a
front end that may not see them: they count towards `salesBlocked` and `priorityBoost`, and
`withheldIndicators` says how many there are, but their type, skills and pool stay hidden.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from gateway.security.auth import Role, allow
from gateway.security.book import require_reach_for
from graph.queries import load
from graph.temporal import instant_or_now
from resolvers.context import Info
from resolvers.party_routing_profile.profile import RoutingIndicator
from resolvers.party_routing_profile.vocabulary import PoolReference, RequiredSkill

if TYPE_CHECKING:
    from resolvers.customers import CustomerStatus, Segment

PRESENTING_CUSTOMER_CHECK = load("party_routing_profile/presenting_customer_check")

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
    def from_record(cls, customer_id: str, as_of: datetime.datetime, row: dict[str, Any],
                    trusted: bool) -> PresentingCustomerCheck:
        # Imported here, not at the top: resolvers.customers imports this package.
        from resolvers.customers import CustomerStatus, Segment

        status = row["customerStatus"]
        return cls(
            customer_id=strawberry.ID(customer_id), as_of=as_of, exists=row["customerExists"],
            active=status == CustomerStatus.ACTIVE.value,
            customer_status=None if status is None else CustomerStatus(status),
            segment=None if row["segment"] is None else Segment(row["segment"]),
            sales_blocked=row["salesBlocked"], priority_boost=row["priorityBoost"],
            required_skills=[RequiredSkill(code=s["code"], name=s["name"], min_proficiency=s["minProficiency"])
                             for s in row["requiredSkills"]],
            routes_to=[PoolReference(pool_id=strawberry.ID(p["poolId"]), name=p["name"]) for p in row["routesTo"]],
            blocking_indicators=[RoutingIndicator.from_record(i, trusted) for i in row["blockingIndicators"]],
            steering_indicators=[RoutingIndicator.from_record(i, trusted) for i in row["steeringIndicators"]],
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
        await require_reach_for(info, "customerId", f"customer with customerId {customer_id!r}", customerId=str(customer_id))
        trusted = info.context.caller.sees_confidential
        as_of = instant_or_now(at)
        rows = await info.context.db.read(PRESENTING_CUSTOMER_CHECK, customerId=str(customer_id), at=as_of,
                                          seesConfidential=trusted)
        return PresentingCustomerCheck.from_record(str(customer_id), as_of, rows[0], trusted)
