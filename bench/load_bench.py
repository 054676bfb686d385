"""Seeding throughput: how many graph elements (nodes + relationships) per second.

    .venv/bin/python bench/load_bench.py [--customers 100000] [--seed 42] [--batch-size 2000]

Starts a throwaway local Neo4j on free ports in a temporary directory, applies the schema,
seeds the bank, prints what was created and how fast, and stops the Neo4j. With NEO4J_URI
set it uses that database instead, but only if BENCH_MAY_WIPE=yes, since it wipes it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from gateway.settings import Settings
from graph.constraints import apply_schema
from graph.database import connect
from graph.local_neo4j import LocalNeo4j, free_port
from graph.seed import SeedReport, seed_bank, wipe_graph
from graph.seed.loader import DEFAULT_BATCH_SIZE

TARGET_ELEMENTS_PER_SECOND = 30_000


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="customers per write batch")
    parser.add_argument("--heap", default="2g", help="JVM heap of the throwaway Neo4j")
    parser.add_argument("--pagecache", default="1g", help="page cache of the throwaway Neo4j")
    parser.add_argument("--no-progress", action="store_true")
    return parser.parse_args(argv)


async def run(settings: Settings, args: argparse.Namespace, wipe: bool) -> SeedReport:
    db = connect(settings)
    try:
        await db.wait_until_reachable(timeout=60)
        if wipe:
            await wipe_graph(db)
        await apply_schema(db)
        return await seed_bank(db, args.customers, args.seed, not args.no_progress, batch_size=args.batch_size)
    finally:
        await db.close()


def print_report(report: SeedReport) -> None:
    verdict = "meets" if report.elements_per_second >= TARGET_ELEMENTS_PER_SECOND else "misses"
    print(f"customers      {report.customers:>12,}")
    print(f"nodes          {report.nodes:>12,}")
    print(f"relationships  {report.relationships:>12,}")
    print(f"elements       {report.elements:>12,}")
    print(f"seconds        {report.seconds:>12.1f}")
    print(f"elements/s     {report.elements_per_second:>12,.0f}  ({verdict} the {TARGET_ELEMENTS_PER_SECOND:,}/s target)")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    settings = Settings.from_env()
    if settings.neo4j_uri:
        if os.environ.get("BENCH_MAY_WIPE") != "yes":
            print(f"NEO4J_URI={settings.neo4j_uri} is set and the benchmark wipes the graph: "
                  "set BENCH_MAY_WIPE=yes if that database is disposable, or unset NEO4J_URI", file=sys.stderr)
            return 3
        print_report(asyncio.run(run(settings, args, wipe=True)))
        return 0
    with tempfile.TemporaryDirectory(prefix="seed-bench-neo4j-") as home:
        started = time.perf_counter()
        with LocalNeo4j(Path(home), free_port(), free_port(), heap=args.heap, pagecache=args.pagecache) as local:
            print(f"Neo4j up at {local.uri} in {time.perf_counter() - started:.0f}s", file=sys.stderr)
            report = asyncio.run(run(settings.with_neo4j(local.uri), args, wipe=False))
    print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
