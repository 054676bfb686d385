"""The role matrix, generated from the schema: every root field against every role.

For each Query, Mutation and Subscription field a minimal valid document is built from the schema
(required arguments filled with type-correct dummy values). A role outside the field's declared
roles gets exactly one FORBIDDEN, before any Cypher runs and with the graph unchanged; a role
inside may fail on the dummy input (NOT_FOUND, VALIDATION, CONFLICT...) but never FORBIDDEN or
INTERNAL. docs/security.md embeds the matrix and must match what the schema declares.
"""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    get_named_type,
    is_leaf_type,
)
from strawberry.types import ExecutionResult

from graph.database import Database
from graph.seed import wipe_graph
from graph.settings import Settings
from resolvers.auth import Principal, Role
from resolvers.context import Context
from resolvers.security.matrix import END_MARKER, START_MARKER, markdown, matrix, root_fields
from tests.support import SCHEMA, load_small_bank, snapshot

DOCS = Path(__file__).resolve().parents[2] / "docs" / "security.md"
GRAPHQL: GraphQLSchema = SCHEMA._schema
ROWS = root_fields(SCHEMA)
OPERATION = {"Query": "query", "Mutation": "mutation", "Subscription": "subscription"}


def _literal(type_: GraphQLInputType) -> str:
    """A type-correct GraphQL literal for an input type, required fields of input objects filled."""
    if isinstance(type_, GraphQLNonNull):
        return _literal(type_.of_type)
    if isinstance(type_, GraphQLList):
        return f"[{_literal(type_.of_type)}]"
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        if _one_of(type_):  # @oneOf: exactly one field, the first
            name, field = next(iter(type_.fields.items()))
            return f"{{{name}: {_literal(field.type)}}}"
        fields = [f"{name}: {_literal(field.type)}" for name, field in type_.fields.items()
                  if isinstance(field.type, GraphQLNonNull) and field.default_value is _UNDEFINED]
        return "{" + ", ".join(fields) + "}"
    assert isinstance(type_, GraphQLScalarType)
    return {
        "ID": '"AUTHZ-X"', "String": '"x"', "Int": "1", "Float": "1.0", "Boolean": "true",
        "DateTime": f'"{datetime.datetime.now(datetime.UTC).isoformat()}"',
        "Date": f'"{datetime.date.today().isoformat()}"',
    }[type_.name]


def _one_of(type_: GraphQLInputObjectType) -> bool:
    definition = (type_.extensions or {}).get("strawberry-definition")
    return type_.is_one_of or any(type(d).__name__ == "OneOf" for d in getattr(definition, "directives", ()))


def _undefined() -> Any:
    from graphql.pyutils import Undefined

    return Undefined


_UNDEFINED = _undefined()


def _selection(field: GraphQLField) -> str:
    """The first scalar leaf without required arguments, or __typename."""
    named = get_named_type(field.type)
    if is_leaf_type(named):
        return ""
    if isinstance(named, GraphQLObjectType):
        for name, child in named.fields.items():
            required = any(isinstance(a.type, GraphQLNonNull) and a.default_value is _UNDEFINED
                           for a in child.args.values())
            if is_leaf_type(get_named_type(child.type)) and not required:
                return f" {{ {name} }}"
    return " { __typename }"


def document(root: str, name: str) -> str:
    """A minimal valid document for one root field: required arguments only, one leaf selected."""
    root_type = GRAPHQL.get_type(root)
    assert isinstance(root_type, GraphQLObjectType)
    field = root_type.fields[name]
    arguments = [f"{arg}: {_literal(a.type)}" for arg, a in field.args.items()
                 if isinstance(a.type, GraphQLNonNull) and a.default_value is _UNDEFINED]
    args = f"({', '.join(arguments)})" if arguments else ""
    return f"{OPERATION[root]} {{ {name}{args}{_selection(field)} }}"


@pytest.fixture(scope="module")
async def bank(database: Database) -> AsyncIterator[Database]:
    """The small bank, loaded once for the module: reads find data, mutations have something to refuse."""
    await wipe_graph(database)
    await load_small_bank(database)
    yield database
    await wipe_graph(database)


async def _run(db: Database, settings: Settings, root: str, query: str,
               role: Role) -> tuple[ExecutionResult, Context]:
    # An RM acting as the fixture's own relationship manager: its book is not empty.
    subject = "R000301" if role is Role.RELATIONSHIP_MANAGER else f"authz-{role.value}"
    context = Context(db=db.for_request(), principal=Principal(subject, frozenset({role})), settings=settings)
    if root != "Subscription":
        return await SCHEMA.execute(query, context_value=context), context
    stream = await SCHEMA.subscribe(query, context_value=context)
    if isinstance(stream, ExecutionResult):
        return stream, context
    try:
        # An allowed subscription waits for changes: its first answer, or a quiet stream, both fine.
        first = await asyncio.wait_for(anext(stream), timeout=0.5)
    except TimeoutError:
        first = ExecutionResult(data=None, errors=None)
    finally:
        await stream.aclose()
    return first, context


