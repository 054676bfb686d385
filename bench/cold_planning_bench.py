"""What a fresh Neo4j costs the test suite: CPU to start, and CPU to plan every statement of cypher/ once.

The test session starts its own Neo4j and spends most of its time planning statements for the first
time (Neo4j's own counters: about 300 s of planning to 20 s of execution over a `make test`). This
starts a throwaway local Neo4j per JVM option set, applies the schema, runs EXPLAIN on every
statement of cypher/ (seeding, schema and the compiled reads' fragments aside), and prints the JVM's CPU seconds for both,
side by side, with the ratio to the first set.

Planning is not the whole suite: with the client compiler only, `make test` took 16.6 min of pytest
against about 10 without (the heavy routing tests execute slower without the optimizing compiler).
The tests' JVMs keep the optimizing compiler for what is ten times as hot as the defaults ask
(tests/support.py, NEO4J_TEST_JVM_OPTIONS). Measure the whole suite before adopting an option set
(`make bench-suite-cpu`).

    make bench-cold-planning            # the JVM's defaults, the client compiler alone, the tests' set
    make bench-cold-planning ARGS="--slowest 10"   # and the ten statements slowest to plan, per set
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from harness import cpu_seconds

from gateway.settings import Settings
from graph import queries
from graph.constraints import apply_schema
from graph.database import connect
from graph.local_neo4j import LocalNeo4j, free_port
from tests.support import NEO4J_TEST_JVM_OPTIONS

OPTION_SETS = {"defaults": (), "client compiler only": ("-XX:TieredStopAtLevel=1",),
               "the tests' (NEO4J_TEST_JVM_OPTIONS)": NEO4J_TEST_JVM_OPTIONS}
# Not statements on their own: the compiled reads' fragments (resolvers/compiled assembles them).
SKIPPED = {"schema", "seed", "health", "compiled"}


async def plan_every_statement(uri: str) -> dict[str, float]:
    """Each statement's first EXPLAIN, in seconds of wall time: Neo4j plans it then."""
    db = connect(Settings(dev_mode=False).with_neo4j(uri))
    try:
        await db.wait_until_reachable(timeout=120)
        await apply_schema(db)
        names = sorted(str(path.relative_to(queries.CYPHER_DIR).with_suffix(""))
                       for path in queries.CYPHER_DIR.rglob("*.cypher") if not SKIPPED & set(path.parts))
        took = {}
        async with db.driver.session(database=db.name) as session:
            for name in names:
                began = time.perf_counter()
                await (await session.run("EXPLAIN " + queries.load(name))).consume()
                took[name] = time.perf_counter() - began
        return took
    finally:
        await db.close()


def measure(label: str, options: tuple[str, ...], slowest: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="cold-planning-") as home:
        began = time.monotonic()
        with LocalNeo4j(Path(home), free_port(), free_port(), heap="1g", pagecache="256m", jvm_options=options) as neo4j:
            assert neo4j.process is not None
            started = cpu_seconds(neo4j.process.pid)
            ready = time.monotonic()
            took = asyncio.run(plan_every_statement(neo4j.uri))
            planned = cpu_seconds(neo4j.process.pid) - started
        print(f"{label:<22} start {started:5.1f} s CPU ({ready - began:4.1f} s wall)   "
              f"plan {len(took)} statements {planned:5.1f} s CPU ({time.monotonic() - ready:4.1f} s wall)", flush=True)
        for name, seconds in sorted(took.items(), key=lambda item: -item[1])[:slowest]:
            print(f"    {seconds * 1000:7.0f} ms  cypher/{name}.cypher", flush=True)
        return started, planned


def main() -> None:
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # EXPLAIN without parameters warns per statement
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slowest", type=int, default=0, metavar="N",
                        help="also list the N statements slowest to plan (their first EXPLAIN's wall time)")
    arguments = parser.parse_args()
    figures = {label: measure(label, options, arguments.slowest) for label, options in OPTION_SETS.items()}
    base_start, base_plan = figures["defaults"]
    for label, (start, plan) in figures.items():
        print(f"{label:<22} start x{start / base_start:.2f}   plan x{plan / base_plan:.2f}  (CPU against the defaults)")


if __name__ == "__main__":
    main()
