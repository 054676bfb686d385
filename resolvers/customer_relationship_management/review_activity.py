"""The activity-trend review of a relationship manager's book (relationshipActivityReview): the
customers whose activity is trending lower, with the possible internal and external causes and an
agenda for the meeting the RM arranges next (requestRelationshipPlan with ARRANGE_MEETING takes
`suggestedAgenda` as its reason).

One statement (review_activity_of_book.cypher) counts each book customer's events in the last
`days` against the `days` before, flags the falls and gathers the causes of the flagged ones. The
counts leave FRAUD events out for principals who may not see them (event analytics' rule); the
change is event analytics' too (customer_event_history.analytics.change).
"""

from __future__ import annotations

import datetime
import enum
from typing import Any

import strawberry

from domains.customer_event_history.analytics import change
from domains.customer_relationship_management.book import review_parameters
from graph.temporal import native
from resolvers.customer_event_history.timeline import EventCategory
from resolvers.customer_relationship_management.book_types import BookPlanSummary, BookResource
from resolvers.customers import Segment

# review_parameters is domains/customer_relationship_management/book.py's; named here too for the tests.
__all__ = ["FlaggedCustomer", "RelationshipActivityReview", "review_parameters"]

# requestRelationshipPlan takes the agenda as its reason, of at most 2000 characters.
MAX_AGENDA = 2000


@strawberry.enum(description="What kind of possible cause of a fall in activity the review found.")
class ActivityCauseKind(enum.Enum):
    OPEN_INCIDENT = strawberry.enum_value(
        "OPEN_INCIDENT", description="Internal: an open incident (BIAN Incident) on the customer's plan.")
    FAILED_PRODUCT_EVENT = strawberry.enum_value(
        "FAILED_PRODUCT_EVENT", description="Internal: a PRODUCT_PROCESSING event of the recent window that FAILED "
                                            "or was DECLINED.")
    SERVICING_OUTCOME = strawberry.enum_value(
        "SERVICING_OUTCOME", description="Internal: a SERVICING event of the recent window ESCALATED or UNRESOLVED, "
                                         "or a contact allocation that ended REJECTED, TIMED_OUT or CANCELLED.")
    LIFE_EVENT = strawberry.enum_value(
        "LIFE_EVENT", description="External: a LIFE event (relocation, marriage, retirement...) in either window.")