def test_every_root_field_declares_its_roles() -> None:
    undeclared = [f"{row.kind}.{row.name}" for row in ROWS if row.roles is None]
    assert undeclared == [], f"root fields without allow(...): {undeclared}"


def test_the_documented_matrix_is_current() -> None:
    text = DOCS.read_text()
    assert START_MARKER in text and END_MARKER in text, "docs/security.md lost its matrix markers"
    embedded = text.split(START_MARKER, 1)[1].split(END_MARKER, 1)[0].strip("\n") + "\n"
    assert embedded == markdown(matrix(SCHEMA)), (
        "docs/security.md's matrix is stale: paste `python -m resolvers.security.matrix` between its markers")


def _codes(result: ExecutionResult) -> list[Any]:
    return [(error.extensions or {}).get("code") for error in result.errors or []]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.kind}.{r.name}" for r in ROWS])
async def test_each_role_against_each_root_field(bank: Database, settings: Settings, row: Any) -> None:
    query = document(row.kind, row.name)
    declared = row.roles or frozenset()
    refused, allowed = [r for r in Role if r not in declared], [r for r in Role if r in declared]
    # Snapshots only around refused mutations: a refused read cannot write, and allowed
    # mutations may legitimately write (e.g. create what the dummy input describes).
    before = await snapshot(bank) if row.kind == "Mutation" and refused else None
    for role in refused:
        result, context = await _run(bank, settings, row.kind, query, role)
        assert _codes(result) == ["FORBIDDEN"], (role, query, result.errors)
        assert context.db.round_trips == 0, f"{role}: {query}: Cypher ran before the role check refused it"
    if before is not None:
        assert await snapshot(bank) == before, f"{query}: a refused mutation changed the graph"
    # Allowed reads run side by side; allowed mutations one at a time, as clients would retry them.
    if row.kind == "Query":
        results = await asyncio.gather(*(_run(bank, settings, row.kind, query, role) for role in allowed))
    else:
        results = [await _run(bank, settings, row.kind, query, role) for role in allowed]
    for role, (result, _) in zip(allowed, results, strict=True):
        codes = _codes(result)
        assert "FORBIDDEN" not in codes and "INTERNAL" not in codes, (role, query, result.errors)


# --- Object-level rules: a relationship manager reaches only its own book ----------------------

# tests/data/relationship_plans.cypher: Rita MANAGES C0000001, C0000002, C0000004 and is BACKUP_FOR Sam
# (C0000005, C0000006); Tom is BACKUP_FOR Rita. authz_book.cypher offers Chloe (C0000003) to Rita.
RITA = Principal("R000301", frozenset({Role.RELATIONSHIP_MANAGER}))  # the subject is the resourceId
TOM = Principal("tom@bank", frozenset({Role.RELATIONSHIP_MANAGER}), resource_id="R000303")  # the claim names it

# Every by-id retrieve of a customer or a customer-owned object, each naming Dieter (C0000005, Sam's
# customer, outside Tom's book) or his objects.
OUTSIDE_THE_BOOK = [
    ('{ customer(customerId: "C0000005") { name } }', "customerId"),
    ('{ presentingCustomerCheck(customerId: "C0000005") { customerId } }', "customerId"),
    ('{ partyRoutingProfile(partyStateId: "PS-C0000005") { partyStateId } }', "partyStateId"),
    ('{ routingStatus(indicatorId: "IN-AUTHZ-1") { indicatorId } }', "indicatorId"),
    ('{ routingRating(indicatorId: "IN-AUTHZ-1") { indicatorId } }', "indicatorId"),
    ('{ routingAlert(indicatorId: "IN-AUTHZ-1") { indicatorId } }', "indicatorId"),
    ('{ customerEventLog(eventLogId: "EL-C0000005") { eventLogId } }', "eventLogId"),
    ('{ lifeEvent(eventId: "EV-AUTHZ-1") { eventId } }', "eventId"),
    ('{ fraudEvent(eventId: "EV-AUTHZ-1") { eventId } }', "eventId"),
    ('{ customerEventTrend(customerId: "C0000005") { customerId } }', "customerId"),
    ('{ allocation(allocationId: "AL-AUTHZ-1") { allocationId } }', "allocationId"),
    ('{ lead(leadId: "LD-AUTHZ-1") { leadId } }', "leadId"),
    ('{ leadEvaluation(leadId: "LD-AUTHZ-1") { leadId } }', "leadId"),
    ('{ leadDevelopment(developmentId: "DV-AUTHZ-1") { developmentId } }', "developmentId"),
    ('{ leadDevelopments(leadId: "LD-AUTHZ-1") { developmentId } }', "leadId"),
    ('{ customerNetwork(customerId: "C0000005") { depth } }', "customerId"),
    ('{ customerPath(fromCustomerId: "C0000005", toCustomerId: "C0000001") { hops } }', "fromCustomerId"),
    ('{ productSuggestions(customerId: "C0000005") { customerId } }', "customerId"),
    ('{ customerRelationshipPlans(customerId: "C0000005") { planId } }', "customerId"),
]


