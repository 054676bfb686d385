"""The answers of the relationship-plan analytics (analytics.py): plan coverage, goal attainment, a
relationship manager's book make-up and performance. Each is built from the rows of one statement in
cypher/customer_relationship_management/analytics_*.cypher, which already have the answer's shape.
"""

from __future__ import annotations

import enum
from typing import Any

import strawberry

from domains.customer_event_history.analytics import change
from resolvers.customer_relationship_management.book_types import BookResource


@strawberry.enum(description="How plan coverage groups the managed customers.")
class PlanCoverageGrouping(enum.Enum):
    RELATIONSHIP_MANAGER = strawberry.enum_value(
        "RELATIONSHIP_MANAGER", description="One row per relationship manager, keyed by its resourceId.")
    SEGMENT = strawberry.enum_value("SEGMENT", description="One row per customer segment, keyed by its code.")


@strawberry.enum(description="How goal attainment groups the plans' goals (BIAN Goal).")
class GoalAttainmentGrouping(enum.Enum):
    GOAL_TYPE = strawberry.enum_value("GOAL_TYPE", description="One row per BIAN GoalType, keyed by its code.")
    RELATIONSHIP_MANAGER = strawberry.enum_value(
        "RELATIONSHIP_MANAGER", description="One row per plan owner (OWNED_BY), keyed by its resourceId.")
    PLAN_TYPE = strawberry.enum_value("PLAN_TYPE", description="One row per BIAN PlanType, keyed by its code.")


@strawberry.type(description="Plan coverage of one group of managed customers (CRM analytics, an extension).")
class PlanCoverageRow:
    key: str | None = strawberry.field(description="The group: the RM's resourceId or the segment code.")
    label: str | None = strawberry.field(description="The RM's name, or the segment code.")
    managed_customers: int = strawberry.field(description="Customers with a relationship manager (MANAGES).")
    with_active_plan: int = strawberry.field(description="Of them, those with an ACTIVE plan.")
    coverage: float = strawberry.field(description="withActivePlan / managedCustomers, 0 to 1, 4 decimals.")
    with_open_plan: int = strawberry.field(description="Those with an open plan (DRAFT, VERIFIED, ACTIVE, SUSPENDED).")
    overdue_reviews: int = strawberry.field(description="Open plans whose review was due before today (UTC).")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> PlanCoverageRow:
        return cls(key=row["key"], label=row["label"], managed_customers=row["managedCustomers"],
                   with_active_plan=row["withActivePlan"], coverage=row["coverage"],
                   with_open_plan=row["withOpenPlan"], overdue_reviews=row["overdueReviews"])


