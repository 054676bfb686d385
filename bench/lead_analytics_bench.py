"""Lead analytics latency: leadFunnel, leadConversionByResource, leadAgeing and leadPortfolio on a demo bank.

    .venv/bin/python bench/lead_analytics_bench.py [--customers 100000] [--repeats 50] [--seed 42]

Runs each field through the GraphQL schema in-process (no HTTP), as an analyst, over the last
year of the seeded bank, and prints its p50/p95 latency, the leads it counted and the database
hits of its statement (PROFILE). The demo bank lives in a local Neo4j under
.cache/neo4j/bench-lead-analytics, seeded on the first run and reused while it holds the same bank;
with NEO4J_URI set it uses that database, as bench/presenting_check_bench.py does.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path
from typing import Any, LiteralString

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from harness import BenchError, percentile
from presenting_check_bench import time_on_demo_bank

from gateway.security.auth import Principal, Role
from gateway.settings import Settings
from graph.database import Database
from graph.seed.generator import REFERENCE_INSTANT
from resolvers.context import Context
from resolvers.lead_and_opportunity_management import analytics
from resolvers.schema import build_schema

END = REFERENCE_INSTANT  # the seeded bank's "now"
START = END - datetime.timedelta(days=365)
FIELDS: dict[str, tuple[str, LiteralString, dict[str, Any]]] = {  # name: (GraphQL, its statement, its parameters)
    "leadFunnel": (
        "query ($from: DateTime!, $to: DateTime!) { leadFunnel(from: $from, to: $to) { total { captured } } }",
        analytics.LEAD_FUNNEL, {"from": START, "to": END, "funnel": {"campaignType": None, "productId": None}}),
    "leadConversionByResource": (
        "query ($from: DateTime!, $to: DateTime!) { leadConversionByResource(from: $from, to: $to) "
        "{ resources { closed } } }",
        analytics.LEAD_CONVERSION_BY_RESOURCE,
        {"from": START, "to": END, "conversion": {"resourceId": None, "limit": 20}}),
    "leadAgeing": (
        "query ($at: DateTime) { leadAgeing(at: $at) { openLeads } }",
        analytics.LEAD_AGEING, {"at": END, "bounds": [7, 30, 90], "limit": 10}),
    "leadPortfolio": (
        "query ($at: DateTime) { leadPortfolio(at: $at) { leads } }",
        analytics.LEAD_PORTFOLIO, {"at": END, "portfolio": {
            "statuses": ["CAPTURED"], "classifications": [], "campaignTypes": [], "sources": []}}),
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000, help="customers in the demo bank")
    parser.add_argument("--seed", type=int, default=42, help="random seed of the bank")
    parser.add_argument("--repeats", type=int, default=50, help="timed runs of each field")
    parser.add_argument("--heap", default="2g", help="JVM heap of the local Neo4j")
    parser.add_argument("--pagecache", default="1g", help="page cache of the local Neo4j")
    parser.add_argument("--no-progress", action="store_true")
    return parser.parse_args(argv)


def db_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(db_hits(child) for child in plan.get("children", []))


async def profile(db: Database, statement: LiteralString, parameters: dict[str, Any]) -> int:
    async with db.driver.session(database=db.name) as session:
        result = await session.run("PROFILE " + statement, **parameters)
        plan = (await result.consume()).profile
    return 0 if plan is None else db_hits(plan)


async def time_fields(db: Database, settings: Settings, args: argparse.Namespace) -> list[str]:
    schema = build_schema()
    principal = Principal("bench", frozenset({Role.ANALYST}))
    variables = {"from": START.isoformat(), "to": END.isoformat(), "at": END.isoformat()}
    lines = [f"{'field':<26}{'p50 ms':>10}{'p95 ms':>10}{'db hits':>12}  answer"]
    for name, (query, statement, parameters) in FIELDS.items():
        seconds, answer = [], None
        for _ in range(args.repeats + 5):  # the first five warm the plan cache and are not timed
            context = Context(db=db.for_request(), principal=principal, settings=settings)
            started = time.perf_counter()
            result = await schema.execute(query, variable_values=variables, context_value=context)
            seconds.append(time.perf_counter() - started)
            if result.errors or context.db.round_trips != 1:
                raise BenchError(f"{name} failed or took {context.db.round_trips} round trips: {result.errors}")
            answer = result.data
        timed = seconds[5:]
        lines.append(f"{name:<26}{percentile(timed, 50) * 1000:>10.1f}{percentile(timed, 95) * 1000:>10.1f}"
                     f"{await profile(db, statement, parameters):>12,}  {answer}")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    heading = f"customers {args.customers:,}; window {START:%Y-%m-%d} to {END:%Y-%m-%d}"
    return time_on_demo_bank("bench-lead-analytics", args, time_fields, heading)


if __name__ == "__main__":
    sys.exit(main())
