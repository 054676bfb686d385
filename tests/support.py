"""Helpers the tests share: loading test data and running GraphQL against the real schema."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
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
from resolvers.context import Context
from resolvers.schema import build_schema

DATA = Path(__file__).resolve().parent / "data"
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


SNAPSHOT: LiteralString = """
CALL () { MATCH (n) WHERE NOT n:AuditRecord RETURN collect([labels(n), properties(n)]) AS nodes }
CALL () { MATCH (a)-[r]->(b) RETURN collect([elementId(a), type(r), properties(r), elementId(b)]) AS relationships }
RETURN nodes, relationships
"""


async def snapshot(db: Database) -> tuple[list[str], list[str]]:
    """Every node and relationship with its properties, in a comparable form: equal means unchanged.
    AuditRecord nodes are left out: every mutation, refused or not, writes one (gateway/security/audit.py)."""
    row = (await db.read(SNAPSHOT))[0]
    return sorted(map(repr, row["nodes"])), sorted(map(repr, row["relationships"]))


async def run(db: Database, settings: Settings, query: str, roles: frozenset[Role] | Principal = ADMIN,
              **variables: Any) -> Any:
    """The operation's data, asserting it succeeded."""
    result, _ = await execute(db, settings, query, variables, roles)
    assert result.errors is None, result.errors
    return result.data


async def fails(db: Database, settings: Settings, query: str, roles: frozenset[Role] | Principal = ADMIN,
                **variables: Any) -> dict[str, Any]:
    """The one error the operation fails with (message, code, field), after checking the graph is unchanged."""
    before = await snapshot(db)
    result, _ = await execute(db, settings, query, variables, roles)
    assert result.errors is not None and len(result.errors) == 1, result
    assert await snapshot(db) == before, "a failed operation must leave the graph unchanged"
    error = result.errors[0]
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
