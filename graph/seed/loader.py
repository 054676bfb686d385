"""Writes the generated bank into Neo4j, one write transaction per statement and batch.

Reference data goes first (skills before the products that need them, pools before the
resources in them), then customers in batches of whole blocks. Two batches are written at
once so Neo4j works on both cores, while a worker thread generates the next batch.

Instants travel as epoch seconds and dates as ISO-8601 strings, which the statements turn into
Neo4j DateTime and Date (datetime({epochSeconds: ...}), date(...)): the driver packs a Python
datetime about 100 times slower than that, and the packing was most of the seeding time.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, LiteralString

from tqdm import tqdm

from graph import queries
from graph.database import Database
from graph.errors import Conflict
from graph.progress import phase
from graph.seed.generator import (
    TEMPORAL_FIELDS,
    CustomerBlock,
    Row,
    Rows,
    customer_batches,
    load_day,
    reference_data,
)
from graph.seed.templates import seed_message_templates

DEFAULT_BATCH_SIZE = 1000  # customers per write batch: about 30k graph elements, ~3k rows per statement
DEFAULT_WRITERS = 2  # batches written concurrently: one per core of the reference machine

# Rows field -> the statement that writes it; loaded at import so a missing file fails early.
STATEMENTS: dict[str, LiteralString] = {
    "skills": queries.load("seed/create_skills"),
    "broader_skills": queries.load("seed/link_broader_skills"),
    "products": queries.load("seed/create_products"),
    "servicing_pools": queries.load("seed/create_servicing_pools"),
    "indicator_types": queries.load("seed/create_indicator_types"),
    "event_types": queries.load("seed/create_event_types"),
    "campaigns": queries.load("seed/create_campaigns"),
    "servicing_resources": queries.load("seed/create_servicing_resources"),
    "backup_resources": queries.load("seed/link_backup_resources"),
    "customers": queries.load("seed/create_customers"),
    "households": queries.load("seed/create_households"),
    "related_customers": queries.load("seed/link_related_customers"),
    "holdings": queries.load("seed/create_holdings"),
    "managed_customers": queries.load("seed/link_managed_customers"),
    "indicators": queries.load("seed/create_indicators"),
    "leads": queries.load("seed/create_leads"),
    "relationship_plans": queries.load("seed/create_relationship_plans"),
    "events": queries.load("seed/create_events"),
}
DELETE_RELATIONSHIPS = queries.load("health/delete_relationships")
DELETE_NODES = queries.load("health/delete_nodes")
COUNT_ELEMENTS = queries.load("seed/count_elements")
COUNT_SEEDED = queries.load("seed/count_seeded")


@dataclass(frozen=True)
class SeedReport:
    """What one seeding run added to the graph, counted by Neo4j before and after."""

    customers: int
    nodes: int
    relationships: int
    seconds: float

    @property
    def elements(self) -> int:
        return self.nodes + self.relationships

    @property
    def elements_per_second(self) -> float:
        return self.elements / self.seconds if self.seconds > 0 else 0.0


async def seed_bank(
    db: Database,
    customers: int = 500,
    seed: int = 42,
    progress: bool = True,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    writers: int = DEFAULT_WRITERS,
    reference: datetime | None = None,
) -> SeedReport:
    """Generate and write a bank of `customers` customers into a graph that holds none yet.

    Its dates count back from `reference`, by default midnight UTC of today (load_day), so "the last
    90 days", reviews due and the analytics' default windows find the bank's recent activity."""
    if min(customers, batch_size, writers) < 1:
        raise ValueError("customers, batch_size and writers must be at least 1")
    await _refuse_seeded_graph(db)
    before = await _count_elements(db)
    started = time.perf_counter()
    reference = reference or load_day()
    with phase("Writing the reference data (products, pools, workforce, templates)") if progress else nullcontext():
        data, workforce = reference_data(customers, seed, reference)
        await write_rows(db, data)
        await seed_message_templates(db)  # Lead and Opportunity Management's message templates
    batches = customer_batches(customers, seed, workforce, batch_size, reference)
    with tqdm(total=customers, unit="customer", desc="seeding", disable=not progress, file=sys.stderr) as bar:
        await _write_batches(db, batches, bar.update, writers)
    seconds = time.perf_counter() - started
    after = await _count_elements(db)
    return SeedReport(customers, after[0] - before[0], after[1] - before[1], seconds)


async def wipe_graph(db: Database) -> None:
    """Delete everything: relationships first, since dense nodes are too big to detach in one go."""
    await db.write_autocommit(DELETE_RELATIONSHIPS)
    await db.write_autocommit(DELETE_NODES)


async def write_rows(db: Database, rows: Rows) -> None:
    """Each table in field order, each in one write transaction."""
    for name, table in rows.tables():
        if table:
            await db.write(STATEMENTS[name], rows=wire(name, table))


def wire(table: str, rows: list[Row]) -> list[Row]:
    """Rows as the statements expect them: instants as epoch seconds, dates as ISO-8601 strings."""
    fields = TEMPORAL_FIELDS.get(table)
    if not fields:
        return rows
    return [{**row, **{key: _on_wire(row[key]) for key in fields}} for row in rows]


def _on_wire(value: date | None) -> int | str | None:
    if isinstance(value, datetime):
        return int(value.timestamp())  # whole seconds: the generator makes no finer instants
    return None if value is None else value.isoformat()


async def _write_batches(db: Database, batches: Iterator[CustomerBlock], advance: Callable[[int], object],
                         writers: int) -> None:
    """`writers` batches in flight at once, so Neo4j commits on more than one core.

    Batches share no customers (households and networks stay inside a block), so
    concurrent batches only meet on reference nodes such as products; a deadlock there is
    a transient error that the driver's managed transaction retries.
    """
    turn = asyncio.Lock()

    async def next_batch() -> tuple[int, dict[str, list[Row]]] | None:
        async with turn:  # one generator, one caller at a time; it runs in a worker thread
            return await asyncio.to_thread(_next_on_wire, batches)

    async def writer() -> None:
        while (item := await next_batch()) is not None:
            customers, tables = item
            # The bar moves with each table, not each batch: a first batch on a cold Neo4j takes long.
            for done, (name, table) in enumerate(tables.items(), start=1):
                await db.write(STATEMENTS[name], rows=table)
                advance(customers * done // len(tables) - customers * (done - 1) // len(tables))

    await _all_or_none([writer() for _ in range(writers)])


async def _all_or_none(work: list[Coroutine[Any, Any, None]]) -> None:
    """Run concurrently; if one fails, cancel the rest and raise its error (not a group)."""
    tasks = [asyncio.create_task(item) for item in work]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def _next_on_wire(batches: Iterator[CustomerBlock]) -> tuple[int, dict[str, list[Row]]] | None:
    batch = next(batches, None)
    if batch is None:
        return None
    return len(batch.customers), {name: wire(name, table) for name, table in batch.tables() if table}


async def _refuse_seeded_graph(db: Database) -> None:
    row = (await db.read(COUNT_SEEDED))[0]
    if row["customers"] or row["resources"]:
        raise Conflict(
            f"the graph already holds {row['customers']} customers and {row['resources']} servicing "
            "resources; seeding needs a graph without them: wipe it first"
        )


async def _count_elements(db: Database) -> tuple[int, int]:
    row = (await db.read(COUNT_ELEMENTS))[0]
    return int(row["nodes"]), int(row["relationships"])
