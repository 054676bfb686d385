"""Through the app: a compiled query costs ONE read transaction where the resolvers cost several, with
the same response; development mode shows the statement in the response's extensions; the statements
of the benchmark's operations page before projecting and start from indexes (EXPLAIN)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from graphql import parse
from graphql.execution.executor import Executor
from starlette.testclient import TestClient

from app import create_app
from bench.vs_neo4j_graphql_cases import build_cases
from gateway.security.auth import ALL_ROLES, Principal, Role, issue_token
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
    original, plain = Database._run, Database.read_plain

    async def counted(self: Database, access: str, query: Any, params: dict[str, Any]) -> Any:
        runs.append(access)
        return await original(self, access, query, params)

    async def counted_plain(self: Database, query: Any, **params: Any) -> Any:
        runs.append("READ")
        return await plain(self, query, **params)

    token = issue_token(settings, "R-CR-1", frozenset({Role.RELATIONSHIP_MANAGER}))
    with TestClient(create_app(settings)) as client:
        monkeypatch.setattr(Database, "_run", counted)
        monkeypatch.setattr(Database, "read_plain", counted_plain)
        response = client.post("/graphql", json={"query": CUSTOMER_360, "variables": {"id": "C0000001"}},
                               headers={"Authorization": f"Bearer {token}"})
        monkeypatch.setattr(Database, "_run", original)
        monkeypatch.setattr(Database, "read_plain", plain)
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
PROFILE_BY_ID = """{ partyRoutingProfile(partyStateId: "PS-C0000001") { customerId version
  activeIndicators { type value narrative } history { type validFrom } reviewRequests { reason status } } }"""


def operator_of(step: dict[str, Any]) -> str:
    return str(step["operatorType"]).split("@")[0]


def every(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan's steps, root first."""
    return [plan, *(step for child in plan.get("children", []) for step in every(child))]


def operators(plan: dict[str, Any]) -> list[str]:
    return [operator_of(step) for step in every(plan)]


def path_to(plan: dict[str, Any], operator: str) -> list[dict[str, Any]] | None:
    """The steps from the root down to the first `operator`, both included."""
    if operator_of(plan) == operator:
        return [plan]
    for child in plan.get("children", []):
        found = path_to(child, operator)
        if found is not None:
            return [plan, *found]
    return None


# A nested subquery's pattern must start from a node the statement has bound already, from an index it
# names (a hint Neo4j refuses to plan without), or from an indexed property equal to a parameter: else it
# would be a label scan inside the projection, where EXPLAIN shows no operator for it.
NESTED_MATCH = re.compile(r"MATCH (.+?)(?=\s+(?:USING|WHERE|WITH|RETURN)\b)", re.DOTALL)
NODE = re.compile(r"\(`?(\w+)")


def unanchored_subqueries(details: str, indexed: set[tuple[str, str]]) -> list[str]:
    """The nested MATCHes of a projection that start from none of those."""
    def anchored(match: re.Match[str]) -> bool:
        names = NODE.findall(match.group(1))
        rest = details[match.end():]
        clause = re.split(r"\b(?:WITH|RETURN)\b", rest, maxsplit=1)[0]
        return (any(re.search(rf"\b{name}\b", details[:match.start()]) for name in names)
                or rest.lstrip().startswith("USING INDEX")
                or any((label, key) in indexed for name in names
                       for key in re.findall(rf"`?{name}`?\.(\w+) (?:= |IN \[)\$", clause)
                       for label in re.findall(rf"`?{name}`?:(\w+)", clause)))
    return [match.group(0) for match in NESTED_MATCH.finditer(details) if not anchored(match)]


@pytest.fixture(scope="module")
async def indexed(bank: Database) -> set[tuple[str, str]]:
    """(label, property) of every index and constraint's index."""
    rows = await bank.read("SHOW INDEXES YIELD labelsOrTypes, properties WHERE properties IS NOT NULL "
                           "RETURN labelsOrTypes[0] AS label, properties[0] AS key")
    return {(row["label"], row["key"]) for row in rows}


