"""Presenting-check latency: presentingCustomerCheck for random customers, one after another.

    .venv/bin/python bench/presenting_check_bench.py [--customers 20000] [--checks 5000] [--seed 42]

Runs the check through the GraphQL schema in-process (no HTTP), as a front end, so each
timing covers parsing, permission, one read transaction and serialization, and prints
p50/p95/p99 latency and throughput. The demo bank lives in a local Neo4j under
.cache/neo4j/bench-check, seeded on the first run and reused while it holds the same bank
(--customers and --seed). With NEO4J_URI set it uses that database: it reuses a graph
that holds exactly --customers customers, seeds an empty one, and wipes any other only if
BENCH_MAY_WIPE=yes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from harness import BenchError, in_neo4j, percentile
from tqdm import tqdm

from gateway.security.auth import Principal, Role
from gateway.settings import Settings
from graph import queries
from graph.constraints import apply_schema
from graph.database import Database, connect
from graph.seed import seed_bank, wipe_graph
from graph.seed.generator import REFERENCE_INSTANT
from resolvers.context import Context
from resolvers.schema import build_schema

COUNT_SEEDED = queries.load("seed/count_seeded")
CHECK = """
query ($id: ID!) {
  presentingCustomerCheck(customerId: $id) {
    exists active customerStatus segment salesBlocked priorityBoost withheldIndicators
    requiredSkills { code minProficiency } routesTo { poolId }
    blockingIndicators { type value } steeringIndicators { type value }
  }
}
"""


@dataclass(frozen=True)
class Timings:
    seconds: list[float]
    wall: float

    def percentile(self, p: int) -> float:
        return percentile(self.seconds, p)

    def report(self) -> str:
        ms = 1000.0
        return "\n".join([
            f"checks         {len(self.seconds):>10,}",
            f"p50            {self.percentile(50) * ms:>10.2f} ms",
            f"p95            {self.percentile(95) * ms:>10.2f} ms",
            f"p99            {self.percentile(99) * ms:>10.2f} ms",
            f"mean           {statistics.fmean(self.seconds) * ms:>10.2f} ms",
            f"max            {max(self.seconds) * ms:>10.2f} ms",
            f"throughput     {len(self.seconds) / self.wall:>10,.0f} checks/s (sequential, one client)",
        ])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=20_000, help="customers in the demo bank")
    parser.add_argument("--seed", type=int, default=42, help="random seed of the bank and of the ids checked")
    parser.add_argument("--checks", type=int, default=5_000, help="checks timed")
    parser.add_argument("--warmup", type=int, default=500, help="checks run first and not timed")
    parser.add_argument("--heap", default="2g", help="JVM heap of the local Neo4j")
    parser.add_argument("--pagecache", default="1g", help="page cache of the local Neo4j")
    parser.add_argument("--no-progress", action="store_true")
    return parser.parse_args(argv)


async def ensure_bank(db: Database, args: argparse.Namespace, may_wipe: bool, fresh: bool = False) -> None:
    """Leave the graph holding a demo bank of --customers customers: reuse it, or seed it (wiping if allowed)."""
    await db.wait_until_reachable(timeout=60)
    held = (await db.read(COUNT_SEEDED))[0]["customers"]
    if held == args.customers and not fresh:
        print(f"Reusing the bank of {held:,} customers already in the graph", file=sys.stderr)
        return
    if held:
        if not may_wipe:
            raise BenchError(f"the graph holds {held:,} customers, not {args.customers:,}; set BENCH_MAY_WIPE=yes "
                             "to let the benchmark wipe it, or pass --customers to match it")
        print(f"Wiping the bank of {held:,} customers...", file=sys.stderr)
        await wipe_graph(db)
    await apply_schema(db)
    # A fixed day, not the load day: benchmark banks are reused across days and queried at this instant.
    report = await seed_bank(db, args.customers, args.seed, not args.no_progress, reference=REFERENCE_INSTANT)
    print(f"Seeded {report.customers:,} customers in {report.seconds:.0f}s", file=sys.stderr)


TimeFields = Callable[[Database, Settings, argparse.Namespace], Awaitable[list[str]]]


def time_on_demo_bank(bank: str, args: argparse.Namespace, time_fields: TimeFields, heading: str) -> int:
    """The usual bench main: the demo bank of --customers (seeded or reused in .cache/neo4j/`bank`,
    or NEO4J_URI), `time_fields` run on it, and its lines printed under `heading`."""

    async def run(settings: Settings, may_wipe: bool, fresh: bool = False) -> list[str]:
        db = connect(settings)
        try:
            await ensure_bank(db, args, may_wipe, fresh)
            return await time_fields(db, settings, args)
        finally:
            await db.close()

    try:
        lines = in_neo4j(bank, {"customers": args.customers, "seed": args.seed}, args.heap, args.pagecache, run)
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    print(heading)
    print("\n".join(lines))
    return 0


async def time_checks(db: Database, settings: Settings, args: argparse.Namespace) -> Timings:
    """Warm up, then time --checks checks of random customers, one at a time."""
    schema = build_schema()
    principal = Principal("bench", frozenset({Role.FRONTEND}))
    pick = random.Random(args.seed)

    async def one() -> float:
        customer_id = f"C{pick.randint(1, args.customers):07d}"
        context = Context(db=db.for_request(), principal=principal, settings=settings)
        started = time.perf_counter()
        result = await schema.execute(CHECK, variable_values={"id": customer_id}, context_value=context)
        elapsed = time.perf_counter() - started
        if result.errors or not result.data or not result.data["presentingCustomerCheck"]["exists"]:
            raise BenchError(f"the check of {customer_id} failed: {result.errors or result.data}")
        if context.db.round_trips != 1:
            raise BenchError(f"the check of {customer_id} took {context.db.round_trips} round trips, not 1")
        return elapsed

    for _ in tqdm(range(args.warmup), desc="warm-up", unit="check", disable=args.no_progress, file=sys.stderr):
        await one()
    started = time.perf_counter()
    seconds = [await one() for _ in tqdm(range(args.checks), desc="checks", unit="check", disable=args.no_progress,
                                         file=sys.stderr)]
    return Timings(seconds, time.perf_counter() - started)


async def run(settings: Settings, args: argparse.Namespace, may_wipe: bool, fresh: bool = False) -> Timings:
    db = connect(settings)
    try:
        await ensure_bank(db, args, may_wipe, fresh)
        return await time_checks(db, settings, args)
    finally:
        await db.close()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        timings = in_neo4j("bench-check", {"customers": args.customers, "seed": args.seed}, args.heap, args.pagecache,
                           lambda settings, may_wipe, fresh: run(settings, args, may_wipe, fresh))
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    print(f"customers      {args.customers:>10,}")
    print(timings.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
