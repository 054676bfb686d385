"""This gateway against @neo4j/graphql and the bare-Cypher floor: same Neo4j, same bank, same questions.

    make bench-vs-neo4j-graphql [ARGS="--customers 2000 --rounds 3 ..."]
    .venv/bin/python bench/vs_neo4j_graphql_bench.py [--customers 100000] [--rounds 3] [--requests 100]
        [--requests-concurrent 400] [--concurrency 1 16] [--check 10] [--seed 42]

Three systems answer the same four questions (docs/performance.md says more):

  gateway         this gateway at HEAD: `python app.py` in a subprocess, production mode, over HTTP
  neo4j-graphql   @neo4j/graphql with Apollo Server (bench/vs_neo4j_graphql/server.mjs, Node), the same
                  labels, relationship types and properties, TCP_NODELAY on every socket
  floor           one hand-written statement per case (cypher/bench/), Python's async driver, one read
                  transaction: what a perfect compiler could send

  customer-360       one customer by id: holdings with products, household with members, related
                     parties, routing indicators in force
  segment-page       a page of 20 customers of a segment (keyset: after a customerId), same fields
  household-page     a page of 10 customers: household, members, holdings, products
  profile-events     one customer: routing indicators in force and its 10 latest events

First an equality check: for each case, the first --check requests are asked of all three and the
answers, normalised (the model's names mapped, unordered lists sorted), must be equal, else the
benchmark stops with a diff. Then rounds: each round runs, at each concurrency, each case on each
system in turn (a block: --requests at concurrency 1, --requests-concurrent above), so the three
share the machine's ups and downs alike. Per system, case and concurrency it prints p50 and p99
latency, requests/s, Neo4j statements per request (Neo4j's own query collector,
cypher/bench/query_statistics*.cypher, restarted per block; the texts it also ran with no request,
the gateway's timers, are left out), and CPU per request of the serving
process (gateway or Node; for the floor the benchmark's own process, where its driver runs) and of
Neo4j (local Neo4j only), from /proc/<pid>/stat. At concurrency 1 each round also times each
system's fixed cost (`{ __typename }` over HTTP; the floor's one round trip that reads nothing), so
the report can tell the part of a p50 that grows with the question. Then the ratios, and the rules cost: case
customer-360 on the gateway as a relationship manager (the book rule on, every customer in its
book) against an admin, on the same customers.

The bank lives in a local Neo4j under .cache/neo4j/bench-vs-neo4j-graphql-<customers>, with APOC
(which @neo4j/graphql requires; the Makefile fetches it with Maven), seeded on the first run and
kept. With NEO4J_URI set it uses that database, which must have APOC Core installed (reused when it
holds exactly the bank, wiped for another only if BENCH_MAY_WIPE=yes).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime
import difflib
import json
import os
import secrets
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

import httpx2 as httpx  # starlette 1.x tests use httpx2; the benches share it
from harness import BenchError, cpu_seconds, in_neo4j, percentile
from presenting_check_bench import ensure_bank
from vs_neo4j_graphql_cases import ROTATION, Case, Request, build_cases, by_id, fixed_cost_case

from gateway.security.auth import Role, issue_token
from gateway.settings import PROJECT_ROOT, Settings
from graph.database import Database, connect
from graph.local_neo4j import free_port
from graph.queries import load
from resolvers.customers import INVERSE_ROLE

NODE_DIR = Path(__file__).resolve().parent / "vs_neo4j_graphql"
APOC_DIR = PROJECT_ROOT / ".cache" / "neo4j" / "apoc"
SYSTEMS = ("gateway", "neo4j-graphql", "floor")

BUSIEST_BOOK = load("bench/busiest_book")
STATISTICS_RESTART = load("bench/query_statistics_restart")
STATISTICS = load("bench/query_statistics")
IDLE_SECONDS = 5.0  # the window in which statements without any request are the gateway's background work


# Normalising answers: each system's answer as a list of customers in one neutral shape


def day(value: Any) -> str | None:
    if value is None:
        return None
    return str(value.iso_format() if hasattr(value, "iso_format") else datetime.date.fromisoformat(value))


def instant(value: Any) -> str | None:
    """An instant as UTC ISO text, whether a Neo4j DateTime or any ISO text with an offset or Z."""
    if value is None:
        return None
    native = value.to_native() if hasattr(value, "to_native") else datetime.datetime.fromisoformat(value)
    return str(native.astimezone(datetime.UTC).isoformat())


def indicator(i: dict[str, Any]) -> list[Any]:
    return [i["indicatorId"], i["type"], i["value"], instant(i["validFrom"]), instant(i.get("validTo"))]


def event(e: dict[str, Any]) -> list[Any]:
    return [e["eventId"], e["category"], e["type"], instant(e["occurredAt"]), e.get("channel")]


def neutral(c: dict[str, Any]) -> dict[str, Any]:
    """A customer in the gateway's shape (the gateway's answer, and the floor's rows) made neutral."""
    out: dict[str, Any] = {k: c[k] for k in ("customerId", "name", "kind", "segment", "status") if k in c}
    if "holdings" in c:
        out["holdings"] = sorted([h["product"]["productId"], h["product"]["name"], h["product"]["family"],
                                  day(h["since"]), h["status"]] for h in c["holdings"])
    if "household" in c:
        h = c["household"]
        out["household"] = None if h is None else [
            h["householdId"], h["name"], h["role"],
            sorted([m["customer"]["customerId"], m["customer"]["name"], m["role"]] for m in h["members"])]
    if "relatedParties" in c:
        out["relatedParties"] = sorted([p["party"]["customerId"], p["party"]["name"], p["role"], p["kind"],
                                        day(p["since"])] for p in c["relatedParties"])
    if "routingProfile" in c:
        profile = c["routingProfile"]
        out["activeIndicators"] = None if profile is None else sorted(indicator(i) for i in profile["activeIndicators"])
    if "events" in c:
        out["events"] = [event(edge["node"]) for edge in c["events"]["edges"]]  # newest first: order kept
    return out


