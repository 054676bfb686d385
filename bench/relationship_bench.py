"""Relationship-management latency: books, reviews, plans, analytics, networks and suggestions on a demo bank.

    .venv/bin/python bench/relationship_bench.py [--customers 100000] [--repeats 50] [--seed 42]
    (or: make bench-relationships CUSTOMERS=100000)

Runs each field through the GraphQL schema in-process (no HTTP), as an admin and, for the book
and the activity review, as the relationship manager itself, and prints its p50/p95/max latency,
the size of its answer and its database round trips (context.db.round_trips). The inputs come from
the bank in one read at start: the relationship manager who manages the most customers, an ACTIVE
plan of one of its customers, and, for the network and the path, the household member with the most
related parties that has a related party's related party outside its relations and household.
`at` is the bank's reference instant. The demo bank lives in a local Neo4j under
.cache/neo4j/bench-relationships, seeded on the first run and reused while it holds the same bank;
with NEO4J_URI set it uses that database, as bench/presenting_check_bench.py does.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, LiteralString, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from harness import BenchError, percentile
from presenting_check_bench import time_on_demo_bank

from gateway.security.auth import Principal, Role
from gateway.settings import Settings
from graph.database import Database
from graph.seed.generator import REFERENCE_INSTANT
from resolvers.context import Context
from resolvers.schema import build_schema

WARM_UPS = 5  # untimed rounds over every field first: a fresh JVM and page cache slow whichever field runs first
ADMIN = Principal("bench", frozenset({Role.ADMIN}))
# One read: the busiest relationship manager, an ACTIVE plan in its book, and a path's two ends.
PICK_INPUTS: LiteralString = """
MATCH (rm:ServicingResource {kind: 'RELATIONSHIP_MANAGER'})-[:MANAGES]->(:Customer)
WITH rm, count(*) AS managed ORDER BY managed DESC, rm.resourceId LIMIT 1
CALL (rm) {
  MATCH (rm)-[:MANAGES]->(c:Customer)-[:HAS_PLAN]->(p:RelationshipPlan {status: 'ACTIVE'})
  RETURN c.customerId AS customerId, p.planId AS planId ORDER BY customerId, planId LIMIT 1
}
CALL () {
  MATCH (a:Customer)-[:RELATED_TO]-(:Customer)-[:RELATED_TO]-(b:Customer)
  WHERE a <> b AND (a)-[:MEMBER_OF]->(:Household) AND NOT (a)-[:RELATED_TO]-(b)
    AND NOT (a)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(b)
  WITH a, b, COUNT { (a)-[:RELATED_TO]-() } AS related ORDER BY related DESC, a.customerId, b.customerId LIMIT 1
  RETURN a.customerId AS fromId, b.customerId AS toId
}
RETURN rm.resourceId AS rmId, managed, customerId, planId, fromId, toId
"""
BOOK = """query ($rm: ID) { relationshipManagerBook(resourceId: $rm) {
  managedCustomers { total items { customerId segment valueTier plan { planId status } } }
  coveredCustomers { total items { customerId coveredFor { resourceId } } }
  plansDueForReview { total items { planId reviewDue overdue customer { customerId } } }
  openIncidents { total items { incidentId priority status ageDays } }
  openLeads { total items { leadId status product { productId } } }
  recentContacts { total items { contactId status scheduledAt } } } }"""
REVIEW = """query ($rm: ID, $at: DateTime) { relationshipActivityReview(resourceId: $rm, at: $at) {
  customersReviewed flagged { customerId recent earlier changePercent plan { planId }
  internalCauses { kind reference } externalCauses { kind reference } suggestedAgenda } } }"""
PERFORMANCE = """query ($rm: ID, $at: DateTime) { relationshipManagerPerformance(resourceId: $rm, at: $at) {
  makeUp { customers covered bySegment { key count } byKind { key count } byValueTier { key count }
           averageProductsHeld plansByStatus { key count } }
  performance { leadsWon leadsLost conversionRate contactsHeld incidentsOpened incidentsResolved
                averageResolutionDays goalAttainmentRate eventActivity { recent earlier changePercent } } } }"""
COVERAGE = """{ relationshipPlanCoverage(groupBy: RELATIONSHIP_MANAGER) {
  key managedCustomers withActivePlan coverage withOpenPlan overdueReviews } }"""
ATTAINMENT = """{ relationshipGoalAttainment(groupBy: GOAL_TYPE) {
  key goals notStarted onTrack atRisk achieved missed attainmentRate } }"""
PLAN = """query ($plan: ID!) { relationshipPlan(planId: $plan) {
  planId status reviewDue owner { resourceId } goals { goalId goalType result }
  developmentTasks { taskId status dueOn } incidents { incidentId status priority }
  contacts { contactId status scheduledAt } campaigns { __typename }
  insights { heldProducts { productId } suitedProductCount productCoverageShare
             productProcessingEventsLast90Days creditRating valueTier } } }"""
PLANS = """query ($customer: ID!) { customerRelationshipPlans(customerId: $customer) {
  planId status reviewDue goalCount owner { resourceId } } }"""
NETWORK = """query ($customer: ID!, $depth: Int!) { customerNetwork(customerId: $customer, depth: $depth) {
  truncated nodes { id label caption } edges { from to type kind } } }"""
PATH = """query ($from: ID!, $to: ID!) { customerPath(fromCustomerId: $from, toCustomerId: $to) {
  hops nodes { id label } edges { from to type } } }"""
SUGGESTIONS = """query ($customer: ID!) { productSuggestions(customerId: $customer) {
  salesBlocked suggestions { productId score reasons { source holders } } } }"""


class Case(NamedTuple):
    label: str
    query: str
    variables: dict[str, Any]
    principal: Principal
    size: Callable[[Any], str]  # the answer's data → its size figure


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000, help="customers in the demo bank")
    parser.add_argument("--seed", type=int, default=42, help="random seed of the bank")
    parser.add_argument("--repeats", type=int, default=50, help="timed runs of each field")
    parser.add_argument("--heap", default="2g", help="JVM heap of the local Neo4j")
    parser.add_argument("--pagecache", default="1g", help="page cache of the local Neo4j")
    parser.add_argument("--no-progress", action="store_true")
    return parser.parse_args(argv)


def book_size(book: dict[str, Any]) -> str:
    return " ".join(f"{name} {part['total']}/{len(part['items'])}" for name, part in book.items())


def plan_size(plan: dict[str, Any]) -> str:
    parts = ("goals", "developmentTasks", "incidents", "contacts", "campaigns")
    return " ".join(f"{name} {len(plan[name])}" for name in parts) + f" held {len(plan['insights']['heldProducts'])}"


def review_size(review: dict[str, Any]) -> str:
    return f"reviewed {review['customersReviewed']} flagged {len(review['flagged'])}"


def graph_size(answer: dict[str, Any] | None) -> str:
    if answer is None:
        return "no path"
    hops = f"hops {answer['hops']} " if "hops" in answer else ""
    truncated = " truncated" if answer.get("truncated") else ""
    return f"{hops}nodes {len(answer['nodes'])} edges {len(answer['edges'])}{truncated}"


def cases(inputs: dict[str, Any]) -> list[Case]:
    rm_id, at = inputs["rmId"], REFERENCE_INSTANT.isoformat()
    as_rm = Principal(rm_id, frozenset({Role.RELATIONSHIP_MANAGER}))
    customer = {"customer": inputs["customerId"]}
    return [
        Case("relationshipManagerBook", BOOK, {"rm": rm_id}, ADMIN, book_size),
        Case("relationshipManagerBook (RM)", BOOK, {"rm": rm_id}, as_rm, book_size),
        Case("relationshipActivityReview", REVIEW, {"rm": rm_id, "at": at}, ADMIN, review_size),
        Case("relationshipActivityReview (RM)", REVIEW, {"rm": rm_id, "at": at}, as_rm, review_size),
        Case("relationshipManagerPerformance", PERFORMANCE, {"rm": rm_id, "at": at}, ADMIN,
             lambda p: f"customers {p['makeUp']['customers']} covered {p['makeUp']['covered']}"),
        Case("relationshipPlanCoverage", COVERAGE, {}, ADMIN,
             lambda rows: f"rows {len(rows)} customers {sum(row['managedCustomers'] for row in rows)}"),
        Case("relationshipGoalAttainment", ATTAINMENT, {}, ADMIN,
             lambda rows: f"rows {len(rows)} goals {sum(row['goals'] for row in rows)}"),
        Case("relationshipPlan", PLAN, {"plan": inputs["planId"]}, ADMIN, plan_size),
        Case("customerRelationshipPlans", PLANS, customer, ADMIN, lambda plans: f"plans {len(plans)}"),
        Case("customerNetwork depth 2", NETWORK, {"customer": inputs["fromId"], "depth": 2}, ADMIN, graph_size),
        Case("customerNetwork depth 3", NETWORK, {"customer": inputs["fromId"], "depth": 3}, ADMIN, graph_size),
        Case("customerPath", PATH, {"from": inputs["fromId"], "to": inputs["toId"]}, ADMIN, graph_size),
        Case("productSuggestions", SUGGESTIONS, customer, ADMIN, lambda s: f"suggestions {len(s['suggestions'])}"),
    ]


async def warm_up(db: Database, settings: Settings, all_cases: list[Case]) -> None:
    schema = build_schema()
    for _ in range(WARM_UPS):
        for case in all_cases:
            context = Context(db=db.for_request(), principal=case.principal, settings=settings)
            await schema.execute(case.query, variable_values=case.variables, context_value=context)


async def time_case(db: Database, settings: Settings, case: Case, repeats: int) -> str:
    """One table row: the case run `repeats` times, timed."""
    schema, seconds, size, trips = build_schema(), [], "", 0
    for _ in range(repeats):
        context = Context(db=db.for_request(), principal=case.principal, settings=settings)
        started = time.perf_counter()
        result = await schema.execute(case.query, variable_values=case.variables, context_value=context)
        elapsed = time.perf_counter() - started
        if result.errors:
            return f"{case.label:<33}failed: {result.errors[0].message} (after {elapsed * 1000:.0f} ms)"
        seconds.append(elapsed)
        size, trips = case.size(next(iter(result.data.values()))), context.db.round_trips
    p50, p95, top = percentile(seconds, 50) * 1000, percentile(seconds, 95) * 1000, max(seconds) * 1000
    return f"{case.label:<33}{p50:>9.1f}{p95:>9.1f}{top:>9.1f}{trips:>7}  {size}"


async def time_fields(db: Database, settings: Settings, args: argparse.Namespace) -> list[str]:
    rows = await db.read(PICK_INPUTS)
    if not rows:
        raise BenchError("the bank has no relationship manager with an ACTIVE plan, or no related party's related party")
    inputs = dict(rows[0])
    lines = [f"inputs: {inputs}; at {REFERENCE_INSTANT.isoformat()}; {args.repeats} timed runs each after {WARM_UPS} untimed rounds",
             f"{'field':<33}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'trips':>7}  answer"]
    all_cases = cases(inputs)
    await warm_up(db, settings, all_cases)
    for case in all_cases:
        lines.append(await time_case(db, settings, case, args.repeats))
        print(lines[-1], file=sys.stderr)
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return time_on_demo_bank("bench-relationships", args, time_fields, f"customers {args.customers:,}")


if __name__ == "__main__":
    sys.exit(main())
