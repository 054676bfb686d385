"""servicingPoolStatistics against tests/data/pool_statistics.cypher, read at 2026-03-02 12:00 UTC.

POOL-SERVICING's morning: contact 01 answered by Una in 10 s; 02 rejected by Vic, re-routed and
answered by Una 50 s after it arrived; 04 timed out with Wes, re-routed to Xia and abandoned;
06 answered in 20 s and still in progress; 07 offered to Vic; 08 answered in 30 s (the threshold)
and cancelled 5 minutes later; 09 arrived at 07:50 and was answered in 5 s. Four contacts queue.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from gateway.settings import Settings
from graph.database import Database
from resolvers.contact_routing import statistics
from tests.support import ANALYST, FRONTEND, execute, fails, load_small_bank, run

NOW = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
LIVE = "members availableResources membersByStatus { status count } queued queuedByPriority { priority contacts } " \
       "longestWaitSeconds offered active"
WINDOW = "from to seconds allocations accepted rejected timedOut completed cancelled abandoned " \
         "averageSpeedOfAnswerSeconds serviceLevelSeconds answeredWithinServiceLevel serviceLevel acceptanceRate " \
         "occupancy { resourceId name handled busySeconds occupancy }"
STATISTICS = f"""query ($poolId: ID!, $from: DateTime, $to: DateTime) {{
  servicingPoolStatistics(poolId: $poolId, from: $from, to: $to) {{
    poolId name asOf live {{ {LIVE} }} window {{ {WINDOW} }}
  }}
}}"""
WINDOW_ONLY = f"""query ($poolId: ID!, $from: DateTime, $to: DateTime) {{
  servicingPoolStatistics(poolId: $poolId, from: $from, to: $to) {{ window {{ {WINDOW} }} }}
}}"""
MEMBERS = [("R000101", "Una Ross"), ("R000102", "Vic Shaw"), ("R000103", "Wes Tan"), ("R000104", "Xia Wu"),
           ("R000105", "Yan Li"), ("R000106", "Zoe Kent"), ("R000107", "Abe Cole")]


@pytest.fixture
async def bank(clean_graph: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    await load_small_bank(clean_graph, "pool_statistics")
    monkeypatch.setattr(statistics, "now", lambda: NOW)
    return clean_graph


def occupancy(busy: dict[str, tuple[int, float, float]]) -> list[dict[str, Any]]:
    """Every member by resourceId; those not named in `busy` spent no time on the pool's contacts."""
    return [{"resourceId": resource_id, "name": name, "handled": busy.get(resource_id, (0, 0.0, 0.0))[0],
             "busySeconds": busy.get(resource_id, (0, 0.0, 0.0))[1],
             "occupancy": busy.get(resource_id, (0, 0.0, 0.0))[2]} for resource_id, name in MEMBERS]


async def window(db: Database, settings: Settings, **variables: Any) -> Any:
    data = await run(db, settings, WINDOW_ONLY, poolId="POOL-SERVICING", **variables)
    return data["servicingPoolStatistics"]["window"]


async def test_the_dashboard_shows_the_pool_now_and_over_the_last_24_hours(bank: Database, settings: Settings) -> None:
    result, context = await execute(bank, settings, STATISTICS, {"poolId": "POOL-SERVICING"}, ANALYST)
    assert result.errors is None, result.errors
    assert context.db.round_trips == 1
    assert result.data == {"servicingPoolStatistics": {
        "poolId": "POOL-SERVICING", "name": "Everyday servicing", "asOf": "2026-03-02T12:00:00+00:00",
        "live": {
            "members": 7,
            # Una only: Vic's one phone slot is offered, Abe's one chat slot is held by a collections contact.
            "availableResources": 1,
            "membersByStatus": [{"status": "AVAILABLE", "count": 3}, {"status": "BUSY", "count": 1},
                                {"status": "WRAP_UP", "count": 1}, {"status": "AWAY", "count": 1},
                                {"status": "OFFLINE", "count": 1}],
            "queued": 4,
            "queuedByPriority": [{"priority": 5, "contacts": 2}, {"priority": 2, "contacts": 1},
                                 {"priority": 0, "contacts": 1}],
            "longestWaitSeconds": 1200,  # since 11:40; the 11:00 contact waits in POOL-COLLECTIONS only
            "offered": 1, "active": 1,
        },
        "window": {
            "from": "2026-03-01T12:00:00+00:00", "to": "2026-03-02T12:00:00+00:00", "seconds": 86400.0,
            "allocations": 9, "accepted": 5, "rejected": 1, "timedOut": 1, "completed": 3, "cancelled": 2,
            "abandoned": 1,
            "averageSpeedOfAnswerSeconds": 23.0,  # (10 + 50 + 20 + 30 + 5) / 5
            "serviceLevelSeconds": 30, "answeredWithinServiceLevel": 4,
            "serviceLevel": 0.6667,  # 4 of 5 answered + 1 abandoned
            "acceptanceRate": 0.7143,  # 5 / (5 + 1 rejected + 1 timed out)
            # Una: 1800 + 600 + 1780 (11:30:20 to now) + 1195 (07:50:05 to 08:10); Wes: 300 before he cancelled.
            "occupancy": occupancy({"R000101": (4, 5375.0, 0.0622), "R000103": (1, 300.0, 0.0035)}),
        },
    }}


