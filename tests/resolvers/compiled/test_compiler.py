"""The compiler without Neo4j: what it compiles, what it leaves to the resolvers, where client values go,
and the coverage list (resolvers/compiled/coverage.toml) kept equal to the schema and to spec.py."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from graphql import GraphQLObjectType, parse
from graphql.execution.executor import Executor

from gateway.security.auth import Principal
from resolvers.compiled.execute import CompiledReads
from resolvers.compiled.fragments import CannotCompile
from resolvers.compiled.plan import CompiledOperation, compile_operation
from resolvers.compiled.spec import ROOTS, SPEC
from resolvers.pagination import encode_cursor
from tests.support import ADMIN, FRONTEND, RM, SCHEMA

COVERAGE = Path(__file__).resolve().parents[3] / "resolvers" / "compiled" / "coverage.toml"
HOSTILE = "C1'}) MATCH (n) DETACH DELETE n //"
NETWORK = """query ($id: ID!) { customer(customerId: $id) { name
  household { members { customer { segment } } } relatedParties { party { name segment } }
  routingProfile { history { indicatorId } } } }"""


def executor(query: str, variables: dict[str, Any] | None = None) -> Executor:
    built = Executor.build(SCHEMA._schema, parse(query), raw_variable_values=variables or {})
    assert isinstance(built, Executor), built
    return built


ADMIN_TESTER = Principal("tester", ADMIN)


def compiled(query: str, variables: dict[str, Any] | None = None,
             principal: Principal = ADMIN_TESTER) -> tuple[CompiledOperation, dict[str, Any]]:
    prepared = executor(query, variables)
    operation = compile_operation(SCHEMA._schema, prepared, principal)
    return operation, operation.parameters(prepared.variable_values, principal)


def test_a_hostile_value_travels_only_as_a_parameter() -> None:
    for query, variables in ((NETWORK, {"id": HOSTILE}),
                             ('{ customer(customerId: "' + HOSTILE + '") { name } }', None),
                             ("query ($p: String) { customers(filter: {namePrefix: $p}) { edges { node { name } } } }",
                              {"p": HOSTILE})):
        operation, parameters = compiled(query, variables)
        assert "DETACH" not in operation.statement and "C1'" not in operation.statement
        assert HOSTILE in parameters.values()


def test_one_statement_reads_the_page_before_projecting_it() -> None:
    query = "query ($after: String) { customers(first: 2, after: $after) { edges { node { holdings { status } } } } }"
    operation, parameters = compiled(query, {"after": encode_cursor("customer", "C0000002")})
    statement = operation.statement
    assert statement.count("RETURN") >= 2 and statement.rstrip().splitlines()[-1].startswith("RETURN column_")
    # The page is cut (ORDER BY ... LIMIT) before the map of each customer is built.
    assert statement.index("LIMIT $limit") < statement.index("HOLDS")
    assert {parameters[name] for name in parameters if name.startswith(("after_", "limit_", "size_"))} == {"C0000002", 3, 2}


def test_the_book_rule_is_compiled_in_for_a_relationship_manager_only() -> None:
    admin, admin_parameters = compiled(NETWORK, {"id": "C0000001"})
    manager, manager_parameters = compiled(NETWORK, {"id": "C0000001"}, Principal("R-CR-1", RM))
    assert "ServicingResource" not in admin.statement and admin_parameters.get("bookOf") is None
    # The root customer and each customer reached through a link (member, party) carry the predicate.
    assert manager.statement.count("any(c IN [") == 3 and manager_parameters["bookOf"] == "R-CR-1"


def test_a_field_the_roles_refuse_runs_no_cypher_and_answers_forbidden() -> None:
    operation, parameters = compiled(NETWORK, {"id": "C0000001"}, Principal("tester", FRONTEND))
    assert "HAS_INDICATOR" not in operation.statement and "trusted" not in parameters
    shape = operation.roots[0].shape
    assert shape is not None
    profile = next(entry for entry in shape.entries if entry.key == "routingProfile").child
    assert profile is not None
    assert [(entry.kind.value, entry.text) for entry in profile.entries] == [
        ("forbidden", "PartyState.history needs one of the roles: admin, relationship_manager")]


def test_what_is_not_compiled_is_left_to_the_resolvers() -> None:
    for query in ('{ customer(customerId: "C0000001") { events { edges { node { versions { version } } } } } }',
                  '{ customer(customerId: "C0000001") { name } servicingPools { poolId } }',
                  'mutation { requestPartyRoutingProfileReview(partyStateId: "PS-C0000001", reason: "x") { status } }'):
        with pytest.raises(CannotCompile):
            compile_operation(SCHEMA._schema, executor(query), Principal("tester", ADMIN))


def test_compiled_once_per_document_roles_and_directive_values() -> None:
    reads = CompiledReads(SCHEMA._schema)
    query = "query ($x: Boolean!) { customer(customerId: \"C0000001\") { name segment @include(if: $x) } }"
    admin, manager = Principal("a", ADMIN), Principal("R-CR-1", RM)

    def get(x: bool, who: Principal) -> CompiledOperation | None:
        prepared = executor(query, {"x": x})
        return reads.operation(query, parse(query), prepared, who)

    first = get(True, admin)
    assert first is not None and get(True, admin) is first
    assert get(False, admin) is not first and "segment" not in (get(False, admin) or first).statement
    assert get(True, manager) is not first


def test_the_coverage_list_names_every_field_once_and_matches_what_compiles() -> None:
    listed = tomllib.loads(COVERAGE.read_text(encoding="utf-8"))
    compiled_fields = set(listed["compiled"]["fields"])
    resolver_only = set(listed["resolver_only"])
    schema_fields = {f"{name}.{field}" for name, type_ in SCHEMA._schema.type_map.items()
                     if isinstance(type_, GraphQLObjectType) and not name.startswith("__") for field in type_.fields}
    assert not compiled_fields & resolver_only
    assert compiled_fields | resolver_only == schema_fields, (
        f"missing: {sorted(schema_fields - compiled_fields - resolver_only)}, "
        f"not in the schema: {sorted((compiled_fields | resolver_only) - schema_fields)}")
    assert compiled_fields == {f"Query.{name}" for name in ROOTS} | {f"{type_}.{field}" for type_, field in SPEC}
    assert all(listed["resolver_only"].values()), "every resolver-only field says why"