def neutral_ngql(c: dict[str, Any]) -> dict[str, Any]:
    """A customer in @neo4j/graphql's shape made neutral: relationship properties from connections, the
    party's role from the relation's direction (as resolvers/customers.py derives it)."""
    out: dict[str, Any] = {k: c[k] for k in ("customerId", "name", "kind", "segment", "status") if k in c}
    if "holdsConnection" in c:
        out["holdings"] = sorted([e["node"]["productId"], e["node"]["name"], e["node"]["family"],
                                  day(e["properties"]["since"]), e["properties"]["status"]]
                                 for e in c["holdsConnection"]["edges"])
    if "householdsConnection" in c:
        edges = c["householdsConnection"]["edges"]
        if len(edges) > 1:
            raise BenchError(f"customer {c['customerId']} is a member of {len(edges)} households")
        out["household"] = None if not edges else [
            edges[0]["node"]["householdId"], edges[0]["node"]["name"], edges[0]["properties"]["role"],
            sorted([m["node"]["customerId"], m["node"]["name"], m["properties"]["role"]]
                   for m in edges[0]["node"]["membersConnection"]["edges"])]
    if "relatedByConnection" in c:
        subject = [[e["node"]["customerId"], e["node"]["name"], e["properties"]["kind"], e["properties"]["kind"],
                    day(e["properties"]["since"])] for e in c["relatedByConnection"]["edges"]]
        other = [[e["node"]["customerId"], e["node"]["name"], INVERSE_ROLE[e["properties"]["kind"]],
                  e["properties"]["kind"], day(e["properties"]["since"])] for e in c["relatedToConnection"]["edges"]]
        out["relatedParties"] = sorted(subject + other)
    if "profiles" in c:
        profiles = c["profiles"]
        out["activeIndicators"] = None if not profiles else sorted(indicator(i) for i in profiles[0]["indicators"])
    if "eventLogs" in c:
        logs = c["eventLogs"]
        out["events"] = [] if not logs else [event(e) for e in logs[0]["events"]]
    return out


