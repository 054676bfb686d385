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

from gateway.security.auth import Principal, Role
from gateway.security.matrix import END_MARKER, START_MARKER, markdown, matrix, root_fields
from gateway.settings import Settings
from graph.database import Database
from graph.seed import wipe_graph
from resolvers.context import Context
from tests.support import SCHEMA, bank_graph, load_small_bank, snapshot

DOCS = Path(__file__).resolve().parents[3] / "docs" / "security.md"
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
    await load_small_bank(database, "relationship_plans", "authz_book")
    yield database
    await wipe_graph(database)


async def _run(db: Database, settings: Settings, root: str, query: str,
               role: Role) -> tuple[ExecutionResult, Context]:
    # An RM acting as the fixture's own relationship manager: its book is not empty, and a resource
    # the document names is its own (naming another is FORBIDDEN: tested with the book below).
    subject = "R000301" if role is Role.RELATIONSHIP_MANAGER else f"authz-{role.value}"
    if role is Role.RELATIONSHIP_MANAGER:
        query = query.replace('resourceId: "AUTHZ-X"', f'resourceId: "{subject}"')
    context = Context(db=db.for_request(), principal=Principal(subject, frozenset({role})), settings=settings)
    return await _run_as(context, root, query)


async def _run_as(context: Context, root: str, query: str) -> tuple[ExecutionResult, Context]:
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
        "docs/security.md's matrix is stale: paste `python -m gateway.security.matrix` between its markers")


def _codes(result: ExecutionResult) -> list[Any]:
    return [(error.extensions or {}).get("code") for error in result.errors or []]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.kind}.{r.name}" for r in ROWS])
async def test_each_role_against_each_root_field(bank: Database, settings: Settings, row: Any) -> None:
    query = document(row.kind, row.name)
    declared = row.roles or frozenset()
    refused, allowed = [r for r in Role if r not in declared], [r for r in Role if r in declared]
    # A refused role runs no Cypher at all (its request's only way to the graph), so it cannot have
    # changed the graph: no snapshot around it could fail.
    for role in refused:
        result, context = await _run(bank, settings, row.kind, query, role)
        assert _codes(result) == ["FORBIDDEN"], (role, query, result.errors)
        assert context.db.round_trips == 0, f"{role}: {query}: Cypher ran before the role check refused it"
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

# The objects outside Tom's book, by the argument or input field that names them: Dieter (C0000005,
# Sam's customer) and his objects, the Acme group's plan (RP-C0000006, Sam's) and Sam himself (R000302).
OUTSIDE = {
    "customerId": "C0000005", "fromCustomerId": "C0000005", "partyStateId": "PS-C0000005",
    "indicatorId": "IN-AUTHZ-1", "eventLogId": "EL-C0000005", "eventId": "EV-AUTHZ-1",
    "allocationId": "AL-AUTHZ-1", "leadId": "LD-AUTHZ-1", "developmentId": "DV-AUTHZ-1",
    "planId": "RP-C0000006", "resourceId": "R000302",
}

# Root fields a relationship manager may use that name no customer, customer-owned object or other
# resource, and why they are open to it. Each must really be open (not FORBIDDEN) to Tom.
BOOKLESS = {
    "customers": "lists only the RM's book (tested below)",
    "indicatorTypes": "the bank's indicator vocabulary",
    "routingProfileMakeUp": "aggregate counts by segment or RM, no customer named",
    "routingIndicatorTrend": "aggregate counts per day",
    "portfolioEventActivity": "aggregate counts per group",
    "servicingPool": "a pool's definition and members",
    "servicingResource": "a resource's skills and availability, which routing shows every channel",
    "servicingPoolStatistics": "a pool's service-level figures",
    "servicingPoolActivity": "a pool's queue, which its supervisors and members watch",
    "provideServicingPool": "pools are shared set-up, not a customer's",
    "updateServicingPool": "pools are shared set-up, not a customer's",
    "messageTemplates": "the bank's message templates",
    "leadFunnel": "aggregate counts",
    "leadConversionByResource": "aggregate conversion figures per resource, which sales managers compare",
    "leadAgeing": "aggregate counts",
    "leadPortfolio": "aggregate counts",
    "relationshipPlanCoverage": "bounded to the RM's own book inside the statement",
    "relationshipGoalAttainment": "bounded to the RM's own book inside the statement",
    "customerPath": "asked from fromCustomerId (tested as such); toCustomerId alone reveals no customer data",
}