async def test_the_window_includes_from_excludes_to_and_clips_handling_time_to_it(
        bank: Database, settings: Settings) -> None:
    morning = await window(bank, settings, **{"from": "2026-03-02T08:00:00Z", "to": "2026-03-02T11:30:00Z"})
    assert morning == {
        "from": "2026-03-02T08:00:00+00:00", "to": "2026-03-02T11:30:00+00:00", "seconds": 12600.0,
        # 01 created at 08:00 is in; 09 (07:50) is before; 06 (11:30) and 07 (11:59) are after.
        "allocations": 6, "accepted": 3, "rejected": 1, "timedOut": 1, "completed": 2, "cancelled": 2, "abandoned": 1,
        "averageSpeedOfAnswerSeconds": 30.0, "serviceLevelSeconds": 30, "answeredWithinServiceLevel": 2,
        "serviceLevel": 0.5, "acceptanceRate": 0.6,
        # Una: 09 counts from 08:00 to 08:10 only; 06 was accepted after the window.
        "occupancy": occupancy({"R000101": (3, 3000.0, 0.2381), "R000103": (1, 300.0, 0.0238)}),
    }


async def test_a_contact_still_in_progress_counts_up_to_the_end_of_a_past_window(
        bank: Database, settings: Settings) -> None:
    late = await window(bank, settings, **{"from": "2026-03-02T11:00:00Z", "to": "2026-03-02T11:45:00Z"})
    assert late == {
        "from": "2026-03-02T11:00:00+00:00", "to": "2026-03-02T11:45:00+00:00", "seconds": 2700.0,
        "allocations": 1, "accepted": 1, "rejected": 0, "timedOut": 0, "completed": 0, "cancelled": 0, "abandoned": 0,
        "averageSpeedOfAnswerSeconds": 20.0, "serviceLevelSeconds": 30, "answeredWithinServiceLevel": 1,
        "serviceLevel": 1.0, "acceptanceRate": 1.0,
        "occupancy": occupancy({"R000101": (1, 880.0, 0.3259)}),  # 11:30:20 to 11:45
    }


async def test_a_quiet_window_has_zero_counts_and_no_rates(bank: Database, settings: Settings) -> None:
    quiet = await window(bank, settings, **{"from": "2026-01-01T00:00:00", "to": "2026-01-02T00:00:00"})
    assert quiet == {
        "from": "2026-01-01T00:00:00+00:00", "to": "2026-01-02T00:00:00+00:00", "seconds": 86400.0,  # no zone: UTC
        "allocations": 0, "accepted": 0, "rejected": 0, "timedOut": 0, "completed": 0, "cancelled": 0, "abandoned": 0,
        "averageSpeedOfAnswerSeconds": None, "serviceLevelSeconds": 30, "answeredWithinServiceLevel": 0,
        "serviceLevel": None, "acceptanceRate": None, "occupancy": occupancy({}),
    }