def customers_of(system: str, case: Case, answer: Any) -> list[dict[str, Any]]:
    if system == "floor":
        return [neutral(row["customer"]) for row in answer]
    if system == "neo4j-graphql":
        return [neutral_ngql(c) for c in answer["customers"]]
    if case.paged:
        return [neutral(edge["node"]) for edge in answer["customers"]["edges"]]
    return [neutral(answer["customer"])]


# The systems


@dataclass
class Cpu:
    """CPU seconds a process has used, from /proc/<pid>/stat (user + system)."""
    pid: int | None

    def seconds(self) -> float:
        if self.pid is None:
            return float("nan")
        return cpu_seconds(self.pid)


class HttpSystem:
    def __init__(self, name: str, url: str, token: str | None, document: Callable[[Case], str],
                 variables: Callable[[Request], dict[str, Any]], cpu: Cpu) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.name, self.document, self.variables, self.cpu = name, document, variables, cpu
        self.client = httpx.AsyncClient(base_url=url, timeout=120, headers=headers,
                                        limits=httpx.Limits(max_connections=64, max_keepalive_connections=64))

    async def ask(self, case: Case, request: Request) -> Any:
        response = await self.client.post("/graphql", json={"query": self.document(case),
                                                            "variables": self.variables(request)})
        body = response.json()
        if response.status_code != 200 or body.get("errors") or not body.get("data"):
            raise BenchError(f"{self.name}, {case.name}: HTTP {response.status_code}: {json.dumps(body)[:2000]}")
        return body["data"]

    async def call(self, case: Case, request: Request) -> None:
        """One timed request: the whole answer read, its status and absence of errors checked."""
        response = await self.client.post("/graphql", json={"query": self.document(case),
                                                            "variables": self.variables(request)})
        if response.status_code != 200 or b'"errors"' in response.content:
            raise BenchError(f"{self.name}, {case.name}: HTTP {response.status_code}: {response.text[:2000]}")

    async def close(self) -> None:
        await self.client.aclose()


class FloorSystem:
    """The floor: each case's one statement in one read transaction, through Python's async driver, sent
    the fastest way the gateway knows (Database.read_plain: one auto-commit round trip, rows as decoded)."""

    name = "floor"

    def __init__(self, db: Database) -> None:
        self.db, self.cpu = db, Cpu(os.getpid())

    async def ask(self, case: Case, request: Request) -> Any:
        return await self.db.read_plain(case.floor, **request.floor)

    async def call(self, case: Case, request: Request) -> None:
        await self.db.read_plain(case.floor, **request.floor)

    async def close(self) -> None:
        pass


System = HttpSystem | FloorSystem


# Servers