def _bound_literal(type_: GraphQLInputType, path: str, named: list[str]) -> str | None:
    """Like _literal, but every ID argument or input field named in OUTSIDE (required or not) names
    the object outside the book; its path (e.g. "input.customerId") is appended to `named`. None: an
    optional field that names nothing (left out)."""
    required = isinstance(type_, GraphQLNonNull)
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    key = path.rsplit(".", 1)[-1]
    if isinstance(inner, GraphQLScalarType) and inner.name == "ID" and key in OUTSIDE:
        named.append(path)
        return f'"{OUTSIDE[key]}"'
    if not required and isinstance(inner, GraphQLList | GraphQLInputObjectType):
        # Optional: given only when it names something outside the book.
        inside: list[str] = []
        value = _bound_literal(GraphQLNonNull(inner), path, inside)
        named.extend(inside)
        return value if inside else None
    if isinstance(inner, GraphQLList):
        item = _bound_literal(inner.of_type, f"{path}[0]", named)
        return f"[{item or _literal(inner.of_type)}]"
    if isinstance(inner, GraphQLInputObjectType):
        if _one_of(inner):
            name, field = next(iter(inner.fields.items()))
            return f"{{{name}: {_bound_literal(field.type, f'{path}.{name}', named) or _literal(field.type)}}}"
        fields = []
        for name, field in inner.fields.items():
            value = _bound_literal(_as_given(field.type, field.default_value), f"{path}.{name}", named)
            if value is not None:
                fields.append(f"{name}: {value}")
        return "{" + ", ".join(fields) + "}"
    return _literal(type_) if required else None


def _as_given(type_: GraphQLInputType, default: Any) -> GraphQLInputType:
    """An argument or input field with a default need not be given: treat it as optional."""
    return type_.of_type if isinstance(type_, GraphQLNonNull) and default is not _UNDEFINED else type_


def bound_document(root: str, name: str) -> tuple[str, list[str]]:
    """A document for one root field naming objects outside Tom's book, and the paths that name them."""
    root_type = GRAPHQL.get_type(root)
    assert isinstance(root_type, GraphQLObjectType)
    field = root_type.fields[name]
    named: list[str] = []
    arguments = []
    for arg, a in field.args.items():
        value = _bound_literal(_as_given(a.type, a.default_value), arg, named)
        if value is not None:
            arguments.append(f"{arg}: {value}")
    args = f"({', '.join(arguments)})" if arguments else ""
    selection = " { error { code field } }" if name == "captureCustomerEvents" else _selection(field)
    return f"{OPERATION[root]} {{ {name}{args}{selection} }}", named


# Arguments the generated document cannot guess and without which the field refuses the input
# before the book is asked (VALIDATION needs no Cypher, so it may come first).
COMPLETIONS = {
    "updateRoutingStatus": ('indicatorId: "IN-AUTHZ-1"', 'indicatorId: "IN-AUTHZ-1", value: "x"'),
    "updateRoutingRating": ('indicatorId: "IN-AUTHZ-1"', 'indicatorId: "IN-AUTHZ-1", value: "x"'),
    "updateRoutingAlert": ('indicatorId: "IN-AUTHZ-1"', 'indicatorId: "IN-AUTHZ-1", value: "x"'),
    "updatePartyRoutingProfile": ("changes: {}", 'changes: {note: "x"}'),
    "updateCustomerEventLog": ("changes: {}", 'changes: {note: "x"}'),
    **{f"update{category}Event": ("changes: {}", 'changes: {record: "x"}')
       for category in ("Relationship", "Sales", "Servicing", "ProductProcessing", "Fraud", "Life")},
    "updateRelationshipPlan": ('planId: "RP-C0000006"', 'planId: "RP-C0000006", description: "x"'),
    "updateRelationshipDevelopment": ('taskId: "AUTHZ-X"', 'taskId: "AUTHZ-X", description: "x"'),
    "updateRelationshipIncident": ('incidentId: "AUTHZ-X"', 'incidentId: "AUTHZ-X", description: "x"'),
    "captureRelationshipIncident": ('incidentId: "AUTHZ-X"', 'incidentId: "AUTHZ-X", capturedDetail: "x"'),
    "updateRelationshipContact": ('contactId: "AUTHZ-X"', 'contactId: "AUTHZ-X", content: "x"'),
    "requestRelationshipContact": ("action: RESCHEDULE", 'action: CANCEL, reason: "x"'),
    "requestRelationshipPlan": ("kind: ARRANGE_MEETING", 'kind: REQUEST_REVIEW, reason: "x"'),
}

