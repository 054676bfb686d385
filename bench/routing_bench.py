"""Routing-decision latency and throughput: the bare Cypher, the dry run over HTTP, the allocation.

    .venv/bin/python bench/routing_bench.py [--customers 100000] [--scales 1 10] [--requests 1000]
        [--throughput-requests 1000] [--concurrency 4 8] [--warmup 200] [--allocation] [--burst 1000] [--seed 42]

For each scale (customers = --customers * scale; the seed gives about one servicing resource
per 40 customers) it times random routing requests (random customer, channel, product of
interest or none) in two flavours: with a pool purpose, and without one, where every pooled
resource is evaluated. Cases:

  cypher    cypher/contact_routing/routing_candidates.cypher in one read transaction, as the
            decision runs it (rejected resources not ranked)
  graphql   Query.routingCandidates as an HTTP POST to the real app (uvicorn on 127.0.0.1 in a
            thread of this process, so the client shares the interpreter), as a front end, with
            the chosen resource, its path and the candidates
  explained the same query also selecting `rejected`: every searched resource is evaluated so
            the best rejected can be ranked and explained
  allocate  Mutation.requestAllocation over HTTP (--allocation); each allocation is cancelled
            after it is timed, outside the timing, so capacity stays steady
  burst     --burst N concurrent requestAllocation into a full desk, checked for broken
            capacity and lost contacts (bench/routing_burst.py)

Latency: --requests requests one after another (p50/p99/mean/max). Throughput: each
--concurrency level runs --throughput-requests requests from that many concurrent clients,
in rounds of 25 per client (allocations are cancelled between rounds, untimed), and reports
decisions/s. Targets: p99 < 25 ms and >= 200 decisions/s on a 2-core machine.

Each bank lives in a local Neo4j under .cache/neo4j/bench-routing-<customers>, seeded on the
first run and reused while it holds the same bank. With NEO4J_URI set it uses that database
(reused when it holds exactly the bank, wiped for another only if BENCH_MAY_WIPE=yes).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime
import random
import secrets
import statistics
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

import httpx2 as httpx  # starlette 1.x tests use httpx2; the bench shares it
import uvicorn
from harness import BenchError, in_neo4j, percentile
from presenting_check_bench import ensure_bank
from routing_burst import run_burst
from routing_calls import ALLOCATE, CANCEL, post
from tqdm import tqdm

from app import create_app
from domains.contact_routing.contact import Contact, checked
from domains.contact_routing.decision import ROUTING_CANDIDATES
from gateway.security.auth import Role, issue_token
from gateway.settings import Settings
from graph.database import Database, connect
from graph.local_neo4j import free_port
from graph.seed.vocabulary import POOLS, PRODUCTS
from resolvers.schema import build_schema

TARGET_P99_MS = 25.0
TARGET_PER_SECOND = 200.0
LIMIT = 5  # candidates and rejected resources returned, the API's default
ROUND = 25  # requests per client between two untimed clean-ups
# Allocations: short rounds, so offers are cancelled well within the pools' 30 s offer timeout.
ALLOCATION_ROUND = 4
CHANNELS = {"PHONE": 40, "CHAT": 30, "EMAIL": 15, "VIDEO": 10, "BRANCH": 5}
PRODUCT_SHARE = 0.7  # requests naming a product of interest
PURPOSES = sorted({pool.purpose for pool in POOLS})
COUNT_RESOURCES = """
CALL () { MATCH (r:ServicingResource) RETURN count(r) AS resources }
CALL () { MATCH (r:ServicingResource) WHERE EXISTS { (r)-[:MEMBER_OF]->(:ServicingPool) } RETURN count(r) AS pooled }
RETURN resources, pooled
"""
DECISION = """
    priority salesBlocked purpose specialistPool notes
    requiredSkills { code minProficiency sources { source reference minProficiency } }
    chosen { resource { resourceId name } preference score freeCapacity
             path { kind id relationship direction } matchedSkills { code proficiency required } }
    queueReason relaxedOptionalSkills
    candidates { resource { resourceId } preference score }"""
PREVIEW = f"query ($request: RoutingRequestInput!) {{ routingCandidates(request: $request, limit: 5) {{ {DECISION} }} }}"
EXPLAINED = (f"query ($request: RoutingRequestInput!) {{ routingCandidates(request: $request, limit: 5) {{ {DECISION}"
             " rejected { resource { resourceId } preference reasons { kind message } } } }")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000, help="customers of the bank at scale 1")
    parser.add_argument("--scales", type=int, nargs="+", default=[1], help="bank sizes to run, as multiples")
    parser.add_argument("--seed", type=int, default=42, help="random seed of the bank and of the requests")
    parser.add_argument("--requests", type=int, default=1_000, help="sequential requests timed per case")
    parser.add_argument("--throughput-requests", type=int, default=1_000, help="requests per concurrency level")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[4, 8], help="concurrent clients")
    parser.add_argument("--warmup", type=int, default=200, help="requests per case run first and not timed")
    parser.add_argument("--cases", nargs="*", choices=["cypher", "graphql", "explained"],
                        default=["cypher", "graphql", "explained"],
                        help="read cases to time (none: only --allocation)")
    parser.add_argument("--allocation", action="store_true", help="also time Mutation.requestAllocation")
    parser.add_argument("--burst", type=int, default=0,
                        help="also send this many concurrent requestAllocation into a full desk (bench/routing_burst.py)")
    parser.add_argument("--burst-desk", type=int, default=30, help="the burst desk's resources, one PHONE seat each")
    parser.add_argument("--burst-warmup", type=int, default=1500, help="contacts queued and cancelled before the burst")
    parser.add_argument("--heap", help="JVM heap of the local Neo4j (default 3g)")
    parser.add_argument("--pagecache", help="page cache of the local Neo4j (default 1g per 100k customers + 1g, "
                                            "at most 10g)")
    parser.add_argument("--no-progress", action="store_true")
    return parser.parse_args(argv)


# Requests


@dataclass(frozen=True)
class Request:
    customer_id: str
    channel: str
    product_id: str | None
    purpose: str | None

    def variables(self) -> dict[str, Any]:
        return {"customerId": self.customer_id, "channel": self.channel, "productId": self.product_id,
                "purpose": self.purpose}

    def parameters(self) -> dict[str, Any]:
        """ROUTING_CANDIDATES's parameters, built as the dry run builds them (the domain's Contact)."""
        contact = checked(Contact(customer_id=self.customer_id, channel=self.channel, product_id=self.product_id,
                                  purpose=self.purpose))
        return contact.parameters(datetime.datetime.now(datetime.UTC), LIMIT, False)


def random_requests(rng: random.Random, customers: int, purpose_share: float) -> Iterator[Request]:
    """Endless random requests; `purpose_share` of them name a pool purpose."""
    channels, weights = list(CHANNELS), list(CHANNELS.values())
    products = [product.product_id for product in PRODUCTS]
    while True:
        yield Request(customer_id=f"C{rng.randint(1, customers):07d}", channel=rng.choices(channels, weights)[0],
                      product_id=rng.choice(products) if rng.random() < PRODUCT_SHARE else None,
                      purpose=rng.choice(PURPOSES) if rng.random() < purpose_share else None)


# Cases: a call times one decision and returns what to clean up afterwards (an allocation id)


Call = Callable[[Request], Awaitable[str | None]]


@dataclass
class Case:
    name: str
    purpose_share: float
    call: Call
    clean_up: Callable[[list[str]], Awaitable[None]] | None = None
    outcomes: Counter[str] = field(default_factory=Counter)
    round: int = ROUND

    @property
    def label(self) -> str:
        purpose = {1.0: "with", 0.0: "no"}.get(self.purpose_share, f"{self.purpose_share:.0%}")
        return f"{self.name}, {purpose} purpose"


def cypher_call(db: Database, outcomes: Counter[str]) -> Call:
    async def call(request: Request) -> None:
        rows = await db.read(ROUTING_CANDIDATES, **request.parameters())
        if len(rows) != 1:
            raise BenchError(f"routing_candidates returned {len(rows)} rows for {request}")
        outcomes["chosen" if rows[0]["candidates"] else "queued"] += 1
        return None
    return call


def preview_call(client: httpx.AsyncClient, query: str, outcomes: Counter[str]) -> Call:
    async def call(request: Request) -> None:
        preview = (await post(client, query, {"request": request.variables()}))["routingCandidates"]
        outcomes["chosen" if preview["chosen"] else "queued"] += 1
        return None
    return call


def allocate_call(client: httpx.AsyncClient, outcomes: Counter[str]) -> Call:
    async def call(request: Request) -> str:
        variables = {"request": request.variables(), "key": f"bench-{uuid.uuid4()}"}
        result = (await post(client, ALLOCATE, variables))["requestAllocation"]
        if result["replayed"]:
            raise BenchError(f"a fresh idempotency key was replayed: {result}")
        outcomes[result["allocation"]["status"]] += 1
        allocation_id: str = result["allocation"]["allocationId"]
        return allocation_id
    return call


def cancel_all(client: httpx.AsyncClient, outcomes: Counter[str]) -> Callable[[list[str]], Awaitable[None]]:
    """Cancel each allocation; one whose offer lapsed first (TIMED_OUT) has freed its capacity already."""
    async def clean_up(allocation_ids: list[str]) -> None:
        for allocation_id in allocation_ids:
            try:
                await post(client, CANCEL, {"id": allocation_id})
            except BenchError as error:
                if "TIMED_OUT" not in str(error):
                    raise
                outcomes["timed out before cancel"] += 1
    return clean_up


# Timing


@dataclass(frozen=True)
class Figures:
    case: str
    seconds: list[float]
    per_second: dict[int, float]  # concurrency -> decisions/s
    outcomes: dict[str, int]

    def ms(self, p: int) -> float:
        return percentile(self.seconds, p) * 1000

    def best_per_second(self) -> float:
        return max(self.per_second.values(), default=0.0)


class Timer:
    def __init__(self, args: argparse.Namespace, requests: Iterator[Request]) -> None:
        self.args, self.requests = args, requests

    def bar(self, total: int, desc: str) -> tqdm[Any]:
        return tqdm(total=total, desc=desc, unit="req", disable=self.args.no_progress, file=sys.stderr, leave=False)

    async def sequential(self, case: Case, count: int, desc: str) -> list[float]:
        seconds = []
        with self.bar(count, desc) as bar:
            for start in range(0, count, case.round):
                leftovers = []
                for _ in range(min(case.round, count - start)):
                    request = next(self.requests)
                    started = time.perf_counter()
                    leftover = await case.call(request)
                    seconds.append(time.perf_counter() - started)
                    leftovers += [leftover] if leftover else []
                    bar.update()
                await self.clean_up(case, leftovers)
        return seconds

    async def concurrent(self, case: Case, clients: int, count: int) -> float:
        """Decisions per second of `clients` concurrent clients, timing only the rounds, not the clean-ups."""
        timed, done = 0.0, 0
        with self.bar(count, f"{case.label}, {clients} clients") as bar:
            while done < count:
                size = min(case.round, -(-(count - done) // clients))
                batches = [[next(self.requests) for _ in range(size)] for _ in range(clients)]

                async def client(batch: list[Request]) -> list[str]:
                    leftovers = []
                    for request in batch:
                        if leftover := await case.call(request):
                            leftovers.append(leftover)
                        bar.update()
                    return leftovers

                started = time.perf_counter()
                leftovers = await asyncio.gather(*(client(batch) for batch in batches))
                timed += time.perf_counter() - started
                done += size * clients
                await self.clean_up(case, [item for items in leftovers for item in items])
        return done / timed

    async def clean_up(self, case: Case, leftovers: list[str]) -> None:
        if case.clean_up and leftovers:
            await case.clean_up(leftovers)

    async def measure(self, case: Case) -> Figures:
        await self.sequential(case, self.args.warmup, f"{case.label}, warm-up")
        case.outcomes.clear()
        seconds = await self.sequential(case, self.args.requests, f"{case.label}, sequential")
        per_second = {clients: await self.concurrent(case, clients, self.args.throughput_requests)
                      for clients in self.args.concurrency}
        figures = Figures(case.label, seconds, per_second, dict(case.outcomes))  # all timed requests
        print(f"  {row(figures, self.args.concurrency)}", file=sys.stderr)
        return figures


# The gateway over HTTP


class Gateway:
    """The real Starlette app served by uvicorn on a free port of 127.0.0.1, in a thread of this process."""

    def __init__(self, settings: Settings) -> None:
        if len(settings.jwt_secret) < 32:
            settings = dataclasses.replace(settings, jwt_secret=secrets.token_hex(32))
        # One token sends every request: the per-principal rate limit would measure itself.
        self.settings = dataclasses.replace(settings, log_level="WARNING", rate_limit_per_minute=0)
        self.port = free_port()
        config = uvicorn.Config(create_app(self.settings), host="127.0.0.1", port=self.port, lifespan="on",
                                log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="gateway", daemon=True)

    async def __aenter__(self) -> httpx.AsyncClient:
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise BenchError("the gateway did not start (see its log above)")
            await asyncio.sleep(0.1)
        token = issue_token(self.settings, "routing-bench", frozenset({Role.FRONTEND}))
        self.client = httpx.AsyncClient(base_url=f"http://127.0.0.1:{self.port}", timeout=60,
                                        headers={"Authorization": f"Bearer {token}"},
                                        limits=httpx.Limits(max_connections=64, max_keepalive_connections=64))
        return self.client

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()
        self.server.should_exit = True
        await asyncio.to_thread(self.thread.join, 30)


# PROFILE


async def profile(db: Database, request: Request) -> str:
    async with db.driver.session(database=db.name, default_access_mode="READ") as session:
        result = await session.run(f"PROFILE {ROUTING_CANDIDATES}", request.parameters())
        summary = await result.consume()
    operators = list(_operators(summary.profile or {}))
    total = sum(hits for hits, _, _ in operators)
    top = sorted(operators, key=lambda o: -o[0])[:6]
    lines = [f"PROFILE {request}: {total:,} db hits, {summary.result_available_after or 0} ms until first row"]
    lines += [f"    {hits:>10,} db hits  {rows:>8,} rows  {name}" for hits, rows, name in top]
    return "\n".join(lines)


def _operators(plan: dict[str, Any]) -> Iterator[tuple[int, int, str]]:
    details = str(plan.get("args", {}).get("Details", ""))[:110]
    yield int(plan.get("dbHits", 0)), int(plan.get("rows", 0)), f"{plan.get('operatorType', '?')} {details}"
    for child in plan.get("children", []):
        yield from _operators(child)


# One bank


@dataclass(frozen=True)
class Outcome:
    customers: int
    resources: int
    pooled: int
    figures: list[Figures]
    profiles: list[str]
    burst: list[str]
    error: str | None = None  # a case failed: the figures before it stand


async def run_bank(settings: Settings, args: argparse.Namespace, customers: int, may_wipe: bool,
                   fresh: bool) -> Outcome:
    db = connect(settings)
    try:
        started = time.perf_counter()
        await ensure_bank(db, argparse.Namespace(customers=customers, seed=args.seed, no_progress=args.no_progress),
                          may_wipe, fresh)
        print(f"Bank ready in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        counts = (await db.read(COUNT_RESOURCES))[0]
        print(f"{customers:,} customers, {counts['resources']:,} servicing resources "
              f"({counts['pooled']:,} in pools)", file=sys.stderr)
        rng = random.Random(args.seed)
        profiles = [await profile(db, next(random_requests(rng, customers, share))) for share in (1.0, 0.0)]
        figures: list[Figures] = []
        burst: list[str] = []
        try:
            await measure_cases(db, settings, args, customers, rng, figures, burst)
        except BenchError as error:  # returned, not raised, so the harness keeps the loaded bank
            return Outcome(customers, counts["resources"], counts["pooled"], figures, profiles, burst, str(error))
        return Outcome(customers, counts["resources"], counts["pooled"], figures, profiles, burst)
    finally:
        await db.close()


async def measure_cases(db: Database, settings: Settings, args: argparse.Namespace, customers: int,
                        rng: random.Random, figures: list[Figures], burst: list[str]) -> None:
    """Time the chosen cases in order, appending each one's figures as it completes (the burst's lines
    to `burst`)."""
    if "cypher" in args.cases:
        for share in (1.0, 0.0):
            outcomes: Counter[str] = Counter()
            case = Case("cypher", share, cypher_call(db, outcomes), None, outcomes)
            figures.append(await Timer(args, random_requests(rng, customers, share)).measure(case))
    async with Gateway(settings) as client:
        for name, query in (("graphql", PREVIEW), ("explained", EXPLAINED)):
            if name not in args.cases:
                continue
            for share in (1.0, 0.0):
                outcomes = Counter()
                case = Case(name, share, preview_call(client, query, outcomes), None, outcomes)
                figures.append(await Timer(args, random_requests(rng, customers, share)).measure(case))
        if args.allocation:
            outcomes = Counter()
            case = Case("allocate", 0.5, allocate_call(client, outcomes), cancel_all(client, outcomes), outcomes,
                        ALLOCATION_ROUND)
            figures.append(await Timer(args, random_requests(rng, customers, 0.5)).measure(case))
        if args.burst:
            burst += await run_burst(db, client, customers, args.burst, args.burst_desk, args.seed,
                                      args.burst_warmup)


def require_allocation_mutation() -> None:
    if "requestAllocation" not in build_schema().as_str():
        raise BenchError("--allocation: Mutation.requestAllocation is not in the schema yet "
                         "(resolvers/contact_routing/allocation.py); run without --allocation until it is")


# Report


def row(figures: Figures, concurrency: list[int]) -> str:
    rates = " ".join(f"{figures.per_second.get(c, 0):>8,.0f}" for c in concurrency)
    p99 = figures.ms(99)
    verdict = (f"{'ok' if p99 < TARGET_P99_MS else 'MISS':<5}"
               f"{'ok' if figures.best_per_second() >= TARGET_PER_SECOND else 'MISS':<5}")
    outcomes = " ".join(f"{k}={v}" for k, v in sorted(figures.outcomes.items()))
    return (f"{figures.case:<26} {figures.ms(50):>8.1f} {p99:>8.1f} {statistics.fmean(figures.seconds) * 1000:>8.1f} "
            f"{max(figures.seconds) * 1000:>8.1f} {rates} {verdict} {outcomes}")


def header(concurrency: list[int]) -> str:
    rates = " ".join(f"{f'{c} cl/s':>8}" for c in concurrency)
    return f"{'case':<26} {'p50 ms':>8} {'p99 ms':>8} {'mean ms':>8} {'max ms':>8} {rates} p99  rate outcomes"


def print_report(args: argparse.Namespace, outcomes: list[Outcome]) -> None:
    print(f"targets: p99 < {TARGET_P99_MS:.0f} ms (sequential) and >= {TARGET_PER_SECOND:.0f} decisions/s "
          f"(best concurrency); {args.requests} sequential requests per case after {args.warmup} warm-up, "
          f"{args.throughput_requests} per concurrency level; 'no purpose' evaluates every pooled resource")
    for outcome in outcomes:
        print(f"\n{outcome.customers:,} customers, {outcome.resources:,} servicing resources ({outcome.pooled:,} pooled)")
        print(header(args.concurrency))
        for figures in outcome.figures:
            print(row(figures, args.concurrency))
        for text in outcome.profiles + outcome.burst:
            print(text)
        if outcome.error:
            print(f"error: {outcome.error}")


def neo4j_memory(args: argparse.Namespace, customers: int) -> tuple[str, str]:
    return args.heap or "3g", args.pagecache or f"{min(10, 1 + customers // 100_000)}g"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    outcomes = []
    try:
        if args.allocation:
            require_allocation_mutation()
        for scale in args.scales:
            customers = args.customers * scale
            heap, pagecache = neo4j_memory(args, customers)
            print(f"Scale {scale}: {customers:,} customers (Neo4j heap {heap}, page cache {pagecache})", file=sys.stderr)
            outcomes.append(in_neo4j(f"bench-routing-{customers}", {"customers": customers, "seed": args.seed},
                                     heap, pagecache,
                                     lambda settings, may_wipe, fresh, n=customers: run_bank(settings, args, n,
                                                                                             may_wipe, fresh)))
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    finally:
        print_report(args, outcomes)
    return 3 if any(outcome.error for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