class Servers:
    """The gateway (python app.py) and the Node server as subprocesses of this one, on free ports."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.processes: list[subprocess.Popen[bytes]] = []

    def neo4j_env(self) -> dict[str, str]:
        return {"NEO4J_URI": self.settings.neo4j_uri or "", "NEO4J_USER": self.settings.neo4j_user,
                "NEO4J_PASSWORD": self.settings.neo4j_password, "NEO4J_DATABASE": self.settings.neo4j_database}

    async def gateway(self, secret: str) -> tuple[str, int]:
        port = free_port()
        env = {**os.environ, **self.neo4j_env(), "GATEWAY_HOST": "127.0.0.1", "GATEWAY_PORT": str(port),
               "GATEWAY_JWT_SECRET": secret,
               # One token sends every request: a per-principal rate limit would measure itself.
               "GATEWAY_RATE_LIMIT_PER_MINUTE": "0", "GATEWAY_LOG_LEVEL": "WARNING"}
        for name in ("GATEWAY_DEV_MODE", "GATEWAY_PRODUCTION", "GATEWAY_PERSISTED_QUERIES_ONLY"):
            env.pop(name, None)  # production mode, every document accepted
        process = self.start([sys.executable, str(PROJECT_ROOT / "app.py")], env, PROJECT_ROOT)
        url = f"http://127.0.0.1:{port}"
        await self.wait(process, "the gateway", url + "/readyz")
        return url, process.pid

    async def node(self) -> tuple[str, int]:
        if not (NODE_DIR / "node_modules").is_dir():
            raise BenchError(f"{NODE_DIR}/node_modules is missing: run make bench-vs-neo4j-graphql (npm ci)")
        port = free_port()
        env = {**os.environ, **self.neo4j_env(), "PORT": str(port)}
        process = self.start(["node", str(NODE_DIR / "server.mjs")], env, NODE_DIR)
        url = f"http://127.0.0.1:{port}"
        await self.wait(process, "the @neo4j/graphql server", url + "/stats")
        return url, process.pid

    def start(self, command: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        self.processes.append(process)
        return process

    async def wait(self, process: subprocess.Popen[bytes], what: str, url: str) -> None:
        deadline = time.monotonic() + 180
        async with httpx.AsyncClient(timeout=5) as client:
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    raise BenchError(f"{what} exited with code {process.returncode} while starting (its log is above)")
                try:
                    if (await client.get(url)).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.5)
        raise BenchError(f"{what} did not answer {url} within 180 s")

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


def neo4j_pid(settings: Settings, data_dir: Path) -> int | None:
    """The local Neo4j's JVM (its command line names the data directory), None for NEO4J_URI's."""
    if Settings.from_env().neo4j_uri:
        return None
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                command = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"LocalNeo4j" in b" ".join(command) and str(data_dir).encode() in command:
                return int(proc.name)
    return None


# The equality check


async def equality_check(cases: list[Case], systems: dict[str, System], count: int) -> list[str]:
    """Ask each case's first `count` requests of every system; abort with a diff unless all agree."""
    lines = []
    seen: dict[str, int] = {}
    for case in cases:
        compared = 0
        for request in case.requests[:count]:
            answers = {name: customers_of(name, case, await system.ask(case, request))
                       for name, system in systems.items()}
            reference = answers["gateway"]
            for name, answer in answers.items():
                if answer != reference:
                    raise BenchError(f"{case.name}: {name} and the gateway disagree on {request.gateway}:\n"
                                     + diff(reference, answer, "gateway", name))
            compared += len(reference)
            for customer in reference:
                for key, value in customer.items():
                    seen[key] = seen.get(key, 0) + (1 if value not in (None, []) else 0)
        lines.append(f"  {case.name}: {compared} customers equal in all three")
    empty = [key for key in ("holdings", "household", "relatedParties", "activeIndicators", "events") if not seen.get(key)]
    if empty:
        raise BenchError(f"the equality check saw no non-empty {', '.join(empty)}: raise --check")
    lines.append("  non-empty values compared: " + ", ".join(f"{k} {v}" for k, v in sorted(seen.items())))
    return lines


def diff(a: Any, b: Any, a_name: str, b_name: str) -> str:
    text = [json.dumps(x, indent=1, sort_keys=True, default=str).splitlines() for x in (a, b)]
    return "\n".join(difflib.unified_diff(text[0], text[1], a_name, b_name, lineterm="", n=2))


# Measuring


@dataclass
class Figures:
    seconds: list[float] = field(default_factory=list)
    wall: float = 0.0
    statements: Counter[str] = field(default_factory=Counter)  # query text -> invocations
    process_cpu: float = 0.0
    neo4j_cpu: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.seconds)

    def ms(self, p: int) -> float:
        return percentile(self.seconds, p) * 1000

    def per_second(self) -> float:
        return self.requests / self.wall

    def per_request(self, total: float) -> float:
        return total / self.requests


