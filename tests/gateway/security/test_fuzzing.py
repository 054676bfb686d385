"""Property-based fuzzing (hypothesis) of every root Query and Mutation field against the real Neo4j.

For every root field, values of each argument's declared type that are as hostile as the type
allows (Cypher-injection strings, 10k-100k character strings, NUL, RTL, emoji, lone surrogates,
32-bit boundary integers, huge floats, long and empty lists, unknown and existing ids) are sent as
variables, as admin and as the other roles. Whatever happens, a user must never see INTERNAL or a
stack trace; a rejected mutation leaves the graph exactly as it was; an accepted one deleted
nothing (a canary node pair survives) and stores injection strings verbatim. Values of the wrong
type, wrong-typed literals and malformed documents (over HTTP too) are refused as 4xx/VALIDATION.

Examples are derandomized (the same inputs on every run, so CI failures reproduce); set
GATEWAY_FUZZ_DEEP=yes for a longer, random search.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, LiteralString, cast

import pytest
from graphql import GraphQLField, GraphQLNonNull
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from starlette.testclient import TestClient
from strawberry.types import ExecutionResult

from app import create_app
from gateway.security.auth import ALL_ROLES, Principal, Role, issue_token
from gateway.settings import Settings
from graph import queries
from graph.database import Database
from graph.lru import Lru
from graph.seed import wipe_graph
from tests.gateway.security.fuzz_values import (
    INJECTION_STRINGS,
    arguments,
    document,
    known_values,
    leaked,
    selection,
    wrong_literal,
    wrong_value,
)
from tests.support import (
    ADMIN,
    ANALYST,
    FRONTEND,
    RM,
    SCHEMA,
    Fingerprint,
    execute,
    fingerprint,
    load_event_types,
    load_small_bank,
    snapshot,
)

HERE = Path(__file__).resolve().parent
PLANT_CANARY = cast(LiteralString, (HERE / "fuzz_canary.cypher").read_text())
CHECK_CANARY = cast(LiteralString, (HERE / "fuzz_canary_check.cypher").read_text())
CANARY = "fuzz-canary"
RECORD_AUDIT = queries.load("audit/record_audit")

# Derandomized: the same examples every run (a failure in CI reproduces locally); no example
# database is written. The whole module stays around a minute.
hypothesis_settings.register_profile(
    # No shrinking: each step would be another round trip to Neo4j; the failing input is reported as found.
    "fuzz", derandomize=True, database=None, deadline=None, print_blob=True, report_multiple_bugs=False,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.large_base_example],
)
hypothesis_settings.register_profile("fuzz-deep", parent=hypothesis_settings.get_profile("fuzz"),
                                     derandomize=False, max_examples=200, phases=list(Phase))
PROFILE = hypothesis_settings.get_profile("fuzz-deep" if os.environ.get("GATEWAY_FUZZ_DEEP") == "yes" else "fuzz")


def examples(n: int) -> hypothesis_settings:
    """`n` examples under the CI profile; the deep profile's own (larger) count otherwise."""
    return hypothesis_settings(PROFILE, max_examples=n) if PROFILE.derandomize else PROFILE


QUERY_TYPE = SCHEMA._schema.query_type
MUTATION_TYPE = SCHEMA._schema.mutation_type
assert QUERY_TYPE is not None and MUTATION_TYPE is not None
ROOT_FIELDS: list[tuple[str, str, GraphQLField]] = (
    [("query", name, field) for name, field in QUERY_TYPE.fields.items()]
    + [("mutation", name, field) for name, field in MUTATION_TYPE.fields.items()]
)
ROOT_IDS = [f"{operation}.{name}" for operation, name, _ in ROOT_FIELDS]
WITH_ARGUMENTS = [root for root in ROOT_FIELDS if root[2].args]

# Mostly admin (who may run everything, so the values reach the resolvers), sometimes the others,
# including a relationship manager working its own book.
PRINCIPALS: list[frozenset[Role] | Principal] = [ALL_ROLES, ADMIN, ADMIN, FRONTEND, RM, ANALYST,
                                                 Principal("R000301", RM)]


DROP_AUDIT_RECORDS: LiteralString = "MATCH (a:AuditRecord) DETACH DELETE a"


async def load_fuzz_bank(db: Database) -> Fingerprint:
    """The small bank with leads to develop, campaigns, templates, event types and the canary; its fingerprint."""
    await wipe_graph(db)
    await load_small_bank(db, "lead_procedure", "lead_development")
    await load_event_types(db)
    await db.write(PLANT_CANARY, token=CANARY)
    return await fingerprint(db, audit=True)