RM_ROWS = [row for row in ROWS if Role.RELATIONSHIP_MANAGER in (row.roles or ())]
BOUND_ROWS = [row for row in RM_ROWS if row.name not in BOOKLESS]


def test_every_field_a_relationship_manager_uses_names_its_book_or_says_why_not() -> None:
    unnamed = [row.name for row in BOUND_ROWS if not bound_document(row.kind, row.name)[1]]
    assert unnamed == [], ("these fields name no customer, customer-owned object or resource: bound them to "
                           f"the book or list them in BOOKLESS with the reason: {unnamed}")
    stale = set(BOOKLESS) - {row.name for row in RM_ROWS}
    assert not stale, f"BOOKLESS lists fields a relationship manager cannot use: {stale}"


def completed(name: str, query: str) -> str:
    if name not in COMPLETIONS:
        return query
    given, wanted = COMPLETIONS[name]
    assert given in query, (name, query)
    return query.replace(given, wanted, 1)


@pytest.fixture
async def book(database: Database) -> Database:
    return await bank_graph(database, "relationship_plans", "authz_book")


async def _as(db: Database, settings: Settings, who: Principal, query: str) -> tuple[ExecutionResult, Context]:
    context = Context(db=db.for_request(), principal=who, settings=settings)
    return await SCHEMA.execute(query, context_value=context), context


@pytest.mark.parametrize("row", BOUND_ROWS, ids=[f"{r.kind}.{r.name}" for r in BOUND_ROWS])
async def test_a_relationship_manager_reaches_only_its_book(bank: Database, settings: Settings, row: Any) -> None:
    query, named = bound_document(row.kind, row.name)
    query = completed(row.name, query)
    before = await snapshot(bank) if row.kind == "Mutation" else None
    context = Context(db=bank.for_request(), principal=TOM, settings=settings)
    result, _ = await _run_as(context, row.kind, query)
    errors = [(e.extensions or {}) for e in result.errors or []]
    if row.name == "captureCustomerEvents":  # refused item by item, in the answer
        assert result.data is not None, result.errors
        errors = [item["error"] for item in result.data["captureCustomerEvents"]]
    assert [e.get("code") for e in errors] == ["FORBIDDEN"], (query, result.errors, result.data)
    assert errors[0].get("field") in named, (query, errors, named)
    # The rule is asked first: one round trip at most, and nothing of the object was read.
    assert context.db.round_trips <= 1, (query, context.db.round_trips)
    if before is not None:
        assert await snapshot(bank) == before, f"{query}: a refused mutation changed the graph"


@pytest.mark.parametrize("name", sorted(BOOKLESS))
async def test_what_a_book_does_not_bound_is_open_to_a_relationship_manager(
        bank: Database, settings: Settings, name: str) -> None:
    row = next(r for r in RM_ROWS if r.name == name)
    query = document(row.kind, row.name)
    context = Context(db=bank.for_request(), principal=TOM, settings=settings)
    result, _ = await _run_as(context, row.kind, query)
    assert "FORBIDDEN" not in _codes(result), (query, result.errors)


async def test_admins_and_analysts_reach_every_book(bank: Database, settings: Settings) -> None:
    for who in (Principal("boss", frozenset({Role.ADMIN})), Principal("numbers", frozenset({Role.ANALYST}))):
        result, _ = await _as(bank, settings, who, '{ customer(customerId: "C0000005") { name } }')
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
    from gateway.security.auth import principal_from_claims
    from gateway.security.book import acting_resource
    from graph.errors import Unauthenticated

    claims = {"sub": "rita@bank", "roles": ["relationship_manager"]}
    assert acting_resource(principal_from_claims({**claims, "resourceId": "R000301"})) == "R000301"
    assert acting_resource(principal_from_claims(claims)) == "rita@bank"  # no claim: the subject
    for bad in (42, "", ["R000301"]):
        with pytest.raises(Unauthenticated, match="resourceId"):
            principal_from_claims({**claims, "resourceId": bad})