class Bench:
    def __init__(self, db: Database, args: argparse.Namespace, neo4j: Cpu) -> None:
        self.db, self.args, self.neo4j = db, args, neo4j
        self.figures: dict[tuple[str, str, int], Figures] = {}
        self.offsets: dict[tuple[str, str], int] = {}
        # Query texts Neo4j ran that no request sent (the gateway's dispatcher and monitor run on a
        # timer): seen while idle, or beside the floor's own statement in its blocks.
        self.background: set[str] = set()
        self.idle_rate = 0.0

    async def statements(self) -> Counter[str]:
        """Neo4j's count per query text since the last restart of its collector."""
        rows = (await self.db.read(STATISTICS))[0]["queries"]
        return Counter({row["query"]: row["invocations"] for row in rows})

    def per_request(self, figures: Figures) -> float:
        return sum(n for text, n in figures.statements.items() if text not in self.background) / figures.requests

    async def idle(self) -> None:
        """Which statements run while no request does, and how many a second."""
        await self.db.read(STATISTICS_RESTART)
        await asyncio.sleep(IDLE_SECONDS)
        seen = await self.statements()
        self.background |= set(seen)
        self.idle_rate = sum(seen.values()) / IDLE_SECONDS
        print(f"  idle for {IDLE_SECONDS:.0f} s: {self.idle_rate:.1f} background statements/s, "
              f"{len(seen)} distinct (left out of the counts)", file=sys.stderr)

    async def block(self, system: System, label: str, case: Case, concurrency: int, count: int) -> None:
        """`count` requests from `concurrency` clients, the next ones of the case's rotating list."""
        key = (label, case.name)
        start = self.offsets.get(key, 0)
        self.offsets[key] = start + count
        numbers: Iterator[int] = iter(range(start, start + count))
        seconds: list[float] = []

        async def client() -> None:
            for n in numbers:
                request = case.requests[n % len(case.requests)]
                began = time.perf_counter()
                await system.call(case, request)
                seconds.append(time.perf_counter() - began)

        await self.db.read(STATISTICS_RESTART)
        process_cpu, neo4j_cpu = system.cpu.seconds(), self.neo4j.seconds()
        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(concurrency)))
        wall = time.perf_counter() - began
        process_cpu, neo4j_cpu = system.cpu.seconds() - process_cpu, self.neo4j.seconds() - neo4j_cpu
        statements = await self.statements()
        if isinstance(system, FloorSystem):
            self.background |= set(statements) - {case.floor}
        block = Figures(seconds, wall, statements, process_cpu, neo4j_cpu)
        figures = self.figures.setdefault((label, case.name, concurrency), Figures())
        figures.seconds += seconds
        figures.wall += wall
        figures.statements += statements
        figures.process_cpu += process_cpu
        figures.neo4j_cpu += neo4j_cpu
        print(f"    {label:<15} {case.name:<18} c={concurrency:<3} p50 {percentile(seconds, 50) * 1000:7.1f} ms  "
              f"{len(seconds) / wall:7.1f} req/s  {self.per_request(block):5.2f} statements/req", file=sys.stderr)

    async def warm_up(self, systems: dict[str, System], cases: list[Case]) -> None:
        """Each case's rotating list once per system, untimed: plans cached, JITs warm."""
        for case in cases:
            for system in systems.values():
                for request in case.requests:
                    await system.call(case, request)
            print(f"  warmed up {case.name} ({len(case.requests)} requests per system)", file=sys.stderr)


async def measure(bench: Bench, systems: dict[str, System], cases: list[Case], rm: System,
                  book_case: Case, fixed: Case) -> None:
    args = bench.args
    for round_ in range(1, args.rounds + 1):
        for concurrency in args.concurrency:
            count = args.requests if concurrency == 1 else args.requests_concurrent
            print(f"  round {round_}/{args.rounds}, concurrency {concurrency}", file=sys.stderr)
            for case in [fixed, *cases] if concurrency == 1 else cases:
                for name, system in systems.items():
                    await bench.block(system, name, case, concurrency, count)
            # The rules cost: the same customers, as an admin and as the relationship manager whose book they
            # are; who goes first alternates by round, so neither always follows the heavier blocks.
            pair = [(systems["gateway"], "gateway-admin"), (rm, "gateway-rm")]
            for system, name in pair if round_ % 2 else pair[::-1]:
                await bench.block(system, name, book_case, concurrency, count)


