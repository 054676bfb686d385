"""Helpers the tests share: loading test data and running GraphQL against the real schema."""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, LiteralString, cast

import uvicorn
from starlette.applications import Starlette
from strawberry.types import ExecutionResult

from gateway.http_protocol import GatewayHttpProtocol
from gateway.security.auth import ALL_ROLES, Principal, Role
from gateway.settings import Settings
from graph.database import Database
from graph.local_neo4j import free_port
from graph.seed import wipe_graph
from resolvers.context import Context
from resolvers.schema import build_schema

DATA = Path(__file__).resolve().parent / "data"
# The test suite's Neo4j JVMs compile a method to optimized (C2) code only once it is ten times as hot as
# the JVM's default thresholds ask. The suite sends an ever-changing mix of statements for 15 minutes,
# which kept each JVM's one C2 thread busy throughout: the C1 and C2 compiler threads took 579 of the
# run's 1,790 CPU seconds, about what Neo4j spent running the statements. Ten times the thresholds:
# the fuzz and role-matrix modules cost Neo4j 203 CPU seconds instead of 286, in 198 s instead of 211
# (thirty times: no less CPU, slower statements). Whole runs on clean clones, alternated: 754 and 792 s
# (1,413 and 1,487 CPU seconds) with it, 817 and 937 s (1,540 and 1,707) without (`make bench-suite-cpu`).
# Production keeps the defaults: a server that runs for days earns its compilations back.
NEO4J_TEST_JVM_OPTIONS = ("-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=6000",
                          "-XX:Tier4CompileThreshold=150000", "-XX:Tier4BackEdgeThreshold=400000")
# neo4j 6.4 leaves the socket of a connection attempt cancelled mid-connect (never connected: no raddr)
# to the garbage collector, whose ResourceWarning may come at any later point of the run;
# graph/database.py cancels the calls in flight when Neo4j goes away. tests/conftest.py ignores these.
CANCELLED_CONNECT_SOCKETS = (r"ignore:Exception ignored in. <socket\.socket fd=\d+, family=\d+, type=\d+, proto=\d+, "
                             r"laddr=\('[0-9.]+', \d+\)>:pytest.PytestUnraisableExceptionWarning")
SCHEMA = build_schema()
RM = frozenset({Role.RELATIONSHIP_MANAGER})
FRONTEND = frozenset({Role.FRONTEND})
ANALYST = frozenset({Role.ANALYST})
ADMIN = frozenset({Role.ADMIN})


async def load_small_bank(db: Database, *extras: str) -> None:
    """The small bank, then each named extra from tests/data (e.g. "routing_profiles")."""
    for name in ("small_bank", *extras):
        await db.write(cast(LiteralString, (DATA / f"{name}.cypher").read_text()))


async def load_kyc_desk(db: Database, *, customers: int, resources: int, capacity: int, bilingual: int = 0) -> None:
    """tests/data/kyc_desk.cypher: POOL-KYC with `resources` reviewers of `capacity` PHONE units each."""
    await db.write(cast(LiteralString, (DATA / "kyc_desk.cypher").read_text()), customers=customers,
                   resources=resources, capacity=capacity, bilingual=bilingual)


async def execute(
    db: Database, settings: Settings, query: str, variables: dict[str, Any] | None = None,
    roles: frozenset[Role] | Principal = ALL_ROLES,
) -> tuple[ExecutionResult, Context]:
    """Run a GraphQL operation as a principal with `roles` (subject "tester"), or as the given
    principal (e.g. `Principal("R000301", RM)`, a relationship manager working its book);
    return the result and its context."""
    principal = roles if isinstance(roles, Principal) else Principal("tester", roles)
    context = Context(db=db.for_request(), principal=principal, settings=settings)
    result = await SCHEMA.execute(query, variable_values=variables, context_value=context)
    return result, context


FINGERPRINT = cast(LiteralString, (Path(__file__).resolve().parent / "fingerprint.cypher").read_text())


@dataclass(frozen=True)
class Fingerprint:
    """The graph's counts and a digest of every node and relationship with its labels or type and
    properties (tests/fingerprint.cypher): equal means unchanged."""

    nodes: int
    relationships: int
    digest: str


async def fingerprint(db: Database, *, audit: bool = False) -> Fingerprint:
    """One read of the whole graph, summed up in Neo4j; AuditRecord nodes only with `audit`."""
    row = (await db.read(FINGERPRINT, audit=audit))[0]
    digest = hashlib.sha256()
    for line in (*row["nodeLines"], "", *row["relationshipLines"]):
        digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
    return Fingerprint(row["nodes"], row["relationships"], digest.hexdigest())


