"""Helpers the tests share: loading test data and running GraphQL against the real schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any, LiteralString, cast

from strawberry.types import ExecutionResult

from graph.database import Database
from graph.settings import Settings
from resolvers.auth import ALL_ROLES, Principal, Role
from resolvers.context import Context
from resolvers.schema import build_schema

DATA = Path(__file__).resolve().parent / "data"
SCHEMA = build_schema()


async def load_small_bank(db: Database, *extras: str) -> None:
    """The small bank, then each named extra from tests/data (e.g. "routing_profiles")."""
    for name in ("small_bank", *extras):
        await db.write(cast(LiteralString, (DATA / f"{name}.cypher").read_text()))


async def execute(
    db: Database, settings: Settings, query: str, variables: dict[str, Any] | None = None,
    roles: frozenset[Role] = ALL_ROLES,
) -> tuple[ExecutionResult, Context]:
    """Run a GraphQL operation as a principal with `roles`; return the result and its context."""
    context = Context(db=db.for_request(), principal=Principal("tester", roles), settings=settings)
    result = await SCHEMA.execute(query, variable_values=variables, context_value=context)
    return result, context
