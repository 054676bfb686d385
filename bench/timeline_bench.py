"""Timeline latency: Customer.events for a customer with 100,000 events and one with 10.

    .venv/bin/python bench/timeline_bench.py [--events 100000] [--small-events 10]
        [--background 2000] [--background-events 25] [--repeats 300] [--seed 42]

Loads C0000001 with --events events, C0000002 with --small-events and --background more
customers with about --background-events each (written through the seed's own statements,
batched UNWINDs with a progress bar), then times `customer { events }` through the GraphQL
schema in-process (no HTTP), as a relationship manager: the first page and a deep page (the
cursor 90% down the timeline, found by following endCursors) for both customers, plus a
filtered page on the long timeline. Prints p50/p95/p99 latency per case and the db hits of the
statement (PROFILE), which should not grow with the customer's event count.

The data lives in a local Neo4j under .cache/neo4j/bench-timeline, loaded on the first run and
reused while it holds the same data. With NEO4J_URI set it uses that database: it reuses the
same data, loads into an empty graph, and wipes any other only if BENCH_MAY_WIPE=yes.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from harness import BenchError, in_neo4j, percentile
from tqdm import tqdm

from domains.customer_event_history.timeline import EVENTS_OF_CUSTOMERS
from gateway.security.auth import Principal, Role
from gateway.settings import Settings
from graph import queries
from graph.constraints import apply_schema
from graph.database import Database, connect
from graph.seed import wipe_graph
from graph.seed.chance import Weighted
from graph.seed.events import CATALOG, EVENT_LABELS
from graph.seed.generator import REFERENCE_INSTANT
from resolvers.context import Context
from resolvers.customer_event_history import EventCategory, timeline_page
from resolvers.pagination import decode_cursor
from resolvers.schema import build_schema

CREATE_CUSTOMERS = queries.load("seed/create_customers")
CREATE_EVENTS = queries.load("seed/create_events")
COUNT_EVENTS = "MATCH (e:Event) RETURN count(e) AS events"
COUNT_TIMELINES = "UNWIND $customerIds AS id RETURN id, count { MATCH (e:Event) WHERE e.customerId = id } AS events"
BIG, SMALL = "C0000001", "C0000002"
HISTORY_SECONDS = 5 * 365 * 24 * 3600
BATCH = 10_000
CATEGORY = Weighted({"SERVICING": 45, "PRODUCT_PROCESSING": 20, "SALES": 12, "RELATIONSHIP": 10, "LIFE": 9, "FRAUD": 4})
EVENTS = """
query ($id: ID!, $first: Int, $after: String, $categories: [EventCategory!]) {
  customer(customerId: $id) {
    events(first: $first, after: $after, categories: $categories) {
      edges { cursor node { eventId category type occurredAt channel record result } }
      pageInfo { hasNextPage endCursor }
    }
  }
}
"""


@dataclass(frozen=True)
class Case:
    name: str
    customer_id: str
    after: str | None = None
    categories: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Result:
    case: Case
    seconds: list[float]
    db_hits: int
    returned: int

    def percentile(self, p: int) -> float:
        return percentile(self.seconds, p)

    def row(self) -> str:
        ms = 1000.0
        return (f"{self.case.name:<38} {self.percentile(50) * ms:>8.2f} {self.percentile(95) * ms:>8.2f} "
                f"{self.percentile(99) * ms:>8.2f} {statistics.fmean(self.seconds) * ms:>8.2f} {self.db_hits:>8,} "
                f"{self.returned:>6}")


HEADER = f"{'case':<38} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'db hits':>8} {'events':>6}"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="events of the long-history customer")
    parser.add_argument("--small-events", type=int, default=10, help="events of the short-history customer")
    parser.add_argument("--background", type=int, default=2_000, help="other customers in the graph")
    parser.add_argument("--background-events", type=int, default=25, help="events per other customer, on average")
    parser.add_argument("--seed", type=int, default=42, help="random seed of the data")
    parser.add_argument("--first", type=int, default=20, help="page size timed")
    parser.add_argument("--repeats", type=int, default=300, help="timed requests per case")
    parser.add_argument("--warmup", type=int, default=200, help="requests per case run first and not timed")
    parser.add_argument("--heap", default="2g", help="JVM heap of the local Neo4j")
    parser.add_argument("--pagecache", default="1g", help="page cache of the local Neo4j")
    parser.add_argument("--no-progress", action="store_true")
    return parser.parse_args(argv)


def wanted_data(args: argparse.Namespace) -> dict[str, int]:
    return {"events": args.events, "smallEvents": args.small_events, "background": args.background,
            "backgroundEvents": args.background_events, "seed": args.seed}


# Data


def customer_row(number: int) -> dict[str, Any]:
    customer_id = f"C{number:07d}"
    return {"customerId": customer_id, "name": f"Timeline Customer {number}", "kind": "PERSON", "segment": "MASS",
            "status": "ACTIVE", "language": "en", "country": "GB", "customerSince": "2015-01-01",
            "profileCreatedAt": int((REFERENCE_INSTANT - timedelta(days=3650)).timestamp())}


def event_rows(rng: random.Random, customer_id: str, count: int) -> list[dict[str, Any]]:
    """`count` events of the last five years at whole seconds (so some share an instant), numbered oldest first."""
    newest = int(REFERENCE_INSTANT.timestamp())
    instants = sorted(newest - rng.randrange(HISTORY_SECONDS) for _ in range(count))
    rows = []
    for number, occurred_at in enumerate(instants, start=1):
        kind = rng.choice(CATALOG[CATEGORY.pick(rng)])
        rows.append({
            "eventLogId": f"EL-{customer_id}", "eventId": f"EV-{customer_id}-{number:06d}", "customerId": customer_id,
            "label": EVENT_LABELS[kind.category], "category": kind.category, "type": kind.type,
            "occurredAt": occurred_at, "channel": "WEB", "record": kind.record, "result": kind.results[0],
            "productId": None, "resourceId": None,
        })
    return rows


def all_events(args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    rng = random.Random(args.seed)
    yield from event_rows(rng, BIG, args.events)
    yield from event_rows(rng, SMALL, args.small_events)
    for number in range(3, args.background + 3):
        yield from event_rows(rng, f"C{number:07d}", rng.randint(0, 2 * args.background_events))


def batches(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


async def load_data(db: Database, args: argparse.Namespace) -> None:
    customers = [customer_row(n) for n in range(1, args.background + 3)]
    for batch in batches(iter(customers), BATCH):
        await db.write(CREATE_CUSTOMERS, rows=batch)
    events = list(all_events(args))
    started = time.perf_counter()
    with tqdm(total=len(events), unit="event", desc="events", disable=args.no_progress, file=sys.stderr) as bar:
        for batch in batches(iter(events), BATCH):
            await db.write(CREATE_EVENTS, rows=batch)
            bar.update(len(batch))
    held = (await db.read(COUNT_EVENTS))[0]["events"]
    print(f"Loaded {len(customers):,} customers and {held:,} events in {time.perf_counter() - started:.0f}s",
          file=sys.stderr)


async def ensure_data(db: Database, args: argparse.Namespace, may_wipe: bool, fresh: bool) -> None:
    """Leave the graph holding the benchmark's data: reuse it, or load it (wiping if allowed)."""
    await db.wait_until_reachable(timeout=60)
    await apply_schema(db)  # before counting, so the count seeks the timeline index
    held = (await db.read(COUNT_EVENTS))[0]["events"]
    timelines = {row["id"]: row["events"] for row in await db.read(COUNT_TIMELINES, customerIds=[BIG, SMALL])}
    if timelines == {BIG: args.events, SMALL: args.small_events} and not fresh:
        print(f"Reusing the {held:,} events already in the graph", file=sys.stderr)
        return
    if held:
        if not may_wipe:
            raise BenchError(f"the graph holds {held:,} events; set BENCH_MAY_WIPE=yes to let the benchmark wipe it")
        print(f"Wiping {held:,} events and the rest of the graph...", file=sys.stderr)
        await wipe_graph(db)
        await apply_schema(db)
    await load_data(db, args)


