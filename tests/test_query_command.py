"""`python -m graph query`, run as an analyst runs it: a subprocess against a seeded demo bank."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from gateway.settings import Settings
from graph.__main__ import main
from graph.database import Database
from graph.seed import seed_bank, wipe_graph

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


Query = Callable[..., Run]


@pytest.fixture(scope="module")
async def demo_bank(database: Database) -> Database:
    await wipe_graph(database)
    await seed_bank(database, customers=30, seed=42, progress=False)
    return database


@pytest.fixture(scope="module")
def query(settings: Settings, demo_bank: Database) -> Query:
    assert settings.neo4j_uri is not None
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri, "NEO4J_USER": settings.neo4j_user,
           "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database}

    def run(*args: str) -> Run:
        done = subprocess.run([sys.executable, "-m", "graph", "query", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        return Run(done.returncode, done.stdout, done.stderr)
    return run


def test_a_table_for_the_terminal(query: Query) -> None:
    run = query("get_customers_by_id", "--param", "customerIds=['C0000001', 'C0000002']")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].startswith("+-") and lines[1].split("|")[1].strip() == "customerId"
    assert [line.split("|")[1].strip() for line in lines[3:5]] == ["C0000001", "C0000002"]
    assert lines[-1] == "2 rows"


def test_csv_for_tools(query: Query) -> None:
    run = query("customers/get_customers_by_id", "--param", "customerIds=['C0000003']", "--format", "csv")
    assert run.code == 0, run.err
    header, *rows = list(csv.reader(io.StringIO(run.out)))
    assert header == ["customerId", "customer"]
    assert [row[0] for row in rows] == ["C0000003"]
    assert json.loads(rows[0][1])["customerId"] == "C0000003"


def test_json_with_the_documented_parameters_then_one_overridden(query: Query) -> None:
    documented = query("list_indicator_types", "--format", "json")  # the file says :param kind => 'ALERT'
    assert documented.code == 0, documented.err
    kinds = {row["indicatorType"]["kind"] for row in json.loads(documented.out)}
    assert kinds == {"ALERT"}
    everything = query("list_indicator_types", "-f", "json", "-p", "kind=null")
    assert everything.code == 0, everything.err
    assert {row["indicatorType"]["kind"] for row in json.loads(everything.out)} > kinds


# The refusals run in this process (graph.__main__.main), sparing a Python start-up each.
@pytest.fixture
def in_process(settings: Settings, demo_bank: Database, monkeypatch: pytest.MonkeyPatch,
               capsys: pytest.CaptureFixture[str]) -> Query:
    assert settings.neo4j_uri is not None
    for name, value in (("NEO4J_URI", settings.neo4j_uri), ("NEO4J_USER", settings.neo4j_user),
                        ("NEO4J_PASSWORD", settings.neo4j_password), ("NEO4J_DATABASE", settings.neo4j_database)):
        monkeypatch.setenv(name, value)

    def run(*args: str) -> Run:
        code = main(["query", *args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)
    return run


async def test_a_statement_that_writes_needs_write_and_leaves_the_graph_alone_without(
        in_process: Query, demo_bank: Database) -> None:
    refused = await asyncio.to_thread(in_process, "party_routing_profile/update_indicator_type",
                                      "--param", "properties=({priorityBoost: 9})")
    assert refused.code == 2
    assert "writes to the graph" in refused.err and "--write" in refused.err
    [row] = await demo_bank.read("MATCH (t:IndicatorType {code: 'IN_ARREARS'}) RETURN t.priorityBoost AS boost")
    assert row["boost"] != 9


async def test_errors_say_what_to_do(in_process: Query, tmp_path: Path) -> None:
    unknown = await asyncio.to_thread(in_process, "customer_netwrk")
    assert unknown.code == 2 and "did you mean" in unknown.err and "network_customer_network" in unknown.err
    statement = tmp_path / "answer.cypher"
    statement.write_text("RETURN $x AS x\n", encoding="utf-8")
    missing = await asyncio.to_thread(in_process, str(statement))
    assert missing.code == 2 and "needs $x" in missing.err and "--param x=" in missing.err
    answered = await asyncio.to_thread(in_process, str(statement), "--param", "x=41 + 1", "--format", "json")
    assert json.loads(answered.out) == [{"x": 42}]
    browser_map = await asyncio.to_thread(in_process, str(statement), "--param", "x={a: 1}")
    assert browser_map.code == 2 and "a map needs `=> ({...})`" in browser_map.err