# Report


def report(bench: Bench, cases: list[Case], args: argparse.Namespace, book: tuple[str, int],
           check_lines: list[str], customers: int, neo4j_known: bool) -> list[str]:
    f = bench.figures
    lines = [f"### @neo4j/graphql against this gateway: {customers:,} customers",
             "",
             f"{args.rounds} rounds interleaved; per round and concurrency, {args.requests} requests per block "
             f"at concurrency 1 and {args.requests_concurrent} above. Statements: Neo4j's own count "
             f"(db.stats QUERIES) per request, leaving out {len(bench.background)} query texts Neo4j also ran "
             f"with no request ({bench.idle_rate:.1f}/s while idle: the gateway's background work). CPU: the "
             "serving process (gateway / Node; floor: the benchmark's process, where its driver runs) and "
             "Neo4j, per request, from /proc (both include background work).",
             "",
             "| case | c | system | p50 ms | p99 ms | req/s | statements/req | process CPU ms/req | Neo4j CPU ms/req |",
             "|---|---|---|---|---|---|---|---|---|"]
    for case in cases:
        for concurrency in args.concurrency:
            for name in SYSTEMS:
                x = f[(name, case.name, concurrency)]
                neo4j_cpu = f"{x.per_request(x.neo4j_cpu) * 1000:.2f}" if neo4j_known else "n/a"
                lines.append(f"| {case.name} | {concurrency} | {name} | {x.ms(50):.1f} | {x.ms(99):.1f} | "
                             f"{x.per_second():.1f} | {bench.per_request(x):.2f} | "
                             f"{x.per_request(x.process_cpu) * 1000:.2f} | {neo4j_cpu} |")
    top = max(args.concurrency)
    lines += ["", f"Summary, p50 ms at concurrency 1 / requests/s at {top}:", "",
              "| case | this gateway | bare Cypher, Python driver (the floor) | @neo4j/graphql |", "|---|---|---|---|"]
    for case in cases:
        cells = [f"{f[(name, case.name, 1)].ms(50):.1f} ms / {f[(name, case.name, top)].per_second():.1f}"
                 for name in ("gateway", "floor", "neo4j-graphql")]  # the issue's column order
        lines.append(f"| {case.name} | {' | '.join(cells)} |")
    lines += ["", f"| case | gateway / @neo4j-graphql req/s at {top} | gateway p50 / floor p50 at 1 | "
                  f"@neo4j-graphql p50 / floor p50 at 1 | gateway / @neo4j-graphql CPU per request |",
              "|---|---|---|---|---|"]
    for case in cases:
        g, n, fl = (f[(name, case.name, top)] for name in SYSTEMS)
        g1, n1, f1 = (f[(name, case.name, 1)] for name in SYSTEMS)
        cpu = (g.per_request(g.process_cpu) + g1.per_request(g1.process_cpu)) / \
              (n.per_request(n.process_cpu) + n1.per_request(n1.process_cpu))
        lines.append(f"| {case.name} | {g.per_second() / n.per_second():.2f} | {g1.ms(50) / f1.ms(50):.2f} | "
                     f"{n1.ms(50) / f1.ms(50):.2f} | {cpu:.2f} |")
    resource, size = book
    lines += ["", f"Rules cost, customer-360 on the gateway: relationship manager {resource} (book rule on) against "
                  f"an admin, the same {size} customers of that book:", "",
              "| c | admin p50 ms | RM p50 ms | RM / admin p50 | admin req/s | RM req/s | admin / RM req/s |",
              "|---|---|---|---|---|---|---|"]
    for concurrency in args.concurrency:
        a, r = f[("gateway-admin", "customer-360", concurrency)], f[("gateway-rm", "customer-360", concurrency)]
        lines.append(f"| {concurrency} | {a.ms(50):.1f} | {r.ms(50):.1f} | {r.ms(50) / a.ms(50):.2f} | "
                     f"{a.per_second():.1f} | {r.per_second():.1f} | {a.per_second() / r.per_second():.2f} |")
    # The target compares a p50 over HTTP with the floor's, which has no HTTP: what each GraphQL server
    # takes beyond its own fixed cost (`{ __typename }`: the HTTP round trip, auth, the GraphQL pipeline).
    fixed = {name: f[(name, "fixed-cost", 1)].ms(50) for name in SYSTEMS}
    lines += ["", "Fixed cost at concurrency 1, p50: `{ __typename }` over HTTP (no database) "
                  f"{fixed['gateway']:.1f} ms on the gateway, {fixed['neo4j-graphql']:.1f} ms on @neo4j/graphql; "
                  f"the floor's one round trip to Neo4j that reads nothing {fixed['floor']:.1f} ms. "
                  "Each case's p50 less its server's fixed cost, against the floor's p50:",
              "", "| case | gateway p50 less fixed, ms | / floor p50 | @neo4j/graphql p50 less fixed, ms | / floor p50 |",
              "|---|---|---|---|---|"]
    for case in cases:
        p50 = {name: f[(name, case.name, 1)].ms(50) for name in SYSTEMS}
        g, n = p50["gateway"] - fixed["gateway"], p50["neo4j-graphql"] - fixed["neo4j-graphql"]
        lines.append(f"| {case.name} | {g:.1f} | {g / p50['floor']:.2f} | {n:.1f} | {n / p50['floor']:.2f} |")
    lines += ["", "Equality check:", *check_lines]
    return lines


