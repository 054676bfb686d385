"""Per-pool statistics (BIAN Contact Routing analytics): the pool now, and its work over a window.

The figures and the window's rules live in domains/contact_routing/statistics.py, the formulas in
cypher/contact_routing/pool_statistics.cypher and docs/contact-routing.md ("Pool statistics");
the resolver only takes the instant `now` (tests stand in for it here) and shapes the figures.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

import strawberry

from domains.contact_routing.statistics import pool_statistics, statistics_window
from gateway.security.auth import ALL_ROLES, allow
from graph.database import Record
from graph.temporal import now
from resolvers.contact_routing.vocabulary import ResourceStatus
from resolvers.context import Info


@strawberry.type(description="How many members of a pool have one status.")
class MemberStatusCount:
    status: ResourceStatus = strawberry.field(description="The status.")
    count: int = strawberry.field(description="Members with it now; 0 included.")


@strawberry.type(description="Contacts of one priority waiting in a pool's queue.")
class QueuedPriorityCount:
    priority: int = strawberry.field(description="The allocations' priority (request's plus indicators' boost).")
    contacts: int = strawberry.field(description="QUEUED allocations with this priority that QUEUED_IN the pool.")


@strawberry.type(description="A pool at this instant: its members and the contacts waiting, offered and in progress.")
class PoolLiveStatistics:
    members: int = strawberry.field(description="Resources MEMBER_OF the pool.")
    available_resources: int = strawberry.field(
        description="Members with status AVAILABLE and free capacity on at least one channel: capacityPhone, "
                    "capacityChat, capacityVideo, capacityBranch or capacityEmail minus the PENDING and ACCEPTED "
                    "allocations assigned to them on that channel (from any pool).")
    members_by_status: list[MemberStatusCount] = strawberry.field(
        description="Members per status, every status in the order AVAILABLE, BUSY, WRAP_UP, AWAY, OFFLINE.")
    queued: int = strawberry.field(
        description="QUEUED allocations waiting in the pool (a contact eligible for several pools waits in each).")
    queued_by_priority: list[QueuedPriorityCount] = strawberry.field(
        description="The queue per priority, highest first; priorities nobody waits with are left out.")
    longest_wait_seconds: int | None = strawberry.field(
        description="asOf minus the earliest requestedAt among the queued contacts, in whole seconds (waiting "
                    "before a re-route counts); null when nobody waits.")
    offered: int = strawberry.field(description="PENDING allocations of the pool: offered, not yet accepted.")
    active: int = strawberry.field(description="ACCEPTED allocations of the pool: being served.")


@strawberry.type(description="A member's time on the pool's contacts over the window.")
class ResourceOccupancy:
    resource_id: strawberry.ID = strawberry.field(description="The member's identifier, e.g. R000011.")
    name: str = strawberry.field(description="The person's name.")
    handled: int = strawberry.field(
        description="Accepted allocations of the pool with some of their handling time in the window.")
    busy_seconds: float = strawberry.field(
        description="Seconds spent on them: acceptedAt to endedAt (to asOf while still ACCEPTED), clipped to the "
                    "window; concurrent contacts add up.")
    occupancy: float = strawberry.field(
        description="busySeconds / the window's length in seconds, rounded to 4 decimals; above 1 when the member "
                    "serves several contacts at once (e.g. chats).")


@strawberry.type(description="A pool's work over the window [from, to): the allocations IN_POOL, and those "
                             "cancelled while QUEUED_IN it, whose createdAt falls in it, as they stand now.")
class PoolWindowStatistics:
    from_: datetime.datetime = strawberry.field(name="from", description="The window's start, included.")
    to: datetime.datetime = strawberry.field(description="The window's end, excluded.")
    seconds: float = strawberry.field(description="The window's length in seconds.")
    allocations: int = strawberry.field(
        description="Allocations of the pool created in the window (re-routes are allocations of their own).")
    accepted: int = strawberry.field(
        description="Those accepted (acceptedAt set), whatever came after: ACCEPTED, COMPLETED or CANCELLED later.")
    rejected: int = strawberry.field(description="Those with status REJECTED.")
    timed_out: int = strawberry.field(description="Those with status TIMED_OUT (the offer lapsed).")
    completed: int = strawberry.field(description="Those with status COMPLETED.")
    cancelled: int = strawberry.field(description="Those with status CANCELLED, accepted or not.")
    abandoned: int = strawberry.field(description="Those CANCELLED without acceptedAt: the contact gave up.")
    average_speed_of_answer_seconds: float | None = strawberry.field(
        description="Mean of acceptedAt - requestedAt over the accepted ones, in seconds rounded to 1 decimal; "
                    "requestedAt is when the contact first arrived, so waiting before a re-route counts. "
                    "Null when none was accepted.")
    service_level_seconds: int = strawberry.field(
        description="The threshold used: the pool's serviceLevelSeconds (absent reads 20).")
    answered_within_service_level: int = strawberry.field(
        description="Accepted ones with acceptedAt - requestedAt <= serviceLevelSeconds.")
    service_level: float | None = strawberry.field(
        description="answeredWithinServiceLevel / (accepted + abandoned), 0 to 1 rounded to 4 decimals; "
                    "null when nothing was answered or abandoned.")
    acceptance_rate: float | None = strawberry.field(
        description="accepted / (accepted + rejected + timedOut): the share of decided offers taken, 0 to 1 "
                    "rounded to 4 decimals; null when no offer was decided.")
    occupancy: list[ResourceOccupancy] = strawberry.field(
        description="Per current member, by resourceId: its time on the pool's accepted allocations in the window.")

    @classmethod
    def from_record(cls, row: Record, start: datetime.datetime, end: datetime.datetime) -> PoolWindowStatistics:
        figures = {key: row[key] for key in (
            "seconds", "allocations", "accepted", "rejected", "completed", "cancelled", "abandoned")}
        return cls(from_=start, to=end, **figures, timed_out=row["timedOut"],
                   average_speed_of_answer_seconds=row["averageSpeedOfAnswerSeconds"],
                   service_level_seconds=row["serviceLevelSeconds"],
                   answered_within_service_level=row["answeredWithinServiceLevel"],
                   service_level=row["serviceLevel"], acceptance_rate=row["acceptanceRate"],
                   occupancy=[ResourceOccupancy(resource_id=strawberry.ID(m["resourceId"]), name=m["name"],
                                                handled=m["handled"], busy_seconds=m["busySeconds"],
                                                occupancy=m["occupancy"]) for m in row["occupancy"]])


@strawberry.type(description="Statistics of one servicing pool (BIAN Contact Routing analytics): live figures "
                             "at asOf, and the pool's work over a window.")
class ServicingPoolStatistics:
    pool_id: strawberry.ID = strawberry.field(description="The pool's identifier, e.g. POOL-SALES.")
    name: str = strawberry.field(description="The pool's readable name.")
    as_of: datetime.datetime = strawberry.field(description="The instant the live figures were read at (now).")
    live: PoolLiveStatistics = strawberry.field(description="Members, queue, offers and contacts in progress now.")
    window: PoolWindowStatistics = strawberry.field(description="Counts and rates over [from, to).")

    @classmethod
    def from_record(cls, row: Record, as_of: datetime.datetime, start: datetime.datetime,
                    end: datetime.datetime) -> ServicingPoolStatistics:
        return cls(pool_id=strawberry.ID(row["poolId"]), name=row["name"], as_of=as_of,
                   live=_live(row["live"]), window=PoolWindowStatistics.from_record(row["window"], start, end))


def _live(row: dict[str, Any]) -> PoolLiveStatistics:
    return PoolLiveStatistics(
        members=row["members"], available_resources=row["availableResources"],
        members_by_status=[MemberStatusCount(status=ResourceStatus(s["status"]), count=s["count"])
                           for s in row["membersByStatus"]],
        queued=row["queued"],
        queued_by_priority=[QueuedPriorityCount(priority=q["priority"], contacts=q["contacts"])
                            for q in row["queuedByPriority"]],
        longest_wait_seconds=row["longestWaitSeconds"], offered=row["offered"], active=row["active"])


@strawberry.type
class StatisticsQuery:
    @strawberry.field(
        description="Statistics of a servicing pool (BIAN Contact Routing analytics): live members, queue, offers "
                    "and active contacts now, and over [from, to) allocations, outcomes, speed of answer, service "
                    "level, acceptance rate and each member's occupancy. Every role may read it; NOT_FOUND when no "
                    "pool has the id; VALIDATION when to <= from or the window exceeds 366 days.",
        extensions=allow(*ALL_ROLES),
    )
    async def servicing_pool_statistics(
        self, info: Info,
        pool_id: Annotated[strawberry.ID, strawberry.argument(description="The pool's identifier, e.g. POOL-SALES.")],
        from_: Annotated[datetime.datetime | None, strawberry.argument(
            name="from", description="The window's start, included (default: 24 hours before `to`; without a "
                                     "zone, UTC).")] = None,
        to: Annotated[datetime.datetime | None, strawberry.argument(
            description="The window's end, excluded (default: now; without a zone, UTC); after `from`, at most "
                        "366 days later.")] = None,
    ) -> ServicingPoolStatistics:
        as_of = now()
        start, end = statistics_window(from_, to, as_of)
        row = await pool_statistics(info.context.db, str(pool_id), as_of, start, end)
        return ServicingPoolStatistics.from_record(row, as_of, start, end)
