"""The relationship manager's book and its activity-trend review (docs/relationship-plans.md): whose
book is read (book_scope), the bounds of the arguments, and the one statement each reads with. The
resolvers map the records and mark the customers the book's own statement chose as in the book.
"""

from __future__ import annotations

import datetime
from typing import Any

from domains.customer_event_history.analytics import counted_categories
from domains.customer_event_history.categories import EventCategory
from domains.customer_relationship_management.book_scope import (
    MAX_LIMIT,
    book_resource,
    check_between,
    check_days,
    codes,
    unknown_resource,
)
from domains.customer_relationship_management.vocabulary import (
    OPEN_INCIDENT_STATUSES,
    OPEN_PLAN_STATUSES,
    ContactStatus,
)
from domains.lead_and_opportunity_management.vocabulary import OPEN_STATUSES as OPEN_LEAD_STATUSES
from gateway.security.auth import Principal
from graph.database import Database, Record
from graph.queries import load

BOOK_OF_RELATIONSHIP_MANAGER = load("customer_relationship_management/book_of_relationship_manager")
REVIEW_ACTIVITY_OF_BOOK = load("customer_relationship_management/review_activity_of_book")

FAILED_PRODUCT_RESULTS = ("FAILED", "DECLINED")
POOR_SERVICING_RESULTS = ("ESCALATED", "UNRESOLVED")
ENDED_ALLOCATION_STATUSES = ("REJECTED", "TIMED_OUT", "CANCELLED")


def midnight(day: datetime.date) -> datetime.datetime:
    """The start of `day` in UTC: the contact windows are whole UTC days."""
    return datetime.datetime.combine(day, datetime.time(), datetime.UTC)


def book_parameters(resource_id: str, at: datetime.datetime, review_within_days: int, recent_days: int,
                    limit: int) -> dict[str, Any]:
    today = at.date()
    recent = datetime.timedelta(days=recent_days)
    return {"resourceId": resource_id, "now": at, "today": today,
            "reviewUntil": today + datetime.timedelta(days=review_within_days),
            "recentFrom": midnight(today - recent), "upcomingUntil": midnight(today + recent + datetime.timedelta(days=1)),
            "limit": limit,
            "openPlanStatuses": codes(OPEN_PLAN_STATUSES),
            "openIncidentStatuses": codes(OPEN_INCIDENT_STATUSES),
            "openLeadStatuses": codes(OPEN_LEAD_STATUSES),
            "held": ContactStatus.HELD.value, "scheduled": ContactStatus.SCHEDULED.value}


async def relationship_manager_book(db: Database, who: Principal, resource_id: str | None, review_within_days: int,
                                    recent_days: int, limit: int, at: datetime.datetime) -> Record:
    """The book of `resource_id` (default: the principal's own) as book_of_relationship_manager.cypher reads it."""
    check_days(review_within_days, "reviewWithinDays")
    check_days(recent_days, "recentDays")
    check_between(limit, 1, MAX_LIMIT, "limit")
    wanted = book_resource(who, resource_id)
    rows = await db.read(BOOK_OF_RELATIONSHIP_MANAGER, book=book_parameters(wanted, at, review_within_days, recent_days,
                                                                            limit))
    if not rows:
        raise unknown_resource(wanted)
    return rows[0]


def review_parameters(resource_id: str, who: Principal, at: datetime.datetime, days: int, drop: int,
                      earlier: int) -> tuple[dict[str, Any], list[EventCategory]]:
    """The review statement's parameters, and the event categories it counts (FRAUD only for those who may see it)."""
    categories = counted_categories(who, None)
    return {"resourceId": resource_id, "at": at, "days": days, "minimumDropPercent": drop,
            "minimumEarlierEvents": earlier, "categories": [c.value for c in categories],
            "openPlanStatuses": codes(OPEN_PLAN_STATUSES),
            "openIncidentStatuses": codes(OPEN_INCIDENT_STATUSES),
            "failedResults": list(FAILED_PRODUCT_RESULTS), "servicingResults": list(POOR_SERVICING_RESULTS),
            "endedAllocationStatuses": list(ENDED_ALLOCATION_STATUSES)}, categories


async def activity_review(db: Database, who: Principal, resource_id: str | None, days: int, minimum_drop_percent: int,
                          minimum_earlier_events: int, at: datetime.datetime) -> tuple[Record, list[EventCategory]]:
    """The review of `resource_id`'s book (default: the principal's own) as review_activity_of_book.cypher reads
    it, and the event categories counted."""
    check_days(days, "days")
    check_between(minimum_drop_percent, 1, 100, "minimumDropPercent")
    check_between(minimum_earlier_events, 1, 10_000, "minimumEarlierEvents")
    wanted = book_resource(who, resource_id)
    parameters, categories = review_parameters(wanted, who, at, days, minimum_drop_percent, minimum_earlier_events)
    rows = await db.read(REVIEW_ACTIVITY_OF_BOOK, review=parameters)
    if not rows:
        raise unknown_resource(wanted)
    return rows[0], categories