# Main


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000, help="customers in the bank")
    parser.add_argument("--seed", type=int, default=42, help="random seed of the bank and of the requests")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--requests", type=int, default=100, help="requests per block at concurrency 1")
    parser.add_argument("--requests-concurrent", type=int, default=400, help="requests per block above 1")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--check", type=int, default=10, help="requests per case in the equality check")
    parser.add_argument("--heap", default="2g", help="JVM heap of the local Neo4j")
    parser.add_argument("--pagecache", help="page cache of the local Neo4j (default 1g per 100k customers + 1g)")
    parser.add_argument("--no-progress", action="store_true")
    return parser.parse_args(argv)


def apoc_jars() -> tuple[Path, ...]:
    jars = tuple(sorted(APOC_DIR.glob("*.jar")))
    if not any(jar.name.startswith("apoc-core") for jar in jars) and not Settings.from_env().neo4j_uri:
        raise BenchError(f"APOC is missing from {APOC_DIR}: run make bench-vs-neo4j-graphql (it fetches it with Maven)")
    return jars


async def run(settings: Settings, args: argparse.Namespace, may_wipe: bool, fresh: bool,
              data_dir: Path) -> list[str] | BenchError:
    """The report's lines, or the error that stopped the benchmark once the bank was ready (returned, not
    raised, so the harness keeps the bank for the next run)."""
    db = connect(settings)
    servers = Servers(settings)
    try:
        started = time.perf_counter()
        await ensure_bank(db, argparse.Namespace(customers=args.customers, seed=args.seed, no_progress=args.no_progress),
                          may_wipe, fresh)
        print(f"Bank ready in {time.perf_counter() - started:.0f}s", file=sys.stderr)
        return await compare(settings, args, db, servers, data_dir)
    except BenchError as error:
        return error
    finally:
        servers.stop()
        await db.close()


