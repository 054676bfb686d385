"""The helpers the tests rely on to prove things: a helper that cannot notice a change would make
every "the graph is unchanged" assertion pass vacuously."""

from __future__ import annotations

from typing import LiteralString

import pytest

from graph.database import Database
from tests.support import bank_graph, fingerprint, snapshot

# Two nodes and a relationship, each with properties of several types, and an audit record.
PLANT: LiteralString = """
CREATE (a:Probe:Extra {probeId: 'a', n: 1, f: 1.5, ok: true, tags: ['x', 'y'], on: date('2026-01-02')})
CREATE (b:Probe {probeId: 'b', name: 'b'})
CREATE (a)-[:PROBES {weight: 2, note: 'n'}]->(b)
CREATE (:AuditRecord {operation: 'probe'})
"""

CHANGES: dict[str, LiteralString] = {
    "a node added": "CREATE (:Probe {probeId: 'c'})",
    "a node deleted": "MATCH (p:Probe {probeId: 'b'}) DETACH DELETE p",
    "a label added": "MATCH (p:Probe {probeId: 'b'}) SET p:Extra",
    "a label removed": "MATCH (p:Probe {probeId: 'a'}) REMOVE p:Extra",
    "a property added": "MATCH (p:Probe {probeId: 'b'}) SET p.more = 1",
    "a property removed": "MATCH (p:Probe {probeId: 'a'}) REMOVE p.f",
    "a number changed": "MATCH (p:Probe {probeId: 'a'}) SET p.n = 2",
    "a number changed to the same text": "MATCH (p:Probe {probeId: 'a'}) SET p.n = '1'",
    "a float changed": "MATCH (p:Probe {probeId: 'a'}) SET p.f = 1.5000001",
    "a boolean changed": "MATCH (p:Probe {probeId: 'a'}) SET p.ok = false",
    "a date changed": "MATCH (p:Probe {probeId: 'a'}) SET p.on = date('2026-01-03')",
    "a list item changed": "MATCH (p:Probe {probeId: 'a'}) SET p.tags = ['x', 'z']",
    "list items joined": "MATCH (p:Probe {probeId: 'a'}) SET p.tags = ['xy']",
    "list items reordered": "MATCH (p:Probe {probeId: 'a'}) SET p.tags = ['y', 'x']",
    "a relationship added": "MATCH (a:Probe {probeId: 'a'}), (b:Probe {probeId: 'b'}) CREATE (b)-[:PROBES]->(a)",
    "a relationship deleted": "MATCH (:Probe)-[r:PROBES]->() DELETE r",
    "a relationship reversed": "MATCH (a)-[r:PROBES]->(b) DELETE r CREATE (b)-[:PROBES {weight: 2, note: 'n'}]->(a)",
    "a relationship's type changed": "MATCH (a)-[r:PROBES]->(b) DELETE r CREATE (a)-[:PROBED {weight: 2, note: 'n'}]->(b)",
    "a relationship property changed": "MATCH ()-[r:PROBES]->() SET r.weight = 3",
    "a relationship property removed": "MATCH ()-[r:PROBES]->() REMOVE r.note",
}


@pytest.fixture
async def probe(clean_graph: Database) -> Database:
    await clean_graph.write(PLANT)
    return clean_graph


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
async def test_the_fingerprint_notices_every_kind_of_change(probe: Database, change: str) -> None:
    before = await snapshot(probe)
    assert await snapshot(probe) == before  # reading it changes nothing
    await probe.write(CHANGES[change])
    assert await snapshot(probe) != before


async def test_the_fingerprint_counts_and_leaves_audit_records_out_unless_asked(probe: Database) -> None:
    before, with_audit = await snapshot(probe), await fingerprint(probe, audit=True)
    assert (before.nodes, before.relationships, with_audit.nodes) == (2, 1, 3)
    await probe.write("CREATE (:AuditRecord {operation: 'another'})")
    assert await snapshot(probe) == before
    assert await fingerprint(probe, audit=True) != with_audit


async def test_a_bank_is_reused_only_while_it_is_exactly_as_loaded(database: Database) -> None:
    await bank_graph(database)
    loaded = await fingerprint(database, audit=True)
    ids = await database.read("MATCH (c:Customer) RETURN collect(elementId(c)) AS ids")
    await bank_graph(database)  # unchanged: the very same nodes, not a reload
    assert await database.read("MATCH (c:Customer) RETURN collect(elementId(c)) AS ids") == ids

    await database.write("MATCH (c:Customer) WITH c LIMIT 1 SET c.name = 'changed'")
    await bank_graph(database)
    assert not await database.read("MATCH (c:Customer {name: 'changed'}) RETURN c")  # reloaded
    assert (await fingerprint(database, audit=True)).nodes == loaded.nodes

    await database.write("CREATE (:AuditRecord {operation: 'a refused mutation'})")
    await bank_graph(database)
    assert not await database.read("MATCH (a:AuditRecord) RETURN a")

    await bank_graph(database, "routing_profiles")  # other extras: loaded afresh
    assert (await fingerprint(database, audit=True)).nodes > loaded.nodes