async def test_a_window_of_366_days_reaches_older_contacts(bank: Database, settings: Settings) -> None:
    year = await window(bank, settings, **{"from": "2025-03-01T12:00:00Z"})  # to: now, 366 days later
    assert (year["seconds"], year["allocations"], year["completed"], year["averageSpeedOfAnswerSeconds"]) == (
        366 * 86400.0, 10, 4, 21.7)  # 02-20's contact answered in 15 s: (115 + 15) / 6
    assert year["occupancy"][0] == {"resourceId": "R000101", "name": "Una Ross", "handled": 5,
                                    "busySeconds": 5375.0 + 1185.0, "occupancy": 0.0002}


async def test_an_empty_pool_has_zeros_everywhere_and_the_default_service_level(
        bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, STATISTICS, FRONTEND, poolId="POOL-KYC")
    assert data["servicingPoolStatistics"] == {
        "poolId": "POOL-KYC", "name": "KYC reviews", "asOf": "2026-03-02T12:00:00+00:00",
        "live": {"members": 0, "availableResources": 0,
                 "membersByStatus": [{"status": status, "count": 0}
                                     for status in ("AVAILABLE", "BUSY", "WRAP_UP", "AWAY", "OFFLINE")],
                 "queued": 0, "queuedByPriority": [], "longestWaitSeconds": None, "offered": 0, "active": 0},
        "window": {"from": "2026-03-01T12:00:00+00:00", "to": "2026-03-02T12:00:00+00:00", "seconds": 86400.0,
                   "allocations": 0, "accepted": 0, "rejected": 0, "timedOut": 0, "completed": 0, "cancelled": 0,
                   "abandoned": 0, "averageSpeedOfAnswerSeconds": None, "serviceLevelSeconds": 20,
                   "answeredWithinServiceLevel": 0, "serviceLevel": None, "acceptanceRate": None, "occupancy": []},
    }


async def test_another_pools_figures_are_its_own(bank: Database, settings: Settings) -> None:
    data = await run(bank, settings, STATISTICS, poolId="POOL-COLLECTIONS")
    live = data["servicingPoolStatistics"]["live"]
    assert (live["members"], live["availableResources"], live["queuedByPriority"], live["longestWaitSeconds"],
            live["offered"], live["active"]) == (
        1, 0, [{"priority": 7, "contacts": 1}, {"priority": 2, "contacts": 1}], 3600, 0, 1)
    assert data["servicingPoolStatistics"]["window"]["occupancy"] == [
        {"resourceId": "R000107", "name": "Abe Cole", "handled": 1, "busySeconds": 3595.0, "occupancy": 0.0416}]


async def test_an_unknown_pool_is_not_found(bank: Database, settings: Settings) -> None:
    assert await fails(bank, settings, STATISTICS, poolId="POOL-NOPE") == {
        "message": "no servicing pool has the id POOL-NOPE", "code": "NOT_FOUND", "field": "poolId"}


@pytest.mark.parametrize(("variables", "field", "message"), [
    ({"from": "2026-03-02T08:00:00Z", "to": "2026-03-02T08:00:00Z"}, "to",
     "`to` (2026-03-02T08:00:00+00:00) must be after `from` (2026-03-02T08:00:00+00:00)"),
    ({"from": "2026-03-02T09:00:00Z", "to": "2026-03-02T08:00:00Z"}, "to",
     "`to` (2026-03-02T08:00:00+00:00) must be after `from` (2026-03-02T09:00:00+00:00)"),
    ({"from": "2026-03-02T13:00:00Z"}, "from",
     "`to` (2026-03-02T12:00:00+00:00) must be after `from` (2026-03-02T13:00:00+00:00)"),
    ({"from": "2025-01-01T00:00:00Z", "to": "2026-01-02T00:00:01Z"}, "to",
     "the window spans 366 days, 0:00:01; at most 366 days are allowed"),
    ({"from": "2025-03-01T11:59:59Z"}, "from", "the window spans 366 days, 0:00:01; at most 366 days are allowed"),
])
async def test_a_reversed_empty_or_too_long_window_is_refused(
        bank: Database, settings: Settings, variables: dict[str, str], field: str, message: str) -> None:
    assert await fails(bank, settings, STATISTICS, poolId="POOL-SERVICING", **variables) == {
        "message": message, "code": "VALIDATION", "field": field}
