"""Abuse limits: each refuses a request before any resolver or Cypher runs, and each is a setting."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
import strawberry.schema.schema as strawberry_schema
from graphql import DocumentNode, parse
from starlette.testclient import TestClient
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionResult

from app import create_app
from gateway.http_limits import TokenBuckets
from gateway.security import limits
from gateway.security.auth import ALL_ROLES, Principal, issue_token
from gateway.settings import Settings, SettingsError
from graph.database import Database
from graph.errors import TimedOut
from resolvers.context import Context
from resolvers.schema import build_schema
from tests.support import bank_graph

FIRST_THREE = "{ customers(first: 3) { edges { node { customerId } } } }"
# customers 1 + 10 edges x (1 + node 1 + events 1 + 10 edges x (1 + node 1)) = 231
NESTED = """query($outer: Int, $inner: Int = 10) {
  customers(first: $outer) { edges { node { customerId events(first: $inner) { edges { node { eventId } } } } } }
}"""


async def execute(database: Database, settings: Settings, query: str, variables: dict[str, Any] | None = None,
                  operation_name: str | None = None) -> tuple[ExecutionResult, Context]:
    """Run `query` against a schema built with `settings`' limits, as a principal with every role."""
    context = Context(db=database.for_request(), principal=Principal("tester", ALL_ROLES), settings=settings)
    result = await build_schema(settings).execute(query, variable_values=variables, context_value=context,
                                                  operation_name=operation_name)
    return result, context


async def refused(database: Database, settings: Settings, query: str, variables: dict[str, Any] | None = None,
                  operation_name: str | None = None) -> dict[str, Any]:
    """The first error of a refused operation, after checking not one statement reached Neo4j."""
    result, context = await execute(database, settings, query, variables, operation_name)
    assert result.errors, result
    assert result.data is None
    assert context.db.round_trips == 0, "a refused operation must not reach Neo4j"
    error = result.errors[0]
    return {"message": error.message, **(error.extensions or {})}


async def answered(schema: Any, database: Database, settings: Settings, query: str) -> ExecutionResult:
    """`query` run on `schema` (a schema of its own, not `settings`' limits), as a principal with every role."""
    context = Context(db=database.for_request(), principal=Principal("tester", ALL_ROLES), settings=settings)
    result: ExecutionResult = await schema.execute(query, context_value=context)
    return result


async def asked_twice(schema: Any, database: Database, settings: Settings, query: str) -> None:
    """`query` answered twice by `schema`, the same way and without errors."""
    first, again = await answered(schema, database, settings, query), await answered(schema, database, settings, query)
    assert first.errors is None and again.errors is None and again.data == first.data


async def succeeds(database: Database, settings: Settings, query: str, variables: dict[str, Any] | None = None,
                   operation_name: str | None = None) -> Any:
    result, _ = await execute(database, settings, query, variables, operation_name)
    assert result.errors is None, result.errors
    return result.data


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database)


async def test_depth_aliases_tokens_and_operations_are_capped(bank: Database, settings: Settings) -> None:
    deep = "{ customers { edges { node { household { members { customer { customerId } } } } } } }"
    shallow = replace(settings, max_query_depth=5)
    error = await refused(bank, shallow, deep)
    assert error["code"] == "VALIDATION" and "exceeds maximum operation depth of 5" in error["message"]
    assert await succeeds(bank, shallow, FIRST_THREE)

    aliases = "{ a: customers(first: 1) { edges { cursor } } b: customers(first: 1) { edges { cursor } } }"
    error = await refused(bank, replace(settings, max_aliases=1), aliases)
    assert (error["code"], error["message"]) == ("VALIDATION", "2 aliases found. Allowed: 1")
    assert await succeeds(bank, replace(settings, max_aliases=2), aliases)

    error = await refused(bank, replace(settings, max_tokens=10), FIRST_THREE)
    assert error["code"] == "VALIDATION" and "more than 10 tokens" in error["message"]

    three = "query A { __typename } query B { __typename } query C { customers(first: 1) { edges { cursor } } }"
    error = await refused(bank, replace(settings, max_operations=2), three, operation_name="C")
    assert error == {"message": "the document holds 3 operations; at most 2 are allowed (GATEWAY_MAX_OPERATIONS)",
                     "code": "VALIDATION"}
    # Within the limit only the named operation runs.
    assert await succeeds(bank, replace(settings, max_operations=3), three, operation_name="A") == {"__typename": "Query"}


