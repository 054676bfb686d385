"""Customer Relationship Management analytics (BIAN portfolio analytics, an extension): plan coverage,
goal attainment, and a relationship manager's book make-up and performance.

Each field is one read statement from cypher/customer_relationship_management/analytics_*.cypher,
aggregated in Neo4j, so analysts get the same figures in Neo4j Browser (`:param` lines at their
top). Analysts and admins see every book; a relationship manager only its own: coverage and goal
attainment count only its book's customers (managed and covered), and the performance of another
resource is FORBIDDEN (book_scope.py). Front ends are FORBIDDEN. The reads and their checks are
domains/customer_relationship_management/analytics.py's; the types and the mapping are here. docs/relationship-plans.md,
"Relationship analytics", defines every figure.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from domains.customer_relationship_management import analytics as analytics
from domains.customer_relationship_management.access import PLAN_READERS
from gateway.security.auth import allow
from graph.temporal import instant_or_now
from resolvers.context import Info
from resolvers.customer_relationship_management.access import principal
from resolvers.customer_relationship_management.analytics_types import (
    GoalAttainmentGrouping,
    GoalAttainmentRow,
    PlanCoverageGrouping,
    PlanCoverageRow,
    RelationshipManagerPerformance,
)


@strawberry.type
class RelationshipAnalyticsQuery:
    @strawberry.field(
        description="Plan coverage (CRM analytics, an extension): per relationship manager or segment, the "
                    "managed customers, how many have an ACTIVE plan (coverage: the share), an open plan, and an "
                    "overdue review. A relationship manager sees only its own book (managed and covered customers).",
        extensions=allow(*PLAN_READERS),
    )
    async def relationship_plan_coverage(
        self, info: Info,
        group_by: Annotated[PlanCoverageGrouping, strawberry.argument(
            description="Per relationship manager (default) or per segment.")] = PlanCoverageGrouping.RELATIONSHIP_MANAGER,
    ) -> list[PlanCoverageRow]:
        rows = await analytics.plan_coverage(info.context.db, principal(info), group_by.name)
        return [PlanCoverageRow.from_record(row) for row in rows]

    @strawberry.field(
        description="Goal attainment (CRM analytics, an extension): per goal type, plan owner or plan type, the "
                    "goals (BIAN Goal) of every plan not rejected by result (BIAN GoalResult), and the attainment "
                    "rate achieved / (achieved + missed). A relationship manager sees only its own book's plans.",
        extensions=allow(*PLAN_READERS),
    )
    async def relationship_goal_attainment(
        self, info: Info,
        group_by: Annotated[GoalAttainmentGrouping, strawberry.argument(
            description="Per goal type (default), plan owner or plan type.")] = GoalAttainmentGrouping.GOAL_TYPE,
    ) -> list[GoalAttainmentRow]:
        rows = await analytics.goal_attainment(info.context.db, principal(info), group_by.name)
        return [GoalAttainmentRow.from_record(row) for row in rows]

    @strawberry.field(
        description="A relationship manager's book make-up and performance (CRM analytics, an extension): the "
                    "customers it manages by segment, kind and value tier, products held, plans by status; and "
                    "over the last `days` leads won and lost, contacts held, incidents raised and resolved, goal "
                    "attainment and the book's event activity against the `days` before. FORBIDDEN for a "
                    "relationship manager naming another resource; NOT_FOUND for an unknown resourceId; "
                    "VALIDATION for days outside 1-365.",
        extensions=allow(*PLAN_READERS),
    )
    async def relationship_manager_performance(
        self, info: Info,
        resource_id: Annotated[strawberry.ID | None, strawberry.argument(
            description="The relationship manager, e.g. R000301 (default: the principal's own). A relationship "
                        "manager may name only itself.")] = None,
        days: Annotated[int, strawberry.argument(description="The window's length in days, ending at `at`, 1-365.")] = 90,
        at: Annotated[datetime.datetime | None, strawberry.argument(
            description="The end of the recent window, excluded (default: now; without a zone, UTC).")] = None,
    ) -> RelationshipManagerPerformance:
        row = await analytics.manager_performance(info.context.db, principal(info),
                                                  None if resource_id is None else str(resource_id), days,
                                                  instant_or_now(at))
        return RelationshipManagerPerformance.from_record(row, days)


@strawberry.type
class RelationshipAnalyticsMutation:
    pass
