"""Applies the constraints and indexes in cypher/schema/ idempotently (IF NOT EXISTS).

A file's name is the name of the constraint or index it creates, so readiness can check
that every one of them exists and is ONLINE.
"""

from __future__ import annotations

from graph import queries
from graph.database import Database

SCHEMA_FOLDER = "schema"


def schema_names() -> list[str]:
    return [name.split("/", 1)[1] for name in queries.names(SCHEMA_FOLDER)]


async def apply_schema(db: Database) -> list[str]:
    """Create what is missing, wait until every index is online; return the names.

    One read first: on a database that has them all online already (every start but the first,
    and every test gateway), there is nothing to create or wait for. The statements say IF NOT
    EXISTS, so skipping an existing name is what running it would do."""
    missing = set(await missing_schema(db))
    if not missing:
        return schema_names()
    for name in queries.names(SCHEMA_FOLDER):
        if name.split("/", 1)[1] in missing:
            # Schema commands cannot share a transaction with each other.
            await db.write(queries.load(name))
    await db.write(queries.load("health/await_indexes"))
    return schema_names()


async def missing_schema(db: Database) -> list[str]:
    """Names from cypher/schema/ that the database lacks or has not brought online."""
    rows = await db.read(queries.load("health/online_indexes"))
    online = {row["name"] for row in rows}
    return [name for name in schema_names() if name not in online]