@dataclass
class FuzzBank:
    db: Database
    as_loaded: Fingerprint


@pytest.fixture(scope="module")
async def fuzz_bank_as_loaded(database: Database) -> FuzzBank:
    return FuzzBank(database, await load_fuzz_bank(database))


@pytest.fixture(scope="module")
async def fuzz_bank(fuzz_bank_as_loaded: FuzzBank) -> Database:
    """The fuzz bank, shared by the module's tests; an example that ran a mutation puts it back as loaded
    (`restore`), so every example meets the same bank whatever the examples before it did."""
    return fuzz_bank_as_loaded.db


def ran(db: Database) -> Lru[LiteralString, tuple[str, dict[str, Any]]]:
    """From now on, every statement run through `db`'s driver (any request's view of it), with its
    access mode: what graph/database.py keeps to warm a restarted Neo4j."""
    statements = db._link.recent
    statements.clear()
    return statements


def beyond_the_audit_record(statements: Lru[LiteralString, tuple[str, dict[str, Any]]]) -> list[str]:
    """The statements that ran other than the audit record every mutation leaves, refused or not:
    none, for a document refused before any resolver ran."""
    return [statement for statement in statements if statement != RECORD_AUDIT]


async def restore(bank: FuzzBank) -> None:
    """The bank as loaded: the audit records a mutation leaves dropped (the bank has none), and the
    whole bank loaded again when a mutation went through."""
    await bank.db.write(DROP_AUDIT_RECORDS)
    if await fingerprint(bank.db, audit=True) != bank.as_loaded:
        bank.as_loaded = await load_fuzz_bank(bank.db)


@pytest.fixture(scope="module")
async def known(fuzz_bank: Database) -> dict[str, list[str]]:
    return await known_values(fuzz_bank)


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def assert_contract(result: ExecutionResult, sent: Any, what: str) -> None:
    """No INTERNAL, a code on every error, no exception class or trace in any message."""
    for error in result.errors or []:
        code = (error.extensions or {}).get("code")
        # Any of the contract's codes (VALIDATION, NOT_FOUND, ..., and the limits' own, e.g. TIMEOUT
        # on a slow machine), but never INTERNAL nor an error without a code.
        assert isinstance(code, str) and code and code != "INTERNAL", f"{what}: {code} {error.message!r} (sent {shorten(sent)})"
        message = error.message
        for text in sorted(strings_in(sent), key=len, reverse=True):
            if text:
                message = message.replace(text, "<sent>")
        assert not leaked(message), f"{what}: the message leaks internals: {error.message!r}"


def shorten(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) < 600 else text[:600] + f"... ({len(text)} chars)"


async def canary(db: Database) -> tuple[int, int]:
    row = (await db.read(CHECK_CANARY, token=CANARY))[0]
    return row["links"], row["nodes"]


@pytest.mark.parametrize(("operation", "name", "field"), ROOT_FIELDS, ids=ROOT_IDS)
@given(data=st.data())
@examples(6)
async def test_root_field_survives_hostile_values_of_its_types(
    fuzz_bank_as_loaded: FuzzBank, settings: Settings, known: dict[str, list[str]],
    operation: str, name: str, field: GraphQLField, data: st.DataObject,
) -> None:
    fuzz_bank = fuzz_bank_as_loaded.db
    variables = data.draw(arguments(field, known), label="variables")
    principal = data.draw(st.sampled_from(PRINCIPALS), label="principal")
    query = document(operation, name, field, variables)
    before = await snapshot(fuzz_bank) if operation == "mutation" else None
    links, nodes = await canary(fuzz_bank)
    statements = ran(fuzz_bank)
    try:
        result, _ = await execute(fuzz_bank, settings, query, variables, principal)
        assert_contract(result, variables, f"{operation} {name}")
        after_links, after_nodes = await canary(fuzz_bank)
        assert after_links == links == 1, f"{name} broke the canary with {shorten(variables)}"
        if operation == "mutation":
            rejected = result.data is None or result.data.get(name) is None
            if rejected:
                assert await snapshot(fuzz_bank) == before, f"rejected {name} changed the graph: {shorten(variables)}"
            else:
                assert after_nodes >= nodes, f"{name} deleted nodes with {shorten(variables)}"
        else:
            # A query cannot change the graph if it only ever opens read transactions (Neo4j refuses a
            # write in one): that it did so is what is worth checking.
            writes = [statement for statement, (access, _) in statements.items() if access != "READ"]
            assert not writes and after_nodes == nodes, f"query {name} ran {writes}"
    finally:
        if operation == "mutation":
            await restore(fuzz_bank_as_loaded)


