"""Party Routing Profile (BIAN): a customer's statuses, ratings and alerts, as of any instant.

The profile is the PartyState control record; each indicator is a node that is never
deleted: a new value closes the previous one's validity, so history is the set of nodes
and "active at t" means validFrom <= t < validTo (no validTo: still current).

Visibility: indicators of a confidential type (e.g. POSSIBLE_FRAUD) and the narratives
of alerts are shown only to relationship managers and admins.
"""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Any

import strawberry

from graph.queries import load
from resolvers.auth import ALL_ROLES, Principal, Role, allow
from resolvers.batching import batched
from resolvers.temporal import native

PARTY_STATES_OF_CUSTOMERS = load("party_routing_profile/party_states_of_customers")
LIST_INDICATOR_TYPES = load("party_routing_profile/list_indicator_types")

SEES_CONFIDENTIAL = frozenset({Role.RELATIONSHIP_MANAGER, Role.ADMIN})


@strawberry.enum(description="The BIAN behaviour qualifier an indicator belongs to.")
class IndicatorCategory(enum.Enum):
    STATUS = strawberry.enum_value("STATUS", description="A condition such as IN_ARREARS or DORMANT.")
    RATING = strawberry.enum_value("RATING", description="A graded assessment such as CREDIT_RATING or VALUE_TIER.")
    ALERT = strawberry.enum_value("ALERT", description="A warning such as POSSIBLE_FRAUD or VULNERABLE_CUSTOMER.")


@strawberry.type(description="One value of one routing-profile indicator, with its validity window.")
class RoutingIndicator:
    indicator_id: strawberry.ID = strawberry.field(description="The indicator value's identifier.")
    category: IndicatorCategory = strawberry.field(description="Status, rating or alert.")
    type: str = strawberry.field(description="The IndicatorType code, e.g. IN_ARREARS.")
    value: str = strawberry.field(description="The value, e.g. 30_DPD for IN_ARREARS or GOLD for VALUE_TIER.")
    narrative: str | None = strawberry.field(
        description="Free text on why; for alerts only relationship managers and admins see it.")
    valid_from: datetime.datetime = strawberry.field(description="When the value took effect.")
    valid_to: datetime.datetime | None = strawberry.field(description="When it stopped; null while current.")
    captured_at: datetime.datetime = strawberry.field(description="When it was recorded.")
    source: str = strawberry.field(description="The system or channel it came from, e.g. RISK_ENGINE.")
    captured_by: str | None = strawberry.field(description="Who recorded it.")

    @classmethod
    def from_record(cls, row: dict[str, Any], reveal_narrative: bool) -> RoutingIndicator:
        category = IndicatorCategory(row["category"])
        hide = category is IndicatorCategory.ALERT and not reveal_narrative
        return cls(
            indicator_id=strawberry.ID(row["indicatorId"]), category=category, type=row["type"], value=row["value"],
            narrative=None if hide else row.get("narrative"), valid_from=native(row["validFrom"]),
            valid_to=native(row.get("validTo")), captured_at=native(row["capturedAt"]), source=row["source"],
            captured_by=row.get("capturedBy"),
        )

    def active_at(self, instant: datetime.datetime) -> bool:
        return self.valid_from <= instant and (self.valid_to is None or instant < self.valid_to)


@strawberry.type(description="A customer's routing profile (BIAN PartyState): the indicators that steer servicing.")
class PartyState:
    party_state_id: strawberry.ID = strawberry.field(description="The profile's identifier, PS-<customerId>.")
    created_at: datetime.datetime = strawberry.field(description="When profile monitoring began.")
    as_of: datetime.datetime = strawberry.field(description="The instant `activeIndicators` answers for.")
    indicators: strawberry.Private[list[RoutingIndicator]]

    @strawberry.field(description="The indicators in force at `asOf`, statuses first, then ratings, then alerts.")
    def active_indicators(self) -> list[RoutingIndicator]:
        return [i for i in self.indicators if i.active_at(self.as_of)]

    @strawberry.field(description="Every value each indicator ever had, newest first; optionally only some types.")
    def history(
        self, types: Annotated[list[str] | None, strawberry.argument(description="Only these IndicatorType codes.")] = None,
    ) -> list[RoutingIndicator]:
        wanted = [i for i in self.indicators if types is None or i.type in types]
        return sorted(wanted, key=lambda i: (i.valid_from, str(i.indicator_id)), reverse=True)


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
        )


@strawberry.type
class PartyRoutingProfileQuery:
    @strawberry.field(description="The indicator vocabulary with its routing policy; every role may read it.",
                      extensions=allow(*ALL_ROLES))
    async def indicator_types(
        self, info: strawberry.Info,
        category: Annotated[IndicatorCategory | None, strawberry.argument(description="Only this category.")] = None,
    ) -> list[IndicatorType]:
        kind = None if category is None else category.name
        rows = await info.context.db.read(LIST_INDICATOR_TYPES, kind=kind)
        return [IndicatorType.from_record(row["indicatorType"]) for row in rows]


async def routing_profile(info: strawberry.Info, customer_id: str, at: datetime.datetime | None) -> PartyState | None:
    """The customer's PartyState as the principal may see it, as of `at` (default: now)."""
    row = await batched(info, PARTY_STATES_OF_CUSTOMERS, keys_param="customerIds", key_column="customerId",
                        value_column="partyState").load(customer_id)
    if row is None:
        return None
    principal: Principal = info.context.principal
    trusted = principal.has_any(SEES_CONFIDENTIAL)
    visible = [RoutingIndicator.from_record(i, trusted) for i in row["indicators"] if trusted or not i["confidential"]]
    order = list(IndicatorCategory)
    visible.sort(key=lambda i: (order.index(i.category), i.type, i.valid_from))
    as_of = _aware(at) if at is not None else datetime.datetime.now(datetime.UTC)
    return PartyState(party_state_id=strawberry.ID(row["partyStateId"]), created_at=native(row["createdAt"]),
                      as_of=as_of, indicators=visible)



def _aware(instant: datetime.datetime) -> datetime.datetime:
    """Instants without a zone are read as UTC, so they compare with stored DateTimes."""
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=datetime.UTC)
