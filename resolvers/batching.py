"""DataLoaders that answer many keys with one UNWIND statement: N parents, one round trip."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from strawberry.dataloader import DataLoader

from graph.database import Database
from resolvers.context import Info


def batched(
    info: Info,
    query: LiteralString,
    *,
    keys_param: str,
    key_column: str,
    value_column: str,
    missing: Any = None,
) -> DataLoader[str, Any]:
    """The request's loader for `query`: rows keyed by `key_column`, one value per key.

    `query` takes the list of keys as `$<keys_param>` and returns one row per key found.
    """
    db: Database = info.context.db

    async def load(keys: Sequence[str]) -> list[Any]:
        rows = await db.read(query, **{keys_param: list(keys)})
        found = {row[key_column]: row[value_column] for row in rows}
        return [found.get(key, missing) for key in keys]

    loader: DataLoader[str, Any] = info.context.loader(query, load)
    return loader