async def snapshot(db: Database) -> Fingerprint:
    """The graph as it is, in a comparable form: equal means unchanged. AuditRecord nodes are left
    out: every mutation, refused or not, writes one (gateway/security/audit.py)."""
    return await fingerprint(db)


@dataclass
class _Loaded:
    """The bank the session's graph was last loaded with, and its fingerprint right after."""

    extras: tuple[str, ...]
    fingerprint: Fingerprint
    at: float


# Per Database object (the session's one): the bank it holds, if untouched since it was loaded.
_LOADED: dict[int, _Loaded] = {}
# Fixtures with relative instants (e.g. datetime() - duration({minutes: 5})) age: a bank older
# than this is loaded afresh even when unchanged, so no test sees one much older than before.
BANK_MAX_AGE = 120.0


async def bank_graph(db: Database, *extras: str) -> Database:
    """The graph holding exactly the small bank and `extras` (as `clean_graph` + `load_small_bank`).

    Loaded afresh unless the graph still is, to the last property and audit record, what the
    previous call with the same extras loaded: then a test that only reads reuses it instead of
    wiping and reloading it. A test that writes leaves a different fingerprint, so the next test
    gets a fresh bank."""
    loaded = _LOADED.get(id(db))
    if (loaded is not None and loaded.extras == extras and time.monotonic() - loaded.at < BANK_MAX_AGE
            and await fingerprint(db, audit=True) == loaded.fingerprint):
        return db
    _LOADED.pop(id(db), None)
    await wipe_graph(db)
    await load_small_bank(db, *extras)
    _LOADED[id(db)] = _Loaded(extras, await fingerprint(db, audit=True), time.monotonic())
    return db


async def run(db: Database, settings: Settings, query: str, roles: frozenset[Role] | Principal = ADMIN,
              **variables: Any) -> Any:
    """The operation's data, asserting it succeeded."""
    result, _ = await execute(db, settings, query, variables, roles)
    assert result.errors is None, result.errors
    return result.data


async def fails(db: Database, settings: Settings, query: str, roles: frozenset[Role] | Principal = ADMIN,
                **variables: Any) -> dict[str, Any]:
    """The one error the operation fails with (message, code, field), after checking the graph is
    unchanged (or, for a document refused before execution, that no Cypher ran)."""
    before = await snapshot(db)
    result, context = await execute(db, settings, query, variables, roles)
    assert result.errors is not None and len(result.errors) == 1, result
    error = result.errors[0]
    if error.path is None and result.data is None:
        # Refused before execution (the document's validation, a limit): no field ran, so the graph
        # cannot differ; that not one statement ran is what can fail.
        assert context.db.round_trips == 0, "a document refused before execution must run no Cypher"
    else:
        assert await snapshot(db) == before, "a failed operation must leave the graph unchanged"
    return {"message": error.message, **(error.extensions or {})}


async def load_event_types(db: Database) -> None:
    """The Customer Event History vocabulary and its lead rules, exactly as seeding writes them."""
    from graph.seed.generator import event_type_rows
    from graph.seed.loader import STATEMENTS

    await db.write(STATEMENTS["event_types"], rows=event_type_rows())


async def plan_afresh(db: Database, mode: LiteralString, statement: LiteralString, **parameters: Any) -> Any:
    """The plan (mode EXPLAIN) or profile (PROFILE) Neo4j makes for `statement` on the graph as it
    is now: index statistics resampled first (earlier tests' graphs, and background sampling at a
    random moment, would mislead the planner) and no cached plan reused (replan=force)."""
    async with db.driver.session(database=db.name) as session:
        await (await session.run("CALL db.prepareForReplanning()")).consume()
        result = await session.run(cast(LiteralString, f"{mode} CYPHER replan=force {statement}"), **parameters)
        summary = await result.consume()
    return summary.profile if mode == "PROFILE" else summary.plan


@contextlib.contextmanager
def served(app: Starlette, explain: Callable[[], str] = lambda: "", port: int | None = None) -> Iterator[str]:
    """`app` under real uvicorn on a free loopback port (or `port`, chosen earlier by the caller), in
    a thread, while the block runs; yields its base URL. `explain` adds to the failure when it does
    not start (e.g. the captured log)."""
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on",
                                           http=GatewayHttpProtocol))  # as app.main runs it
    thread = threading.Thread(target=server.run, name=f"gateway-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, f"uvicorn did not start\n{explain()}"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