@strawberry.type(description="A possible cause of a customer's fall in activity.")
class ActivityCause:
    kind: ActivityCauseKind = strawberry.field(description="What kind of cause it is.")
    reference: strawberry.ID = strawberry.field(
        description="The incidentId, eventId or allocationId of the object behind the cause.")
    type: str = strawberry.field(
        description="The incident's type, the event's type, or the allocation's final status.")
    at: datetime.datetime | None = strawberry.field(
        description="When it happened: the incident raised, the event occurred, the allocation ended.")
    detail: str | None = strawberry.field(
        description="A short line: the incident's priority and status, the event's result and record, the "
                    "allocation's channel and end reason.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> ActivityCause:
        kind = ActivityCauseKind(row["kind"])
        return cls(kind=kind, reference=strawberry.ID(row["reference"]), type=row["type"], at=native(row["at"]),
                   detail=cause_detail(kind, row))


@strawberry.type(description="A book customer whose activity is trending lower.")
class FlaggedCustomer:
    customer_id: strawberry.ID = strawberry.field(description="The customer (BIAN CustomerReference).")
    name: str = strawberry.field(description="The customer's name.")
    segment: Segment | None = strawberry.field(description="The customer's segment.")
    recent: int = strawberry.field(description="Events counted in the recent window (the last `days`).")
    earlier: int = strawberry.field(description="Events counted in the earlier window (the `days` before).")
    change_percent: float = strawberry.field(description="(recent - earlier) / earlier × 100, to 1 decimal; negative.")
    plan: BookPlanSummary | None = strawberry.field(
        description="The customer's open plan; null: create one (createRelationshipPlan) before arranging a meeting.")
    internal_causes: list[ActivityCause] = strawberry.field(
        description="Open incidents, failed product events and poor servicing outcomes, oldest first.")
    external_causes: list[ActivityCause] = strawberry.field(description="Life events, oldest first.")
    suggested_agenda: str = strawberry.field(
        description="A one-line summary of the fall and its causes, to pass as the reason of "
                    "requestRelationshipPlan (ARRANGE_MEETING).")

    @classmethod
    def from_record(cls, row: dict[str, Any], days: int) -> FlaggedCustomer:
        percent, _ = change(row["recent"], row["earlier"])
        internal = [ActivityCause.from_record(c) for c in row["internalCauses"]]
        external = [ActivityCause.from_record(c) for c in row["externalCauses"]]
        return cls(customer_id=strawberry.ID(row["customerId"]), name=row["name"],
                   segment=None if row["segment"] is None else Segment(row["segment"]),
                   recent=row["recent"], earlier=row["earlier"], change_percent=percent or 0.0,
                   plan=BookPlanSummary.from_record(row["plan"]), internal_causes=internal,
                   external_causes=external, suggested_agenda=agenda(percent or 0.0, days, internal + external))


@strawberry.type(description="The activity-trend review of a relationship manager's book (BIAN Customer Relationship "
                             "Management; the seed's example): the customers whose activity is trending lower and why.")
class RelationshipActivityReview:
    resource: BookResource = strawberry.field(description="Whose book was reviewed.")
    days: int = strawberry.field(description="The length of each window in days.")
    as_of: datetime.datetime = strawberry.field(description="The end of the recent window (excluded).")
    recent_from: datetime.datetime = strawberry.field(description="The start of the recent window.")
    earlier_from: datetime.datetime = strawberry.field(description="The start of the earlier window.")
    categories: list[EventCategory] = strawberry.field(
        description="The event categories counted: all, FRAUD only for relationship managers and admins.")
    minimum_drop_percent: int = strawberry.field(description="The least fall, in percent, that flags a customer.")
    minimum_earlier_events: int = strawberry.field(description="The least earlier events for a customer to be judged.")
    customers_reviewed: int = strawberry.field(description="The book's customers (managed and covered) reviewed.")
    flagged: list[FlaggedCustomer] = strawberry.field(description="The flagged customers, steepest drop first.")


def cause_detail(kind: ActivityCauseKind, row: dict[str, Any]) -> str | None:
    if kind is ActivityCauseKind.OPEN_INCIDENT:
        return f"priority {row['priority']}, {row['status']}"
    if row.get("source") == "ALLOCATION":
        parts = [f"{row.get('channel') or 'a'} contact", f"for {row['purpose']}" if row.get("purpose") else None,
                 f"ended {row['type']}", f"({row['reason']})" if row.get("reason") else None]
        return " ".join(p for p in parts if p)
    result, record = row.get("result"), row.get("record")
    if record and record != row["type"]:
        return f"{result}: {record}" if result else str(record)
    return result


def agenda(percent: float, days: int, causes: list[ActivityCause]) -> str:
    """e.g. 'activity down 62.5% over 90 days; 1 open incident (PAYMENT_ISSUE); life event: RELOCATION'."""
    parts = [f"activity down {abs(percent):g}% over {days} days"]
    for kind, noun in ((ActivityCauseKind.OPEN_INCIDENT, "open incident"),
                       (ActivityCauseKind.FAILED_PRODUCT_EVENT, "failed product event"),
                       (ActivityCauseKind.SERVICING_OUTCOME, "poor servicing outcome")):
        of_kind = [c for c in causes if c.kind is kind]
        if of_kind:
            parts.append(f"{len(of_kind)} {noun}{'s' if len(of_kind) > 1 else ''} ({', '.join(distinct(of_kind))})")
    life = [c for c in causes if c.kind is ActivityCauseKind.LIFE_EVENT]
    if life:
        parts.append(f"life event{'s' if len(life) > 1 else ''}: {', '.join(distinct(life))}")
    return "; ".join(parts)[:MAX_AGENDA]


def distinct(causes: list[ActivityCause]) -> list[str]:
    return list(dict.fromkeys(c.type for c in causes))