@pytest.mark.parametrize(("operation", "name", "field"), WITH_ARGUMENTS,
                         ids=[f"{operation}.{name}" for operation, name, _ in WITH_ARGUMENTS])
@given(data=st.data())
@examples(2)
async def test_root_field_refuses_variables_of_the_wrong_type(
    fuzz_bank_as_loaded: FuzzBank, settings: Settings, known: dict[str, list[str]],
    operation: str, name: str, field: GraphQLField, data: st.DataObject,
) -> None:
    fuzz_bank = fuzz_bank_as_loaded.db
    variables = data.draw(arguments(field, known), label="variables")
    argument = data.draw(st.sampled_from(sorted(field.args)), label="argument")
    variables[argument] = data.draw(wrong_value(field.args[argument].type), label="wrong value")
    query = document(operation, name, field, variables)
    statements = ran(fuzz_bank)
    result, _ = await execute(fuzz_bank, settings, query, variables, ADMIN)
    assert result.data is None and result.errors, f"{name} accepted {argument}={shorten(variables[argument])}"
    assert {(e.extensions or {}).get("code") for e in result.errors} == {"VALIDATION"}, result.errors
    assert_contract(result, variables, f"{operation} {name}")
    assert not beyond_the_audit_record(statements), f"{name} reached a resolver"  # refused before any ran
    if operation == "mutation":
        await restore(fuzz_bank_as_loaded)  # its audit record


async def test_every_argument_refuses_a_wrong_typed_literal(fuzz_bank: Database, settings: Settings) -> None:
    statements = ran(fuzz_bank)
    for operation, name, field in WITH_ARGUMENTS:
        for argument, declared in field.args.items():
            literal = wrong_literal(declared.type)
            others = ", ".join(f"{other}: null" for other, arg in field.args.items()
                               if other != argument and isinstance(arg.type, GraphQLNonNull))
            call = f"{name}({argument}: {literal}{', ' + others if others else ''})"
            result, _ = await execute(fuzz_bank, settings, f"{operation} {{ {call} {selection(field.type)} }}", None, ADMIN)
            assert result.data is None and result.errors, f"{call} was accepted"
            assert {(e.extensions or {}).get("code") for e in result.errors} == {"VALIDATION"}, (call, result.errors)
            assert_contract(result, literal, call)
            assert not beyond_the_audit_record(statements), f"{call} reached a resolver"  # refused before any ran


# Malformed documents: each must be refused before anything runs.
DEEP = 3000
MALFORMED_DOCUMENTS: tuple[str, ...] = (
    "", " ", "{", "}", "{ customers(first: 3) { edges { node { customerId ",
    "query { customer(customerId: \"C0000001\") { name } ",
    "{" * DEEP + "}" * DEEP,
    "{ customers " + "{ edges { node " * 400 + "}" * 800 + " }",
    "query Q($x: Int) { customer(customerId: $x) { name } }",
    "{ notAField }", "{ customer(customerId: \"C0000001\") { notAField } }",
    "{ customer(customerId: \"C0000001\", notAnArgument: 1) { name } }",
    "mutation { notAMutation }", "subscription { notASubscription }",
    "query A { __typename } query A { __typename }", "fragment F on Customer { ...F } { __typename }",
    "{ customer(customerId: \"\\ud800\") { name } }", "{ customer(customerId: \"\x00\") { name } }",
    "{ customers(first: 99999999999999999999) { edges { cursor } } }",
    "\ufeff{ __typename }", "{ __typename @skip }", "{ __typename @unknownDirective }",
    "query ($a: UnknownType) { __typename }", "{ __schema { " + "types { " * 50 + "name" + " }" * 50 + " } }",
)


async def test_malformed_documents_are_refused(fuzz_bank: Database, settings: Settings) -> None:
    before = await snapshot(fuzz_bank)  # some are well-formed queries with hostile values, and run
    for query in filter(None, MALFORMED_DOCUMENTS):  # an empty one never gets past the HTTP view (tested below)
        result, _ = await execute(fuzz_bank, settings, query, None, ADMIN)
        assert_contract(result, query, f"document {query[:80]!r}")
    assert await snapshot(fuzz_bank) == before


# --- over HTTP: whatever the body, a 4xx or a GraphQL error, never a 500 or a trace ---------------