@pytest.fixture
async def book(clean_graph: Database) -> Database:
    await load_small_bank(clean_graph, "relationship_plans", "authz_book")
    return clean_graph


async def _as(db: Database, settings: Settings, who: Principal, query: str) -> tuple[ExecutionResult, Context]:
    context = Context(db=db.for_request(), principal=who, settings=settings)
    return await SCHEMA.execute(query, context_value=context), context


async def test_a_relationship_manager_reaches_only_its_book(book: Database, settings: Settings) -> None:
    for query, field in OUTSIDE_THE_BOOK:
        result, context = await _as(book, settings, TOM, query)
        errors = [(e.extensions or {}) for e in result.errors or []]
        assert [(e.get("code"), e.get("field")) for e in errors] == [("FORBIDDEN", field)], (query, result.errors)
        # The rule is asked first: one round trip, and nothing of the object was read.
        assert context.db.round_trips == 1, query
    # Admins and analysts are unrestricted: Dieter's customer record is readable.
    for who in (Principal("boss", frozenset({Role.ADMIN})), Principal("numbers", frozenset({Role.ANALYST}))):
        result, _ = await _as(book, settings, who, '{ customer(customerId: "C0000005") { name } }')
        assert result.errors is None and result.data == {"customer": {"name": "Dieter Braun"}}


async def test_the_book_is_managed_backed_up_and_allocated_customers(book: Database, settings: Settings) -> None:
    query = '{ customer(customerId: "%s") { name } }'
    for customer in ("C0000001", "C0000005", "C0000003"):  # managed, covered as backup, offered by allocation
        result, _ = await _as(book, settings, RITA, query % customer)
        assert result.errors is None, (customer, result.errors)
    # Tom acts as R000303 (resourceId claim), BACKUP_FOR Rita: he covers her customers, not Chloe.
    result, _ = await _as(book, settings, TOM, query % "C0000002")
    assert result.errors is None, result.errors
    result, _ = await _as(book, settings, TOM, query % "C0000003")
    assert [(e.extensions or {}).get("code") for e in result.errors or []] == ["FORBIDDEN"]
    # An unknown customer is still NOT_FOUND, not FORBIDDEN.
    result, _ = await _as(book, settings, RITA, query % "C9999999")
    assert [(e.extensions or {}).get("code") for e in result.errors or []] == ["NOT_FOUND"]


async def test_the_customers_list_is_filtered_to_the_book(book: Database, settings: Settings) -> None:
    query = "{ customers(first: 50) { edges { node { customerId } } } }"
    listed = {}
    for name, who in (("rita", RITA), ("tom", TOM), ("admin", Principal("boss", frozenset({Role.ADMIN})))):
        result, _ = await _as(book, settings, who, query)
        assert result.errors is None, result.errors
        assert result.data is not None
        listed[name] = [edge["node"]["customerId"] for edge in result.data["customers"]["edges"]]
    assert listed["rita"] == ["C0000001", "C0000002", "C0000003", "C0000004", "C0000005", "C0000006"]
    assert listed["tom"] == ["C0000001", "C0000002", "C0000004"]
    assert listed["admin"] == ["C0000001", "C0000002", "C0000003", "C0000004", "C0000005", "C0000006"]


def test_the_resource_id_claim_names_the_resource_a_principal_acts_as() -> None:
    from graph.errors import Unauthenticated
    from resolvers.auth import principal_from_claims
    from resolvers.security.book import acting_resource

    claims = {"sub": "rita@bank", "roles": ["relationship_manager"]}
    assert acting_resource(principal_from_claims({**claims, "resourceId": "R000301"})) == "R000301"
    assert acting_resource(principal_from_claims(claims)) == "rita@bank"  # no claim: the subject
    for bad in (42, "", ["R000301"]):
        with pytest.raises(Unauthenticated, match="resourceId"):
            principal_from_claims({**claims, "resourceId": bad})