# Timing


class Bench:
    """Requests through the GraphQL schema in-process, as a relationship manager (who sees FRAUD events)."""

    def __init__(self, db: Database, settings: Settings, args: argparse.Namespace) -> None:
        self.db, self.settings, self.args = db, settings, args
        self.schema = build_schema()
        self.principal = Principal("bench", frozenset({Role.RELATIONSHIP_MANAGER}))

    async def page(self, case: Case, first: int) -> tuple[float, dict[str, Any]]:
        context = Context(db=self.db.for_request(), principal=self.principal, settings=self.settings)
        variables = {"id": case.customer_id, "first": first, "after": case.after,
                     "categories": None if case.categories is None else list(case.categories)}
        started = time.perf_counter()
        result = await self.schema.execute(EVENTS, variable_values=variables, context_value=context)
        elapsed = time.perf_counter() - started
        if result.errors or not result.data:
            raise BenchError(f"{case.name} failed: {result.errors}")
        events: dict[str, Any] = result.data["customer"]["events"]
        return elapsed, events

    async def cursor_at(self, customer_id: str, depth: int) -> str:
        """The cursor of the customer's `depth`-th newest event, following endCursors 100 at a time.

        On the way it checks the keyset order: strictly newest first and every event once.
        """
        after, seen, last = None, 0, None
        with tqdm(total=depth, unit="event", desc=f"walking {customer_id}", disable=self.args.no_progress,
                  file=sys.stderr) as bar:
            while True:
                _, page = await self.page(Case("walk", customer_id, after), min(100, depth - seen))
                for edge in page["edges"]:
                    key = edge["node"]["occurredAt"], edge["node"]["eventId"]
                    if last is not None and not key < last:
                        raise BenchError(f"the timeline of {customer_id} is out of order at {key} after {last}")
                    last = key
                seen += len(page["edges"])
                bar.update(len(page["edges"]))
                if seen >= depth or not page["pageInfo"]["hasNextPage"]:
                    cursor: str = page["pageInfo"]["endCursor"]
                    return cursor
                after = page["pageInfo"]["endCursor"]

    async def db_hits(self, case: Case) -> int:
        page = timeline_page(self.principal, self.args.first, case.after,
                             None if case.categories is None else [EventCategory[c] for c in case.categories],
                             None, None, None)
        async with self.db.driver.session(database=self.db.name) as session:
            result = await session.run(f"PROFILE {EVENTS_OF_CUSTOMERS}", customerIds=[case.customer_id], **page.params())
            summary = await result.consume()
        return _hits(summary.profile or {})

    async def time(self, case: Case) -> Result:
        for _ in range(self.args.warmup):
            await self.page(case, self.args.first)
        seconds, returned = [], 0
        for _ in tqdm(range(self.args.repeats), desc=case.name, unit="request", disable=self.args.no_progress,
                      file=sys.stderr):
            elapsed, page = await self.page(case, self.args.first)
            seconds.append(elapsed)
            returned = len(page["edges"])
        return Result(case, seconds, await self.db_hits(case), returned)


