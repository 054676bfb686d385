"""The four cases of `make bench-vs-neo4j-graphql` (bench/vs_neo4j_graphql_bench.py): each question
as the gateway's GraphQL, @neo4j/graphql's GraphQL and the hand-written floor statement, with a fixed
rotating list of requests. Apart from the benchmark so that tests can compile the very same documents
(tests/resolvers/compiled/test_compiled_http.py checks their plans)."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.queries import load
from resolvers.pagination import encode_cursor

SEGMENTS = ("MASS", "AFFLUENT", "PREMIER", "PRIVATE", "SMALL_BUSINESS", "CORPORATE")
# Indicators "in force" at one fixed instant, passed to all three: the day benchmark banks are seeded
# for (graph/seed/generator.REFERENCE_INSTANT), so answers do not drift with the calendar.
AT = "2026-01-01T00:00:00Z"
ROTATION = 48  # requests in each case's fixed rotating list

CUSTOMER_360 = load("bench/customer_360")
SEGMENT_PAGE = load("bench/segment_page")
HOUSEHOLD_PAGE = load("bench/household_page")
PROFILE_AND_EVENTS = load("bench/profile_and_events")
ROUND_TRIP = load("bench/round_trip")


# The same fields in each system's GraphQL: the gateway's schema, and @neo4j/graphql's generated one
# (relationship properties through connections, a household as a list of at most one).
HOLDINGS = ("holdings { since status product { productId name family } }",
            "holdsConnection { edges { properties { since status } node { productId name family } } }")
HOUSEHOLD = ("household { householdId name role members { role customer { customerId name } } }",
             "householdsConnection { edges { properties { role } node { householdId name "
             "membersConnection { edges { properties { role } node { customerId name } } } } } }")
RELATED = ("relatedParties { role kind since party { customerId name } }",
           "relatedByConnection { edges { properties { kind since } node { customerId name } } } "
           "relatedToConnection { edges { properties { kind since } node { customerId name } } }")
INDICATORS = ("routingProfile(at: $at) { activeIndicators { indicatorId type value validFrom validTo } }",
              "profiles { indicators(where: {validFrom: {lte: $at}, OR: [{validTo: {eq: null}}, {validTo: {gt: $at}}]}) "
              "{ indicatorId type value validFrom validTo } }")
EVENTS = ("events(first: 10) { edges { node { eventId category type occurredAt channel } } }",
          "eventLogs { events(sort: [{occurredAt: DESC}, {eventId: DESC}], limit: 10) "
          "{ eventId category type occurredAt channel } }")
GATEWAY, NGQL = 0, 1


def fields(which: int, *parts: tuple[str, str], plain: str = "customerId name kind segment status") -> str:
    return " ".join([plain, *(part[which] for part in parts)])


def full(which: int) -> str:
    return fields(which, HOLDINGS, HOUSEHOLD, RELATED, INDICATORS)


# Requests: one question put to the three systems, each in its own terms


@dataclass(frozen=True)
class Request:
    gateway: dict[str, Any]  # GraphQL variables
    ngql: dict[str, Any]
    floor: dict[str, Any]  # Cypher parameters


@dataclass(frozen=True)
class Case:
    name: str
    gateway: str  # GraphQL documents
    ngql: str
    floor: LiteralString
    requests: list[Request]
    paged: bool  # the gateway answers a connection (customers) rather than one customer


def at_instant() -> datetime.datetime:
    return datetime.datetime.fromisoformat(AT)


def by_id(ids: list[str]) -> list[Request]:
    return [Request({"id": i, "at": AT}, {"id": i, "at": AT}, {"customerId": i, "at": at_instant()}) for i in ids]


def cursor(after: str) -> str:
    return encode_cursor("customer", after)


def build_cases(customers: int, seed: int) -> list[Case]:
    """The four cases, each with a fixed rotating list of requests (ids and pages that exist)."""
    rng = random.Random(seed)
    ids = [f"C{n:07d}" for n in rng.sample(range(1, customers + 1), min(ROTATION, customers))]
    # Pages start at the beginning or at a random customer in the first 70%, so most are full.
    starts = [0] * len(SEGMENTS) + [rng.randint(1, max(1, customers * 7 // 10)) for _ in range(ROTATION - len(SEGMENTS))]
    segment_pages = [Request({"segment": SEGMENTS[i % len(SEGMENTS)], "after": cursor(f"C{n:07d}"), "at": AT},
                             {"segment": SEGMENTS[i % len(SEGMENTS)], "after": f"C{n:07d}", "at": AT},
                             {"segment": SEGMENTS[i % len(SEGMENTS)], "after": f"C{n:07d}", "limit": 20,
                              "at": at_instant()})
                     for i, n in enumerate(starts)]
    household_pages = [Request({"after": cursor(f"C{n:07d}")}, {"after": f"C{n:07d}"}, {"after": f"C{n:07d}", "limit": 10})
                       for n in [0] + [rng.randint(1, max(1, customers - 10)) for _ in range(ROTATION - 1)]]
    profile_events = [Request(r.gateway, r.ngql, {**r.floor, "limit": 10}) for r in by_id(ids[::-1])]
    return [
        Case("customer-360",
             f"query Customer360($id: ID!, $at: DateTime) {{ customer(customerId: $id) {{ {full(GATEWAY)} }} }}",
             f"query Customer360($id: String!, $at: DateTime!) {{ customers(where: {{customerId: {{eq: $id}}}}) "
             f"{{ {full(NGQL)} }} }}",
             CUSTOMER_360, by_id(ids), paged=False),
        Case("segment-page",
             f"query SegmentPage($segment: Segment!, $after: String, $at: DateTime) {{ customers(first: 20, "
             f"after: $after, filter: {{segment: $segment}}) {{ edges {{ node {{ {full(GATEWAY)} }} }} }} }}",
             f"query SegmentPage($segment: String!, $after: String!, $at: DateTime!) {{ customers(where: "
             f"{{segment: {{eq: $segment}}, customerId: {{gt: $after}}}}, sort: [{{customerId: ASC}}], limit: 20) "
             f"{{ {full(NGQL)} }} }}",
             SEGMENT_PAGE, segment_pages, paged=True),
        Case("household-page",
             f"query HouseholdPage($after: String) {{ customers(first: 10, after: $after) {{ edges {{ node "
             f"{{ {fields(GATEWAY, HOUSEHOLD, HOLDINGS, plain='customerId name')} }} }} }} }}",
             f"query HouseholdPage($after: String!) {{ customers(where: {{customerId: {{gt: $after}}}}, "
             f"sort: [{{customerId: ASC}}], limit: 10) {{ {fields(NGQL, HOUSEHOLD, HOLDINGS, plain='customerId name')} }} }}",
             HOUSEHOLD_PAGE, household_pages, paged=True),
        Case("profile-events",
             f"query ProfileAndEvents($id: ID!, $at: DateTime) {{ customer(customerId: $id) "
             f"{{ {fields(GATEWAY, INDICATORS, EVENTS, plain='customerId name')} }} }}",
             f"query ProfileAndEvents($id: String!, $at: DateTime!) {{ customers(where: {{customerId: {{eq: $id}}}}) "
             f"{{ {fields(NGQL, INDICATORS, EVENTS, plain='customerId name')} }} }}",
             PROFILE_AND_EVENTS, profile_events, paged=False),
    ]


def fixed_cost_case() -> Case:
    """What every request costs whatever it asks: `{ __typename }` over HTTP on each GraphQL server (no
    database), and for the floor one round trip to Neo4j that reads nothing. A case's p50 less it is
    the part that grows with the question."""
    return Case("fixed-cost", "{ __typename }", "{ __typename }", ROUND_TRIP, [Request({}, {}, {"one": 1})], paged=False)
