"""Through the app: a compiled query costs ONE read transaction where the resolvers cost several, with
the same response; development mode shows the statement in the response's extensions; the statements
of the benchmark's kinds of operation start from indexes (EXPLAIN)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from graphql import parse
from graphql.execution.executor import Executor
from starlette.testclient import TestClient

from app import create_app
from gateway.security.auth import Principal, Role, issue_token
from gateway.settings import Settings
from graph.browser_params import parse_block
from graph.database import Database
from graph.query_runner import evaluate
from resolvers.compiled.__main__ import main as compiled_main
from resolvers.compiled.plan import compile_operation
from tests.support import RM, SCHEMA, bank_graph, execute, plan_afresh

CUSTOMER_360 = """query ($id: ID!) { customer(customerId: $id) { customerId name segment
  holdings { status since product { productId name } }
  household { name members { role customer { customerId name } } }
  relatedParties { role party { customerId name } }
  routingProfile(at: "2026-02-15T00:00:00Z") { asOf activeIndicators { type value narrative } } } }"""


@pytest.fixture(scope="module")
async def bank(database: Database) -> Database:
    return await bank_graph(database, "routing_profiles", "event_history", "compiled_reads")


def transactions_of(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], int]:
    """The response to CUSTOMER_360 over HTTP, and how many transactions the gateway ran for it."""
    runs: list[str] = []
    original = Database._run

    async def counted(self: Database, access: str, query: Any, params: dict[str, Any], *fetch: Any) -> Any:
        runs.append(access)
        return await original(self, access, query, params, *fetch)

    token = issue_token(settings, "R-CR-1", frozenset({Role.RELATIONSHIP_MANAGER}))
    with TestClient(create_app(settings)) as client:
        monkeypatch.setattr(Database, "_run", counted)
        response = client.post("/graphql", json={"query": CUSTOMER_360, "variables": {"id": "C0000001"}},
                               headers={"Authorization": f"Bearer {token}"})
        monkeypatch.setattr(Database, "_run", original)
    assert response.status_code == 200
    assert set(runs) <= {"READ"}
    return response.json(), len(runs)


async def test_a_compiled_query_is_one_read_transaction(bank: Database, settings: Settings,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    compiled, compiled_runs = transactions_of(settings, monkeypatch)
    # The resolver path in process (an app start costs seconds): the same answer, a statement per level.
    resolved, context = await execute(bank, dataclasses.replace(settings, compiled_reads=False), CUSTOMER_360,
                                      {"id": "C0000001"}, Principal("R-CR-1", RM))
    assert compiled == {"data": resolved.data}
    assert compiled_runs == 1 and context.db.round_trips >= 5, (compiled_runs, context.db.round_trips)
    # Rita's book holds Alice, not Bob and Chloe: their names answer, the rest of them would not.
    assert [m["customer"]["name"] for m in compiled["data"]["customer"]["household"]["members"]] == [
        "Alice Martin", "Bob Martin", "Chloe Martin"]
    assert [i["type"] for i in compiled["data"]["customer"]["routingProfile"]["activeIndicators"]] == [
        "IN_ARREARS", "VALUE_TIER", "VULNERABLE_CUSTOMER"]


async def test_development_mode_shows_the_statement(bank: Database, settings: Settings) -> None:
    result, _ = await execute(bank, dataclasses.replace(settings, dev_mode=True), CUSTOMER_360, {"id": "C0000001"})
    assert result.errors is None
    cypher = (result.extensions or {})["cypher"]
    assert cypher["statement"].startswith("CALL () {") and "C0000001" not in cypher["statement"]
    assert "C0000001" in cypher["parameters"].values()
    quiet, _ = await execute(bank, settings, CUSTOMER_360, {"id": "C0000001"})
    assert "cypher" not in (quiet.extensions or {})


def test_the_switch_reads_gateway_compiled_reads() -> None:
    assert Settings.from_env({}).compiled_reads is True
    assert Settings.from_env({"GATEWAY_COMPILED_READS": "0"}).compiled_reads is False


PAGE_WITH_EVENTS = """{ customers(first: 20, filter: {segment: PREMIER}) { edges { node { customerId name
  holdings { product { name } } household { members { customer { name } } }
  routingProfile { activeIndicators { type } } events(first: 5) { edges { node { type occurredAt } } } } } } }"""


def operators(plan: dict[str, Any]) -> list[str]:
    return [plan["operatorType"].split("@")[0], *(op for child in plan.get("children", []) for op in operators(child))]


@pytest.mark.parametrize("query", [CUSTOMER_360, PAGE_WITH_EVENTS], ids=["customer-360", "page-with-events"])
async def test_every_compiled_statement_starts_from_an_index(bank: Database, settings: Settings, query: str) -> None:
    """No label or whole-graph scan: the root customer is an index seek, a page a range seek on
    customerId read in order (paged before projecting), events a seek on their timeline index."""
    principal = Principal("R-CR-1", RM)
    executor = Executor.build(SCHEMA._schema, parse(query), raw_variable_values={"id": "C0000001"})
    assert isinstance(executor, Executor)
    compiled = compile_operation(SCHEMA._schema, executor, principal)
    plan = await plan_afresh(bank, "EXPLAIN", compiled.statement,
                             **compiled.parameters(executor.variable_values, principal))
    found = operators(plan)
    assert not {"AllNodesScan", "NodeByLabelScan"} & set(found), found
    assert any("IndexSeek" in op or "IndexScan" in op for op in found), found


async def test_the_command_prints_what_neo4j_browser_runs(bank: Database, capsys: pytest.CaptureFixture[str]) -> None:
    """python -m resolvers.compiled: its :param lines read with Browser 5's rules, then its statement,
    answer the one row the gateway reads (before the post-pass)."""
    assert compiled_main([CUSTOMER_360, "--variables", '{"id": "C0000001"}', "--role", "relationship_manager",
                          "--resource-id", "R-CR-1"]) == 0
    lines, statement = capsys.readouterr().out.split("\n\n", 1)
    async with bank.driver.session(database=bank.name) as session:
        parameters = await evaluate(session, parse_block(lines))
        rows = await (await session.run(statement, parameters)).data()
    assert parameters["bookOf"] == "R-CR-1" and "C0000001" in parameters.values()
    [row] = rows
    [answer] = row.values()
    assert answer["inBook"] is True and answer["value"]["name"] == "Alice Martin"
    outside = [m["customer"] for m in answer["value"]["household"]["members"] if "__outside" in m["customer"]]
    assert [m["customerId"] for m in outside] == ["C0000002", "C0000003"]  # Bob and Chloe: not Rita's