def _hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(_hits(child) for child in plan.get("children", []))


async def cases(bench: Bench, args: argparse.Namespace) -> list[Case]:
    big_deep = await bench.cursor_at(BIG, args.events * 9 // 10)
    small_deep = await bench.cursor_at(SMALL, max(1, args.small_events * 9 // 10))
    depth = (decode_cursor("event", big_deep) or "").partition("|")[0]
    print(f"deep cursor of {BIG}: 90% down, at {depth}", file=sys.stderr)
    return [
        Case(f"{args.events:,} events, first page", BIG),
        Case(f"{args.events:,} events, deep page (90%)", BIG, big_deep),
        Case(f"{args.small_events:,} events, first page", SMALL),
        Case(f"{args.small_events:,} events, deep page (90%)", SMALL, small_deep),
        Case(f"{args.events:,} events, LIFE only (~9%)", BIG, categories=("LIFE",)),
    ]


async def run(settings: Settings, args: argparse.Namespace, may_wipe: bool, fresh: bool = False) -> list[Result]:
    db = connect(settings)
    try:
        await ensure_data(db, args, may_wipe, fresh)
        bench = Bench(db, settings, args)
        return [await bench.time(case) for case in await cases(bench, args)]
    finally:
        await db.close()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        results = in_neo4j("bench-timeline", wanted_data(args), args.heap, args.pagecache,
                           lambda settings, may_wipe, fresh: run(settings, args, may_wipe, fresh))
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    print(f"page size {args.first}, {args.repeats} timed requests per case, as a relationship manager; "
          f"{args.background:,} background customers")
    print(HEADER)
    for result in results:
        print(result.row())
    return 0


if __name__ == "__main__":
    sys.exit(main())
