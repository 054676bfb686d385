"""The dispatcher's look at the queue, side by side: `servable_queued_contacts` as this checkout has
it against the same file at another git revision, on the routing bench's bank, in one run.

Every `ROUTING_DISPATCH_INTERVAL_SECONDS` each gateway asks which queued contacts someone could take
now; in a burst the queue holds hundreds of contacts waiting for one full pool. This queues
--queued contacts for the burst desk (cypher/bench/burst_desk.cypher: full, so nobody there can
take them), times both statements in turn for --rounds rounds (the machine is shared: each round
runs them in the other order), prints the median and fastest of each and the ratio, then removes
the contacts it made.

    .venv/bin/python bench/queue_pass_bench.py --against f9ea423~1   # before the grouped check
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from harness import in_neo4j

from domains.contact_routing.dispatch import QUEUE_REVISIT, QUEUE_SETTLE
from gateway.settings import PROJECT_ROOT, Settings
from graph.database import connect
from graph.queries import load

STATEMENT = "contact_routing/servable_queued_contacts"
BURST_DESK = load("bench/burst_desk")
# Contacts of every third customer of the bank, queued for the desk's pool; marked for removal.
QUEUE = """
MATCH (p:ServicingPool {poolId: 'POOL-BURST'})
UNWIND range(1, $queued) AS n
MATCH (c:Customer {customerId: 'C' + right('0000000' + toString(n * 3), 7)})
CREATE (a:Allocation {allocationId: 'QUEUE-PASS-' + toString(n), status: 'QUEUED', channel: 'PHONE',
                      language: c.language, priority: n % 3, requestedAt: datetime() + duration({seconds: n}),
                      queuePassBench: true})
CREATE (a)-[:QUEUED_IN]->(p), (a)-[:FOR_CUSTOMER]->(c)
RETURN count(a) AS queued
"""
REMOVE = "MATCH (a:Allocation {queuePassBench: true}) DETACH DELETE a RETURN count(*) AS removed"


def at_revision(revision: str) -> str:
    done = subprocess.run(["git", "-C", str(PROJECT_ROOT), "show", f"{revision}:cypher/{STATEMENT}.cypher"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"git cannot show cypher/{STATEMENT}.cypher at {revision}: {done.stderr.strip()}")
    return done.stdout


async def measure(settings: Settings, statements: dict[str, str], queued: int, rounds: int) -> dict[str, list[float]]:
    db = connect(settings)
    try:
        await db.wait_until_reachable(60)
        await db.write(BURST_DESK, members=30)
        await db.write(REMOVE)
        print(f"queued {(await db.write(QUEUE, queued=queued))[0]['queued']} contacts for the burst desk",
              file=sys.stderr)
        seconds: dict[str, list[float]] = {name: [] for name in statements}
        answers: dict[str, list[str]] = {}
        try:
            for round_ in range(rounds + 1):  # the first round plans both and is not counted
                order = list(statements.items())
                for name, text in order if round_ % 2 else reversed(order):
                    started = time.perf_counter()
                    rows = await db.read(text, resourceId=None, examined=[], limit=10,  # an older text ignores revisitBefore
                                          revisitBefore=datetime.datetime.now(datetime.UTC) - QUEUE_REVISIT,
                                          settle=QUEUE_SETTLE)
                    if round_:
                        seconds[name].append(time.perf_counter() - started)
                    answers[name] = [row["allocationId"] for row in rows]
        finally:
            await db.write(REMOVE)
        if len({tuple(a) for a in answers.values()}) != 1:
            raise SystemExit(f"the statements answered differently: {answers}")
        return seconds
    finally:
        await db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", required=True, help="the git revision whose statement to compare with")
    parser.add_argument("--customers", type=int, default=100_000, help="the routing bench's bank (make bench-routing)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--queued", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=12)
    args = parser.parse_args()
    statements = {args.against: at_revision(args.against), "this checkout": load(STATEMENT)}
    name = f"bench-routing-{args.customers}"
    if not (PROJECT_ROOT / ".cache" / "neo4j" / name / f"{name}.json").is_file():
        raise SystemExit(f"no routing bank of {args.customers:,} customers yet: run make bench-routing first")

    async def run(settings: Settings, may_wipe: bool, load_data: bool) -> dict[str, list[float]]:
        return await measure(settings, statements, args.queued, args.rounds)

    seconds = in_neo4j(name, {"customers": args.customers, "seed": args.seed}, "3g", "2g", run)
    medians = {label: statistics.median(times) for label, times in seconds.items()}
    for label, times in seconds.items():
        print(f"{label:>16}: median {medians[label] * 1000:.1f} ms, fastest {min(times) * 1000:.1f} ms "
              f"({len(times)} rounds, {args.queued:,} queued)")
    print(f"ratio (this checkout / {args.against}): {medians['this checkout'] / medians[args.against]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