async def test_a_document_sent_again_is_parsed_once_and_refused_as_the_first_time(
        bank: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A schema keeps each document it parsed and let through (limits.py, ParsedDocuments): the same
    text again is not parsed again, and neither a refusal nor another schema's limits are loosened."""
    texts: list[str] = []

    def counted(source: str, **options: Any) -> DocumentNode:
        texts.append(source)
        return parse(source, **options)

    monkeypatch.setattr(strawberry_schema, "parse", counted)
    schema, tight = build_schema(settings), build_schema(replace(settings, max_tokens=10))

    await asked_twice(schema, bank, settings, FIRST_THREE)
    assert texts == [FIRST_THREE]
    # The other schema's token limit still refuses the text this one kept.
    refused_here = await answered(tight, bank, settings, FIRST_THREE)
    assert refused_here.errors and "more than 10 tokens" in refused_here.errors[0].message
    # What did not parse, or was refused, is never kept: the same answer every time.
    for query, message in (("{ customers(first: 3) ", "Syntax Error"),
                           ("{ customers(first: 1) { edges { node { } } } }", "must select at least one field")):
        for _ in range(2):
            result = await answered(schema, bank, settings, query)
            assert result.errors and message in result.errors[0].message, result.errors
            assert (result.errors[0].extensions or {}).get("code") == "VALIDATION"


async def test_a_document_sent_again_is_validated_once_and_refused_as_the_first_time(
        bank: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """A schema validates each text once (limits.py, ValidateOnce): a valid document is not validated
    again, an invalid one is refused the same way every time, and another schema's rules still apply."""
    validated: list[DocumentNode] = []

    def counted(schema: Any, document: DocumentNode, rules: Any) -> Any:
        validated.append(document)
        return validate_document(schema, document, rules)

    monkeypatch.setattr(limits, "validate_document", counted)
    schema, shallow = build_schema(settings), build_schema(replace(settings, max_query_depth=2))

    await asked_twice(schema, bank, settings, FIRST_THREE)
    assert len(validated) == 1
    refused_here = await answered(shallow, bank, settings, FIRST_THREE)
    assert refused_here.errors and "exceeds maximum operation depth" in refused_here.errors[0].message
    for _ in range(2):
        result = await answered(schema, bank, settings, "{ customers(first: 1) { edges { node { nickname } } } }")
        assert result.errors and "Cannot query field 'nickname'" in result.errors[0].message, result.errors
        assert (result.errors[0].extensions or {}).get("code") == "VALIDATION"
    assert len(validated) == 3  # FIRST_THREE once per schema, the invalid text once


async def test_cost_multiplies_nested_page_sizes_and_is_checked_before_execution(
        bank: Database, settings: Settings) -> None:
    error = await refused(bank, replace(settings, max_query_cost=6), FIRST_THREE)
    assert error["code"] == "VALIDATION"
    assert error["message"].startswith("the query's estimated cost is 7, above the limit of 6 (GATEWAY_MAX_QUERY_COST)")
    assert len((await succeeds(bank, replace(settings, max_query_cost=7), FIRST_THREE))["customers"]["edges"]) == 3

    # Variables (and a variable's declared default) size the pages: 10 x 10 nested events cost 231.
    costly = replace(settings, max_query_cost=230)
    assert "estimated cost is 231" in (await refused(bank, costly, NESTED, {"outer": 10}))["message"]
    assert "estimated cost is 231" in (await refused(bank, costly, NESTED, {"outer": 10, "inner": 10}))["message"]
    assert await succeeds(bank, costly, NESTED, {"outer": 10, "inner": 9})  # 1 + 10 x (3 + 9 x 2) = 211
    # Without a size, a connection counts its default page (20): 1 + 20 x (3 + 10 x 2) = 461.
    assert "estimated cost is 461" in (await refused(bank, costly, NESTED))["message"]


async def test_cost_counts_fragments_and_lists_without_a_size(bank: Database, settings: Settings) -> None:
    # holdings takes no size: it counts its expected fan-out (FANOUT["Customer.holdings"] = 20).
    query = """{ customers(first: 2) { edges { node { ...Held } } } }
               fragment Held on Customer { holdings { __typename } }"""
    error = await refused(bank, replace(settings, max_query_cost=44), query)
    assert "estimated cost is 45" in error["message"]  # 1 + 2 x (1 + node 1 + 20 holdings x 1)
    assert await succeeds(bank, replace(settings, max_query_cost=45), query)


async def test_page_sizes_are_capped_naming_the_argument(bank: Database, settings: Settings) -> None:
    small = replace(settings, max_page_size=10)
    error = await refused(bank, small, "{ customers(first: 11) { edges { cursor } } }")
    assert error == {"message": "first must be at most 10 (GATEWAY_MAX_PAGE_SIZE), got 11",
                     "code": "VALIDATION", "field": "first"}
    error = await refused(bank, small, "query($n: Int!) { leadAgeing(limit: $n) { oldest { leadId } } }", {"n": 50})
    assert (error["field"], error["message"]) == ("limit", "limit must be at most 10 (GATEWAY_MAX_PAGE_SIZE), got 50")
    assert await succeeds(bank, small, "{ customers(first: 10) { edges { cursor } } }")


async def test_production_mode_hides_the_schema(bank: Database, settings: Settings) -> None:
    production = replace(settings, dev_mode=False, production=None)
    development = replace(settings, dev_mode=True, host="127.0.0.1")
    assert production.production_mode and not development.production_mode
    assert replace(development, production=True).production_mode

    error = await refused(bank, production, "{ __schema { queryType { name } } }")
    assert error["code"] == "VALIDATION" and "introspection has been disabled" in error["message"]
    assert await succeeds(bank, development, "{ __schema { queryType { name } } }") == {
        "__schema": {"queryType": {"name": "Query"}}}

    typo = "{ customerz(first: 1) { edges { cursor } } }"
    hidden = await refused(bank, production, typo)
    assert hidden["message"] == "Cannot query field 'customerz' on type 'Query'."
    shown = await refused(bank, development, typo)
    assert "Did you mean 'customer', 'customers'" in shown["message"]


async def test_a_transaction_past_its_timeout_is_stopped_with_a_clear_error(database: Database) -> None:
    assert (database.timeout, database.for_request().timeout) == (None, 30.0)  # only requests are timed
    impatient = Database(database.driver, database.name, database.uri, request_timeout=0.5).for_request()
    started = time.monotonic()
    with pytest.raises(TimedOut) as raised:
        # Counts to a billion: minutes of work unless Neo4j stops it.
        await impatient.read("UNWIND range(1, 1000000000) AS n WITH n WHERE n < 0 RETURN count(n) AS none")
    assert time.monotonic() - started < 10
    assert raised.value.code == "TIMEOUT"
    assert "longer than the 0.5s" in raised.value.message
    assert await impatient.read("RETURN 1 AS one") == [{"one": 1}]  # ordinary work still fits


@pytest.fixture(scope="module")
def limited_app(settings: Settings) -> Iterator[TestClient]:
    # One app for both HTTP tests (each start warms the routing plan); they use distinct subjects.
    with TestClient(create_app(replace(settings, max_body_bytes=2000, rate_limit_per_minute=3))) as client:
        yield client


def bearer(settings: Settings, subject: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(settings, subject, ALL_ROLES)}"}


def test_an_oversized_request_is_refused_with_413(limited_app: TestClient, settings: Settings) -> None:
    padding = " " * 3000
    response = limited_app.post("/graphql", json={"query": "{ __typename }" + padding}, headers=bearer(settings, "a"))
    assert response.status_code == 413
    assert response.json() == {"data": None, "errors": [{
        "message": "the request body is larger than 2000 bytes (GATEWAY_MAX_BODY_BYTES)",
        "extensions": {"code": "REQUEST_TOO_LARGE"}}]}
    # Streamed without a Content-Length, the body is counted as it arrives.
    chunks = iter([b'{"query": "{ __typename }', padding.encode(), b'"}'])
    streamed = limited_app.post("/graphql", content=chunks, headers={
        **bearer(settings, "b"), "Content-Type": "application/json"})
    assert streamed.status_code == 413
    long_get = limited_app.get("/graphql", params={"query": "{ __typename }" + padding}, headers=bearer(settings, "c"))
    assert (long_get.status_code, long_get.json()["errors"][0]["extensions"]["code"]) == (414, "REQUEST_TOO_LARGE")


def test_each_principal_is_rate_limited_with_429(limited_app: TestClient, settings: Settings) -> None:
    alice, bob = bearer(settings, "alice"), bearer(settings, "bob")
    for _ in range(3):
        assert limited_app.post("/graphql", json={"query": "{ __typename }"}, headers=alice).status_code == 200
    refused = limited_app.post("/graphql", json={"query": "{ __typename }"}, headers=alice)
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "20"  # 3 a minute: the next token in 20 s
    assert refused.json()["errors"][0]["extensions"] == {"code": "RATE_LIMITED"}
    assert limited_app.post("/graphql", json={"query": "{ __typename }"}, headers=bob).status_code == 200
    assert limited_app.get("/healthz").status_code == 200  # probes are not counted


def test_token_buckets_refill_over_time() -> None:
    now = [0.0]
    buckets = TokenBuckets(60, clock=lambda: now[0])  # one a second, bursts of 60
    assert all(buckets.take("k") == 0 for _ in range(60))
    assert buckets.take("k") == pytest.approx(1.0)
    now[0] += 2.5
    assert buckets.take("k") == 0 and buckets.take("k") == 0 and buckets.take("k") > 0
    assert buckets.take("other") == 0


def test_limit_settings_come_from_the_environment_and_are_checked() -> None:
    parsed = Settings.from_env({"GATEWAY_MAX_QUERY_DEPTH": "7", "GATEWAY_MAX_QUERY_COST": "900",
                                "GATEWAY_MAX_PAGE_SIZE": "50", "GATEWAY_MAX_BODY_BYTES": "4096",
                                "GATEWAY_NEO4J_TRANSACTION_TIMEOUT_SECONDS": "2.5",
                                "GATEWAY_RATE_LIMIT_PER_MINUTE": "0", "GATEWAY_PRODUCTION": "1",
                                "GATEWAY_DEV_MODE": "1"})
    assert (parsed.max_query_depth, parsed.max_query_cost, parsed.max_page_size, parsed.max_body_bytes,
            parsed.neo4j_transaction_timeout, parsed.rate_limit_per_minute) == (7, 900, 50, 4096, 2.5, 0)
    assert parsed.production_mode  # forced on even in development mode
    defaults = Settings.from_env({})
    assert (defaults.max_query_depth, defaults.max_aliases, defaults.max_tokens, defaults.max_operations,
            defaults.max_query_cost, defaults.max_page_size, defaults.max_body_bytes,
            defaults.neo4j_transaction_timeout, defaults.rate_limit_per_minute, defaults.production_mode) == (
        12, 30, 2000, 5, 5000, 200, 1024 * 1024, 30.0, 600, True)
    base = Settings(dev_mode=True)
    with pytest.raises(SettingsError, match="GATEWAY_MAX_QUERY_COST must be at least 1"):
        replace(base, max_query_cost=0).check()
    with pytest.raises(SettingsError, match="GATEWAY_NEO4J_TRANSACTION_TIMEOUT_SECONDS"):
        replace(base, neo4j_transaction_timeout=0).check()
    with pytest.raises(SettingsError, match="GATEWAY_RATE_LIMIT_PER_MINUTE"):
        replace(base, rate_limit_per_minute=-1).check()
