"""A mutation's read-back, compiled against the resolvers' (resolvers/compiled/payload.py), side by side.

Starts a throwaway local Neo4j with the tests' small bank and routing profiles, then runs
`updatePartyRoutingProfile` with a full PartyState selection (indicators, history, review requests)
in process, alternating the compiled read-back and the resolvers' in rounds so that machine noise
falls on both alike. Prints each one's median and p90 per mutation, its round trips, and the ratio.

    make bench-payload                      # 300 rounds
    make bench-payload ARGS="--rounds 1000"
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from harness import percentile

from gateway.security.auth import ALL_ROLES, Principal
from gateway.settings import Settings
from graph.constraints import apply_schema
from graph.database import connect
from graph.local_neo4j import LocalNeo4j, free_port
from tests.support import execute, load_small_bank

INDICATOR = "indicatorId category type value narrative validFrom validTo capturedAt source capturedBy closedAt closedBy"
UPDATE = f"""mutation ($note: String) {{ updatePartyRoutingProfile(partyStateId: "PS-C0000001", changes: {{note: $note}}) {{
  partyStateId customerId version updatedAt note activeIndicators {{ {INDICATOR} }} history {{ {INDICATOR} }}
  reviewRequests {{ reviewRequestId reason status requestedAt }} }} }}"""


async def run(uri: str, rounds: int) -> None:
    settings = Settings(dev_mode=False, rate_limit_per_minute=0).with_neo4j(uri)
    db = connect(settings)
    try:
        await db.wait_until_reachable(timeout=120)
        await apply_schema(db)
        await load_small_bank(db, "routing_profiles", "compiled_reads")
        ways = {"compiled": settings, "resolvers": dataclasses.replace(settings, compiled_reads=False)}
        took: dict[str, list[float]] = {way: [] for way in ways}
        trips: dict[str, int] = {}
        for round_ in range(rounds + 20):  # the first 20: warm-up, not counted
            for way, chosen in ways.items() if round_ % 2 else reversed(ways.items()):
                began = time.perf_counter()
                result, context = await execute(db, chosen, UPDATE, {"note": f"round {round_}"},
                                                Principal("bench", ALL_ROLES))
                spent = time.perf_counter() - began
                assert result.errors is None, result.errors
                trips[way] = context.db.round_trips
                if round_ >= 20:
                    took[way].append(spent)
        for way, seconds in took.items():
            print(f"{way:<10} median {statistics.median(seconds) * 1000:6.2f} ms   p90 {percentile(seconds, 90) * 1000:6.2f} ms"
                  f"   round trips {trips[way]}")
        print(f"compiled/resolvers median x{statistics.median(took['compiled']) / statistics.median(took['resolvers']):.2f}")
    finally:
        await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=300)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="payload-bench-") as home, \
            LocalNeo4j(Path(home), free_port(), free_port(), heap="1g", pagecache="256m") as neo4j:
        asyncio.run(run(neo4j.uri, arguments.rounds))


if __name__ == "__main__":
    main()