BENCHMARK = [(case.name, case.gateway, case.requests[0].gateway, case.paged) for case in build_cases(100_000, 7)]


@pytest.mark.parametrize("who", ["admin", "relationship manager"])
@pytest.mark.parametrize(("query", "variables", "paged"), [
    *((query, variables, paged) for _, query, variables, paged in BENCHMARK),
    (PAGE_WITH_EVENTS, {}, True),
    (PROFILE_BY_ID, {}, False),
], ids=[*(name for name, *_ in BENCHMARK), "page-with-events", "profile-by-id"])
async def test_every_compiled_statement_pages_before_projecting_and_starts_from_an_index(
        bank: Database, indexed: set[tuple[str, str]], query: str, variables: dict[str, Any], paged: bool,
        who: str) -> None:
    """The benchmark's operations (bench/vs_neo4j_graphql_cases.py), a page with events and a routing profile
    by id, as an admin and
    as a relationship manager (the book rule compiled in): no label or whole-graph scan; the customers
    come from an index seek (a page: a range seek on customerId, read in order); a page is cut (Limit)
    before anything of its customers is projected; every nested subquery starts from a node already
    bound or from a named index (events: their timeline index)."""
    principal = Principal("admin", ALL_ROLES) if who == "admin" else Principal("R-CR-1", RM)
    executor = Executor.build(SCHEMA._schema, parse(query), raw_variable_values=variables)
    assert isinstance(executor, Executor)
    compiled = compile_operation(SCHEMA._schema, executor, principal)
    plan = await plan_afresh(bank, "EXPLAIN", compiled.statement,
                             **compiled.parameters(executor.variable_values, principal))
    found = operators(plan)
    assert not {"AllNodesScan", "NodeByLabelScan", "NodeIndexScan"} & set(found), found
    assert "NodeUniqueIndexSeekByRange" in found if paged else "NodeUniqueIndexSeek" in found, found
    leaves = [operator_of(step) for step in every(plan) if not step.get("children")]
    assert all("IndexSeek" in leaf or leaf == "Argument" for leaf in leaves), found
    if paged:
        to_limit = path_to(plan, "Limit")
        assert to_limit is not None, found
        assert "Projection" in map(operator_of, to_limit), found
        page = operators(to_limit[-1])
        assert not {"Projection", "EagerAggregation", "RollUpApply", "Apply"} & set(page), page
    for step in every(plan):
        details = str(step.get("args", {}).get("Details", ""))
        assert not unanchored_subqueries(details, indexed), (unanchored_subqueries(details, indexed), details)


# A member's segment is not a reference field: outside the book it is withheld, so the book is checked.
WITH_MEMBER_SEGMENTS = CUSTOMER_360.replace("members { role customer { customerId name } }",
                                            "members { role customer { customerId name segment } }")


def test_the_book_is_checked_only_where_a_field_would_be_withheld() -> None:
    def book_checks(query: str) -> int:
        executor = Executor.build(SCHEMA._schema, parse(query), raw_variable_values={"id": "C0000001"})
        assert not isinstance(executor, list)
        compiled = compile_operation(SCHEMA._schema, executor, Principal("R-CR-1", RM))
        return compiled.statement.count("$bookOf IS NULL")

    assert WITH_MEMBER_SEGMENTS != CUSTOMER_360
    # The customer itself, then its household members once a member's segment is asked for; related
    # parties and members by name only answer the same inside the book and out.
    assert (book_checks(CUSTOMER_360), book_checks(WITH_MEMBER_SEGMENTS)) == (1, 2)


async def test_the_command_prints_what_neo4j_browser_runs(bank: Database, capsys: pytest.CaptureFixture[str]) -> None:
    """python -m resolvers.compiled: its :param lines read with Browser 5's rules, then its statement,
    answer the one row the gateway reads (before the post-pass)."""
    assert compiled_main([WITH_MEMBER_SEGMENTS, "--variables", '{"id": "C0000001"}', "--role", "relationship_manager",
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