@strawberry.type(description="How the goals (BIAN Goal) of one group stand (CRM analytics, an extension).")
class GoalAttainmentRow:
    key: str | None = strawberry.field(description="The group: goal type, the owner's resourceId or plan type.")
    label: str | None = strawberry.field(description="The owner's name, or the code again.")
    goals: int = strawberry.field(description="Goals of the group's plans (rejected plans left out).")
    not_started: int = strawberry.field(description="Goals whose BIAN GoalResult is NOT_STARTED.")
    on_track: int = strawberry.field(description="Goals ON_TRACK.")
    at_risk: int = strawberry.field(description="Goals AT_RISK.")
    achieved: int = strawberry.field(description="Goals ACHIEVED.")
    missed: int = strawberry.field(description="Goals MISSED.")
    attainment_rate: float | None = strawberry.field(
        description="achieved / (achieved + missed), 0 to 1, 4 decimals; null while no goal is final.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> GoalAttainmentRow:
        return cls(key=row["key"], label=row["label"], goals=row["goals"], not_started=row["notStarted"],
                   on_track=row["onTrack"], at_risk=row["atRisk"], achieved=row["achieved"], missed=row["missed"],
                   attainment_rate=row["attainmentRate"])


@strawberry.type(description="How many of the book fall under one value (a segment, kind, tier or plan status).")
class BookCount:
    key: str | None = strawberry.field(description="The value; null: none (e.g. no value tier in force).")
    count: int = strawberry.field(description="How many.")

    @classmethod
    def many(cls, rows: list[dict[str, Any]]) -> list[BookCount]:
        return [cls(key=r["key"], count=r["count"]) for r in rows]


@strawberry.type(description="The make-up of a relationship manager's book now (BIAN portfolio analytics).")
class BookMakeUp:
    customers: int = strawberry.field(description="The customers it MANAGES (the book measured here).")
    covered: int = strawberry.field(description="The customers it covers as BACKUP_FOR their RM (not in the figures).")
    by_segment: list[BookCount] = strawberry.field(description="Managed customers per segment, by code.")
    by_kind: list[BookCount] = strawberry.field(description="Managed customers per kind (PERSON, ORGANIZATION).")
    by_value_tier: list[BookCount] = strawberry.field(
        description="Managed customers per VALUE_TIER rating in force; key null: none.")
    average_products_held: float | None = strawberry.field(
        description="ACTIVE products held per managed customer, 2 decimals; null for an empty book.")
    plans_by_status: list[BookCount] = strawberry.field(
        description="The managed customers' relationship plans per status, closed ones included.")


@strawberry.type(description="The book's events in the window against as long a window before it.")
class BookEventActivity:
    recent: int = strawberry.field(description="Events of the managed customers in the window.")
    earlier: int = strawberry.field(description="Events in the window of the same length before it.")
    change_percent: float | None = strawberry.field(
        description="(recent - earlier) / earlier × 100, 1 decimal; null when earlier is 0.")


@strawberry.type(description="What a relationship manager's book achieved over the window (BIAN portfolio analytics).")
class BookPerformance:
    leads_won: int = strawberry.field(description="Leads of the book or owned by the RM that closed WON.")
    leads_lost: int = strawberry.field(description="Those that closed LOST.")
    conversion_rate: float | None = strawberry.field(
        description="leadsWon / (leadsWon + leadsLost), 4 decimals; null when none closed so.")
    contacts_held: int = strawberry.field(description="Plan contacts (BIAN Contact) HELD in the window.")
    incidents_opened: int = strawberry.field(description="Incidents (BIAN Incident) raised in the window.")
    incidents_resolved: int = strawberry.field(description="Incidents resolved in the window.")
    average_resolution_days: float | None = strawberry.field(
        description="Days from raised to resolved of those, 1 decimal; null when none.")
    goal_attainment_rate: float | None = strawberry.field(
        description="ACHIEVED / (ACHIEVED + MISSED) of the book's plan goals, whatever their date; null while none "
                    "is final.")
    event_activity: BookEventActivity = strawberry.field(description="The book's customer events, recent vs earlier.")


@strawberry.type(description="A relationship manager's book: its make-up and performance (CRM analytics).")
class RelationshipManagerPerformance:
    resource: BookResource = strawberry.field(description="Whose book it is.")
    days: int = strawberry.field(description="The window's length in days, ending now.")
    make_up: BookMakeUp = strawberry.field(description="The book's make-up now.")
    performance: BookPerformance = strawberry.field(description="The book's performance over the window.")

    @classmethod
    def from_record(cls, row: dict[str, Any], days: int) -> RelationshipManagerPerformance:
        won, lost = row["leadsWon"], row["leadsLost"]
        percent, _ = change(row["recent"], row["earlier"])
        return cls(
            resource=BookResource.from_record(row["resource"]), days=days,
            make_up=BookMakeUp(customers=row["customers"], covered=row["covered"],
                               by_segment=BookCount.many(row["bySegment"]), by_kind=BookCount.many(row["byKind"]),
                               by_value_tier=BookCount.many(row["byValueTier"]),
                               average_products_held=row["averageProductsHeld"],
                               plans_by_status=BookCount.many(row["plansByStatus"])),
            performance=BookPerformance(
                leads_won=won, leads_lost=lost, conversion_rate=round(won / (won + lost), 4) if won + lost else None,
                contacts_held=row["contactsHeld"], incidents_opened=row["incidentsOpened"],
                incidents_resolved=row["incidentsResolved"], average_resolution_days=row["averageResolutionDays"],
                goal_attainment_rate=row["goalAttainmentRate"],
                event_activity=BookEventActivity(recent=row["recent"], earlier=row["earlier"], change_percent=percent)))
