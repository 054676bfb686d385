"""One statement of cypher/ against an earlier version of itself: planning and execution, side by side.

Starts a throwaway local Neo4j, loads the tests' small bank (tests/data), and runs the statement as
it is now and as it was at a git revision, with the same parameters, alternating the two in rounds
so that machine noise falls on both alike. For each version and parameter set it prints the first
call (Neo4j plans the statement then: parameter types, and the size bucket of a list, are part of a
plan's key) and the median of the rest, then the ratios. Each version's answers must be equal, or
the bench stops: a faster statement that answers otherwise is no improvement.

    make bench-statement ARGS='customer_relationship_management/book_access --against HEAD~1
        --params "{\\"accesses\\": [{\\"customerId\\": \\"C0000001\\"}], \\"resourceId\\": \\"R000301\\"}"'
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, LiteralString, cast

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from gateway.settings import PROJECT_ROOT, Settings
from graph import queries
from graph.constraints import apply_schema
from graph.database import Database, connect
from graph.local_neo4j import LocalNeo4j, free_port
from tests.support import load_small_bank

ROUNDS = 200


def earlier(name: str, revision: str) -> LiteralString:
    path = (queries.CYPHER_DIR / f"{name}.cypher").relative_to(PROJECT_ROOT)
    shown = subprocess.run(["git", "show", f"{revision}:{path}"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    if shown.returncode != 0:
        raise SystemExit(f"cannot read {path} at {revision}: {shown.stderr.strip()}")
    return cast(LiteralString, shown.stdout)


async def compare(db: Database, versions: dict[str, LiteralString], parameter_sets: list[dict[str, Any]]) -> None:
    for number, parameters in enumerate(parameter_sets, 1):
        first: dict[str, float] = {}
        rest: dict[str, list[float]] = {label: [] for label in versions}
        answers: dict[str, Any] = {}
        for round_ in range(ROUNDS + 1):
            for label, text in versions.items() if round_ % 2 else reversed(versions.items()):
                began = time.perf_counter()
                rows = await db.read(text, **parameters)
                took = time.perf_counter() - began
                if round_ == 0:
                    first[label], answers[label] = took, rows
                else:
                    rest[label].append(took)
        if len({json.dumps(rows, sort_keys=True, default=str) for rows in answers.values()}) != 1:
            raise SystemExit(f"parameter set {number}: the versions answer differently: {answers}")
        print(f"parameter set {number}: {json.dumps(parameters)}")
        for label in versions:
            print(f"  {label:<10} first call {first[label] * 1000:8.1f} ms   median {statistics.median(rest[label]) * 1000:6.2f} ms")
        now, then = list(versions)
        print(f"  now/then   first call x{first[now] / first[then]:.2f}   "
              f"median x{statistics.median(rest[now]) / statistics.median(rest[then]):.2f}", flush=True)


async def run(uri: str, versions: dict[str, LiteralString], parameter_sets: list[dict[str, Any]],
              extras: list[str]) -> None:
    db = connect(Settings(dev_mode=False).with_neo4j(uri))
    try:
        await db.wait_until_reachable(timeout=120)
        await apply_schema(db)
        await load_small_bank(db, *extras)
        await compare(db, versions, parameter_sets)
    finally:
        await db.close()


def main() -> None:
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("statement", help="its name under cypher/, without .cypher")
    parser.add_argument("--against", default="HEAD", metavar="REVISION", help="the git revision to compare with")
    parser.add_argument("--params", action="append", required=True, metavar="JSON",
                        help="a parameter set as a JSON object; give several to compare on each")
    parser.add_argument("--extras", nargs="*", default=["routing_profiles"],
                        help="tests/data files loaded after the small bank")
    arguments = parser.parse_args()
    versions = {"now": queries.load(arguments.statement),
                arguments.against: earlier(arguments.statement, arguments.against)}
    parameter_sets = [json.loads(text) for text in arguments.params]
    with tempfile.TemporaryDirectory(prefix="statement-bench-") as home, \
            LocalNeo4j(Path(home), free_port(), free_port(), heap="1g", pagecache="256m") as neo4j:
        asyncio.run(run(neo4j.uri, versions, parameter_sets, arguments.extras))


if __name__ == "__main__":
    main()
