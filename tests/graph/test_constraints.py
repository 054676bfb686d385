"""Constraints and indexes: applied idempotently, and their absence noticed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from neo4j.exceptions import ConstraintError

from gateway.settings import PROJECT_ROOT, Settings
from graph.constraints import apply_schema, missing_schema, schema_names
from graph.database import Database, connect
from graph.errors import Unavailable
from graph.local_neo4j import free_port


async def test_applying_twice_changes_nothing_and_everything_is_online(database: Database) -> None:
    assert await apply_schema(database) == schema_names()
    assert await apply_schema(database) == schema_names()
    assert await missing_schema(database) == []
    assert {"customer_id", "customer_search_name", "indicator_type_code", "event_occurred_at"} <= set(schema_names())


async def test_a_dropped_index_is_reported_missing_until_reapplied(database: Database) -> None:
    await database.write("DROP INDEX lead_status IF EXISTS")
    try:
        assert await missing_schema(database) == ["lead_status"]
    finally:
        await apply_schema(database)
    assert await missing_schema(database) == []


async def test_a_duplicate_customer_id_is_refused(clean_graph: Database) -> None:
    await clean_graph.write("CREATE (:Customer {customerId: 'C1'})")
    with pytest.raises(ConstraintError):
        await clean_graph.write("CREATE (:Customer {customerId: 'C1'})")


def test_the_graph_model_documents_every_constraint_and_index() -> None:
    documented = (PROJECT_ROOT / "docs" / "graph-model.md").read_text()
    assert [name for name in schema_names() if f"| `{name}` |" not in documented] == []


def test_the_schema_command(settings: Settings) -> None:
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri or "", "NEO4J_USER": settings.neo4j_user,
           "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database}
    done = subprocess.run([sys.executable, "-m", "graph", "schema"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"online: {name}" for name in schema_names()]


async def test_an_unreachable_neo4j_fails_start_up_with_what_to_check(settings: Settings) -> None:
    db = connect(settings.with_neo4j(f"bolt://127.0.0.1:{free_port()}"))
    try:
        expected = r"cannot reach Neo4j at bolt://127\.0\.0\.1:\d+ after 1s \(Couldn't connect .*\); check NEO4J_URI"
        with pytest.raises(Unavailable, match=expected):
            await db.wait_until_reachable(timeout=1)
    finally:
        await db.close()
