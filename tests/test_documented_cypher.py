"""Every documented Cypher runs as documented, in Neo4j Browser 5, against the demo bank.

For each file of cypher/ and each Markdown page of docs/: the `:param` lines are read with
Browser 5's rules (graph/browser_params.py has them, from Browser's source: splitting on `;`,
`:param name => <expr>` evaluated as `RETURN <expr>`, a map only in parentheses, a value on
several lines only as `=> ({` ... `})`), evaluated against Neo4j as Browser does
(graph.query_runner.evaluate), and the statement runs with exactly those parameters on a
seeded demo bank, in a transaction rolled back afterwards. A page's ```cypher blocks run with
the parameters its earlier `:param` blocks set, as in one Browser session.

Each statement must run without error and give rows, unless NO_ROWS says why it gives none.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import LiteralString, cast

import pytest
from neo4j.exceptions import Neo4jError

from graph.browser_params import BrowserParamError, ParamBlock, ParamCommand, cypher_file_block, markdown_blocks, parse_block
from graph.database import Database
from graph.queries import CYPHER_DIR
from graph.query_runner import ParamValueError, evaluate, missing
from graph.seed import seed_bank, wipe_graph

ROOT = CYPHER_DIR.parent
# cypher/compiled/ holds fragments of statements (resolvers/compiled/), not statements: docs/compiled-reads.md.
FILES = sorted(p for p in CYPHER_DIR.rglob("*.cypher") if p.relative_to(CYPHER_DIR).parts[0] != "compiled")
PAGES = sorted((ROOT / "docs").glob("*.md"))
CYPHER_FENCE = re.compile(r"^```cypher\n(.*?)^```", re.S | re.M)
CUSTOMERS = 200

NO_AUDIT = "the demo bank holds no audit records: the gateway writes them as mutations run"
NO_ALLOCATIONS = "the demo bank holds no allocations: requestAllocation creates them"
NO_KEYS = "idempotency keys are written by the API's mutations: the demo bank has none"
NO_DEVELOPMENTS = "the demo bank holds no lead developments: initiateLeadDevelopment creates them"
WRITES_ONLY = "writes and returns nothing"
# Statements that rightly give no rows on a freshly seeded demo bank, each with the reason (reviewed).
NO_ROWS: dict[str, str] = {
    **{f"schema/{p.stem}": "a constraint or index, created IF NOT EXISTS: no rows"
       for p in (CYPHER_DIR / "schema").glob("*.cypher")},
    "audit/audit_records": NO_AUDIT,
    "audit/audit_records_of_request": NO_AUDIT,
    "audit/audit_records_of_subject": NO_AUDIT,
    "audit/record_audit": WRITES_ONLY,
    "contact_routing/allocation_by_idempotency_key": NO_ALLOCATIONS,
    "contact_routing/assignments_of_pool": NO_ALLOCATIONS,
    "contact_routing/capture_allocation_wrap_up": NO_ALLOCATIONS,
    "contact_routing/get_allocations": NO_ALLOCATIONS,
    "contact_routing/lapsed_offers": NO_ALLOCATIONS,
    "contact_routing/lock_allocation": NO_ALLOCATIONS,
    "contact_routing/mark_routed": NO_ALLOCATIONS,
    "contact_routing/servable_queued_contacts": NO_ALLOCATIONS,
    "contact_routing/set_allocation_status": NO_ALLOCATIONS,
    "customer_event_history/versions_of_events": "an event has earlier versions only once updateEvent changed it",
    "customer_relationship_management/matching_lead_by_idempotency_key": NO_KEYS,
    "customer_relationship_management/step_by_idempotency_key": NO_KEYS,
    "lead_and_opportunity_management/assign_by_idempotency_key": NO_KEYS,
    "lead_and_opportunity_management/development_by_idempotency_key": NO_KEYS,
    "lead_and_opportunity_management/development_by_ids": NO_DEVELOPMENTS,
    "lead_and_opportunity_management/development_change": NO_DEVELOPMENTS,
    "lead_and_opportunity_management/development_lock": NO_DEVELOPMENTS,
    "lead_and_opportunity_management/development_message_context": NO_DEVELOPMENTS,
    "health/await_indexes": "a procedure that waits for the indexes and returns nothing",
}
# Queries of docs/ that rightly give no rows on a freshly seeded bank: (page, a line of the query) -> why.
PAGE_NO_ROWS: dict[tuple[str, str], str] = {
    ("graph-model.md", "WHERE has.proficiency >= need.minProficiency AND $language IN r.languages AND r.status = 'AVAILABLE'"):
        "who is AVAILABLE changes as resources log in and out: a seeded bank may have nobody there",
}
# Statements planned (EXPLAIN) with their evaluated parameters instead of run, and why (reviewed).
PLANNED_ONLY: dict[str, str] = {
    **{name_: "runs in transactions of its own (CALL { } IN TRANSACTIONS), which a rolled-back one cannot hold"
       for name_ in ("health/delete_nodes", "health/delete_relationships")},
    **{f"seed/{p.stem}": "a loader statement: it CREATEs the generated row it documents, which a seeded bank holds already"
       for p in (CYPHER_DIR / "seed").glob("create_*.cypher")},
    **{f"seed/{p.stem}": "a loader statement: it links the generated row it documents, which a seeded bank holds already"
       for p in (CYPHER_DIR / "seed").glob("link_*.cypher")},
}


@pytest.fixture(scope="module")
async def demo_bank(database: Database) -> Database:
    await wipe_graph(database)
    await seed_bank(database, customers=CUSTOMERS, seed=42, progress=False)
    return database


def name_of(path: Path) -> str:
    return str(path.relative_to(CYPHER_DIR).with_suffix(""))


def commands_of(source: str, block: ParamBlock | None, where: str) -> list[ParamCommand]:
    if block is None:
        return []
    try:
        return parse_block(block.text, block.line)
    except BrowserParamError as error:
        pytest.fail(f"{where}:{error.line}: Browser 5 refuses this parameter line: {error}")


async def run_in_rollback(db: Database, where: str, commands: list[ParamCommand],
                          statements: list[tuple[int, str]], explain: bool = False) -> list[int]:
    """Row counts of `statements` after `commands`, all in one transaction that is rolled back."""
    counts: list[int] = []
    async with db.driver.session(database=db.name) as session:
        tx = await session.begin_transaction()
        try:
            try:
                params = await evaluate(tx, commands)
            except ParamValueError as error:
                pytest.fail(f"{where}:{error}")
            for line, statement in statements:
                absent = missing(statement, params)
                assert not absent, f"{where}:{line}: no :param sets {', '.join('$' + n for n in absent)}"
                text = cast(LiteralString, ("EXPLAIN " if explain else "") + statement)
                try:
                    result = await tx.run(text, params)
                    counts.append(len([record async for record in result]))
                except Neo4jError as error:
                    pytest.fail(f"{where}:{line}: the statement fails with its documented parameters "
                                f"({error.code}: {error.message})")
        finally:
            await tx.rollback()
    return counts


def test_there_is_something_to_check() -> None:
    assert len(FILES) > 200
    assert not (set(NO_ROWS) | set(PLANNED_ONLY)) - {name_of(p) for p in FILES}, "a listed file is gone"
    assert sum(cypher_file_block(p.read_text(encoding="utf-8")) is not None for p in FILES) > 100


@pytest.mark.parametrize("path", FILES, ids=[name_of(p) for p in FILES])
async def test_the_file_runs_with_its_parameter_lines(demo_bank: Database, path: Path) -> None:
    name, source = name_of(path), path.read_text(encoding="utf-8")
    where = f"cypher/{name}.cypher"
    commands = commands_of(source, cypher_file_block(source), where)
    statement_line = next(i for i, line in enumerate(source.split("\n"), 1) if line.strip() and not line.lstrip().startswith("//"))
    [rows] = await run_in_rollback(demo_bank, where, commands, [(statement_line, source)], explain=name in PLANNED_ONLY)
    if name in PLANNED_ONLY:
        return
    if name in NO_ROWS:
        assert rows == 0, f"{where}: listed as giving no rows ({NO_ROWS[name]}) but gave {rows}"
    else:
        assert rows > 0, f"{where}:{commands[0].line if commands else 1}: no rows with the documented parameters: " \
                         "name demo-bank objects that give some, or list the file in NO_ROWS with the reason"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
async def test_the_page_runs_its_parameter_lines_and_queries(demo_bank: Database, page: Path) -> None:
    source, where = page.read_text(encoding="utf-8"), f"docs/{page.name}"
    commands: list[ParamCommand] = []
    for block in markdown_blocks(source):
        commands += commands_of(source, block, where)
    queries = [(source.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in CYPHER_FENCE.finditer(source)]
    counts = await run_in_rollback(demo_bank, where, commands, queries)
    allowed = [fragment for (name, fragment) in PAGE_NO_ROWS if name == page.name]
    empty = [line for (line, query), rows in zip(queries, counts, strict=True)
             if rows == 0 and not any(fragment in query for fragment in allowed)]
    assert not empty, f"{where}: the queries at lines {empty} give no rows with the page's parameters"


# What Browser 5 does with each input (checked against its own code: the lambda parser 1.0.5 and
# the statement splitter it bundles): the commands it accepts as (name, query), or the refusal.
BROWSER_CASES = [
    (":param m => {customerId: 'C0000001'}", [("m", "customerId: 'C0000001'")]),  # runs the braces as a query
    (":param m => ({customerId: 'C0000001'})", [("m", "RETURN ({customerId: 'C0000001'})")]),
    (":param a => 1;\n:param b => 'x;y';", [("a", "RETURN 1"), ("b", "RETURN 'x;y'")]),
    (":param at => datetime();", [("at", "RETURN datetime();")]),  # alone, the ';' stays in
    (":param m => ({\n  a: 1,\n  b: [2]\n})", [("m", "RETURN ({\n  a: 1,\n  b: [2]\n})")]),
    (":param a => 1;\n:param m => ({\n  a: 1\n});", [("a", "RETURN 1"), ("m", "RETURN ({\n  a: 1\n})")]),
    (":param a => 1\n:param b => 2", "several lines"),
    (":param m => ({a: 1,\n  b: 2})", "several lines"),
    (":param m => ({\n  a: 1\n});", "ends with `;`"),
    (":param x =>", "no value"),
    (":param _x => 1", "a parameter name"),
    # Browser reads these two as JSON-like text Neo4j never evaluates; the project refuses them.
    (":param x: 1", "name => <Cypher expression>"),
    (":params {x: 1}", ":params"),
]


@pytest.mark.parametrize(("text", "expected"), BROWSER_CASES, ids=[c[0] for c in BROWSER_CASES])
def test_the_rules_are_browsers(text: str, expected: list[tuple[str, str]] | str) -> None:
    if isinstance(expected, str):
        with pytest.raises(BrowserParamError, match=re.escape(expected)):
            parse_block(text)
    else:
        assert [(command.name, command.query) for command in parse_block(text)] == expected