async def compare(settings: Settings, args: argparse.Namespace, db: Database, servers: Servers,
                  data_dir: Path) -> list[str]:
    systems: dict[str, System] = {}
    rm: System | None = None
    try:
        cases = build_cases(args.customers, args.seed)
        book = (await db.read(BUSIEST_BOOK, limit=ROTATION))[0]
        book_case = dataclasses.replace(cases[0], requests=by_id(book["customerIds"]))
        secret = secrets.token_hex(32)
        token_settings = dataclasses.replace(settings, jwt_secret=secret)
        print("Starting the gateway (python app.py) and the @neo4j/graphql server (node server.mjs)...", file=sys.stderr)
        (gateway_url, gateway_pid), (node_url, node_pid) = await asyncio.gather(servers.gateway(secret), servers.node())
        admin = issue_token(token_settings, "bench-admin", frozenset({Role.ADMIN}))
        manager = issue_token(token_settings, book["resourceId"], frozenset({Role.RELATIONSHIP_MANAGER}))
        systems = {
            "gateway": HttpSystem("gateway", gateway_url, admin, lambda case: case.gateway, lambda r: r.gateway,
                                  Cpu(gateway_pid)),
            "neo4j-graphql": HttpSystem("neo4j-graphql", node_url, None, lambda case: case.ngql, lambda r: r.ngql,
                                        Cpu(node_pid)),
            "floor": FloorSystem(db),
        }
        rm = HttpSystem("gateway-rm", gateway_url, manager, lambda case: case.gateway, lambda r: r.gateway,
                        Cpu(gateway_pid))
        print("Equality check...", file=sys.stderr)
        check_lines = await equality_check(cases, systems, args.check)
        await rules_check(book_case, systems["gateway"], rm, args.check)
        check_lines.append(f"  customer-360 as relationship manager {book['resourceId']}: the admin's answers "
                           f"for {min(args.check, len(book_case.requests))} customers of its book")
        print("\n".join(check_lines), file=sys.stderr)
        pid = neo4j_pid(settings, data_dir)
        bench = Bench(db, args, Cpu(pid))
        print("Warming up...", file=sys.stderr)
        fixed = fixed_cost_case()
        await bench.warm_up(systems, [fixed, *cases])
        await bench.warm_up({"gateway-rm": rm}, [book_case])
        await bench.idle()
        await measure(bench, systems, cases, rm, book_case, fixed)
        async with httpx.AsyncClient() as client:
            sockets = (await client.get(node_url + "/stats")).json()
        lines = report(bench, cases, args, (book["resourceId"], len(book_case.requests)), check_lines,
                       args.customers, pid is not None)
        lines.append(f"  @neo4j/graphql server sockets with TCP_NODELAY set: {sockets['driverSockets']} to Neo4j, "
                     f"{sockets['httpSockets']} from clients")
        return lines
    finally:
        for system in [*systems.values(), *([rm] if rm else [])]:
            await system.close()


async def rules_check(case: Case, admin: System, rm: System, count: int) -> None:
    """The relationship manager sees its own customers as the admin does (the book rule lets them through)."""
    for request in case.requests[:count]:
        as_admin = customers_of("gateway", case, await admin.ask(case, request))
        as_rm = customers_of("gateway", case, await rm.ask(case, request))
        if as_admin != as_rm:
            raise BenchError(f"the relationship manager's answer differs from the admin's for {request.gateway}:\n"
                             + diff(as_admin, as_rm, "admin", "relationship manager"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    name = f"bench-vs-neo4j-graphql-{args.customers}"
    data_dir = PROJECT_ROOT / ".cache" / "neo4j" / name
    pagecache = args.pagecache or f"{min(10, 1 + args.customers // 100_000)}g"
    try:
        lines = in_neo4j(name, {"customers": args.customers, "seed": args.seed}, args.heap, pagecache,
                         lambda settings, may_wipe, fresh: run(settings, args, may_wipe, fresh, data_dir),
                         plugins=apoc_jars())
        if isinstance(lines, BenchError):
            raise lines
    except BenchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
