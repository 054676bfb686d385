"""Customer Relationship Management analytics (an extension): plan coverage, goal attainment and a
relationship manager's performance, each one read statement aggregated in Neo4j
(cypher/customer_relationship_management/analytics_*.cypher). A relationship manager's figures
cover only its own book (book_holder); another resource's performance is FORBIDDEN (book_scope).
"""

from __future__ import annotations

import datetime

from domains.customer_event_history.analytics import counted_categories
from domains.customer_relationship_management.book_scope import book_resource, check_days, codes, unknown_resource
from domains.customer_relationship_management.vocabulary import OPEN_PLAN_STATUSES, ContactStatus, PlanStatus
from domains.lead_and_opportunity_management.vocabulary import LeadStatus
from gateway.security.auth import Principal
from gateway.security.book import book_holder
from graph.database import Database, Record
from graph.queries import load
from graph.temporal import now

PLAN_COVERAGE = load("customer_relationship_management/analytics_plan_coverage")
GOAL_ATTAINMENT = load("customer_relationship_management/analytics_goal_attainment")
RELATIONSHIP_MANAGER_PERFORMANCE = load("customer_relationship_management/analytics_relationship_manager_performance")

# Goals of rejected plans were never worked, so they count neither for nor against attainment.
EXCLUDED_PLAN_STATUSES = [PlanStatus.REJECTED.value]


async def plan_coverage(db: Database, who: Principal, group_by: str) -> list[Record]:
    """Per relationship manager or segment (`group_by`): managed customers and how many have a plan."""
    return await db.read(PLAN_COVERAGE, coverage={
        "groupBy": group_by, "resourceId": book_holder(who), "today": now().date(), "active": PlanStatus.ACTIVE.value,
        "openPlanStatuses": codes(OPEN_PLAN_STATUSES)})


async def goal_attainment(db: Database, who: Principal, group_by: str) -> list[Record]:
    """Per goal type, plan owner or plan type (`group_by`): the goals of plans not rejected, by result."""
    return await db.read(GOAL_ATTAINMENT, goals={
        "groupBy": group_by, "resourceId": book_holder(who), "excludedPlanStatuses": EXCLUDED_PLAN_STATUSES})


async def manager_performance(db: Database, who: Principal, resource_id: str | None, days: int,
                              at: datetime.datetime) -> Record:
    """The book make-up and performance of `resource_id` (default: the principal's own) over `days` up to `at`."""
    check_days(days, "days")
    wanted = book_resource(who, resource_id)
    rows = await db.read(RELATIONSHIP_MANAGER_PERFORMANCE, performance={
        "resourceId": wanted, "now": at, "since": at - datetime.timedelta(days=days),
        "earlierFrom": at - datetime.timedelta(days=2 * days),
        "categories": [c.value for c in counted_categories(who, None)],
        "excludedPlanStatuses": EXCLUDED_PLAN_STATUSES, "won": LeadStatus.WON.value,
        "lost": LeadStatus.LOST.value, "held": ContactStatus.HELD.value})
    if not rows:
        raise unknown_resource(wanted)
    return rows[0]