@pytest.fixture(scope="module")
def client(settings: Settings, fuzz_bank: Database) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def assert_http_contract(response: Any, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:500]}"
    assert not leaked(response.text.replace("\\u", "")) or "errors" not in response.text, f"{what}: {response.text[:500]}"
    if response.headers.get("content-type", "").startswith("application/"):
        try:
            body = response.json()
        except ValueError:
            return
        for error in (body.get("errors") or []) if isinstance(body, dict) else []:
            assert error.get("extensions", {}).get("code") != "INTERNAL", f"{what}: {error}"
            assert not leaked(error.get("message", "")), f"{what}: {error}"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
BODIES = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.sampled_from(MALFORMED_DOCUMENTS).map(lambda q: json.dumps({"query": q}).encode()),
    st.sampled_from(MALFORMED_DOCUMENTS).flatmap(
        lambda q: st.integers(0, max(len(q), 1)).map(lambda cut: json.dumps({"query": q})[:cut].encode())),
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({"query": st.just("query Q($id: ID!) { customer(customerId: $id) { name } }"),
                           "variables": JSON_VALUES, "operationName": st.none() | st.text(max_size=10) | JSON_VALUES}
                          ).map(lambda v: json.dumps(v).encode()),
    st.sampled_from([b'{"query": "{ __typename }", "variables": "not json"}',
                     b'{"query": "{ __typename }", "variables": [1, 2]}',
                     b'{"query": "{ __typename }", "extensions": "x"}',
                     b'{"query": 12}', b'{"query": null}', b'[]', b'[{"query": "{ __typename }"}]',
                     b'{"query": "{ __typename }"', b'\xff\xfe{', b'{"query": "\\ud800"}',
                     b'{"query": "{ __typename }", "query": "{ customers { edges { cursor } } }"}']),
)


@given(body=BODIES, content_type=st.sampled_from(["application/json", "application/graphql", "text/plain",
                                                   "multipart/form-data", "application/x-www-form-urlencoded"]))
@examples(60)
def test_malformed_http_bodies_get_4xx_or_graphql_errors(
    client: TestClient, settings: Settings, body: bytes, content_type: str,
) -> None:
    headers = {"Authorization": f"Bearer {issue_token(settings, 'tester', ALL_ROLES)}", "Content-Type": content_type}
    response = client.post("/graphql", content=body, headers=headers)
    assert_http_contract(response, f"POST {content_type} {body[:200]!r}")


@given(params=st.dictionaries(st.sampled_from(["query", "variables", "operationName", "extensions"]),
                              st.sampled_from(["", "{", "not json", "[1]", "null", "{\"id\": {\"a\": 1}}", "{ __typename }",
                                               "query Q($id: ID!) { customer(customerId: $id) { name } }",
                                               "mutation { evaluateLead(leadId: \"L1\") { __typename } }"])
                              | st.text(max_size=30), max_size=4))
@examples(30)
def test_malformed_get_requests_get_4xx_or_graphql_errors(client: TestClient, settings: Settings, params: dict[str, str]) -> None:
    headers = {"Authorization": f"Bearer {issue_token(settings, 'tester', ALL_ROLES)}"}
    response = client.get("/graphql", params=params, headers=headers)
    assert_http_contract(response, f"GET {params!r}")


# --- injection strings in free text are stored verbatim ---------------------------------------

@pytest.mark.parametrize("text", INJECTION_STRINGS, ids=range(len(INJECTION_STRINGS)))
async def test_injection_strings_are_stored_verbatim(fuzz_bank: Database, settings: Settings, text: str) -> None:
    links, nodes = await canary(fuzz_bank)
    created, _ = await execute(fuzz_bank, settings, """
        mutation ($text: String!) {
          initiateLeadDevelopment(input: {leadId: "LD-T-OPEN", type: FOLLOW_UP, description: $text}) {
            development { developmentId }
          }
        }""", {"text": text}, ADMIN)
    assert created.errors is None, created.errors
    assert created.data is not None
    development_id = created.data["initiateLeadDevelopment"]["development"]["developmentId"]
    read, _ = await execute(fuzz_bank, settings, "query ($id: ID!) { leadDevelopment(developmentId: $id) { description } }",
                            {"id": development_id}, ADMIN)
    assert read.data == {"leadDevelopment": {"description": text}}, read
    after_links, after_nodes = await canary(fuzz_bank)
    assert after_links == 1 and after_nodes > nodes, "the task was added; nothing deleted or injected"
