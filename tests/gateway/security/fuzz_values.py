"""Hostile values and documents for fuzzing every root field (tests/gateway/security/test_fuzzing.py).

Values are drawn from the schema itself: each argument gets values of its declared GraphQL type
(so they pass GraphQL's own coercion and reach the resolvers and Cypher) that are as hostile as
the type allows, and a separate strategy gives values of the wrong type (which GraphQL must
refuse as VALIDATION before any resolver runs).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, LiteralString, cast

from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLUnionType,
    get_named_type,
    is_required_input_field,
)
from hypothesis import strategies as st

from graph.database import Database

# What an attacker would try against a gateway that built Cypher from input. Parameters make them
# inert: each must be refused as plain bad input, or stored and returned verbatim.
INJECTION_STRINGS: tuple[str, ...] = (
    "' OR 1=1 //",
    "\" OR 1=1 //",
    "}) MATCH (n) DETACH DELETE n //",
    "'}) MATCH (n) DETACH DELETE n //",
    "\"}) MATCH (n) DETACH DELETE n RETURN 1 //",
    "x' }) WITH 1 AS x MATCH (n) DETACH DELETE n //",
    "$param",
    "$customerId",
    "{customerId: 'C0000001'}",
    "`backtick`",
    "`) MATCH (n) DETACH DELETE n //",
    "\\u0027",
    "\\' OR 1=1 //",
    "CALL db.labels()",
    "CALL dbms.components() YIELD name RETURN name",
    "'; DROP DATABASE neo4j; //",
    "'; MATCH (n) SET n.pwned = true; //",
    "LOAD CSV FROM 'http://127.0.0.1/x' AS l RETURN l",
    "/* */ RETURN 1 //",
    "C0000001' OR '1'='1",
    "%s%s%s%n",
    "{{7*7}} ${7*7} #{7*7}",
    "../../../../etc/passwd",
    "<script>alert(1)</script>",
    "__typename",
)

UNICODE_STRINGS: tuple[str, ...] = (
    "",
    " ",
    "\t\n\r",
    "\x00",
    "a\x00b",
    "\u202eRTL override\u202c",
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",  # Hebrew and Arabic
    "\U0001f600\U0001f469\u200d\U0001f469\u200d\U0001f467\U0001f3f3\ufe0f\u200d\U0001f308",  # emoji and ZWJ sequences
    "\ufeffBOM",
    "\u200b\u200c\u200d",
    "e\u0301\u0301\u0301\u0301",  # stacked combining marks
    "\U0010ffff",
    "\u0000\u0001\u001f\u007f",
)

# A lone surrogate (what JSON's "\ud800" escape decodes to) cannot be encoded for Neo4j: the
# database layer answers VALIDATION for it (graph/database.py).
LONE_SURROGATES: tuple[str, ...] = ("\ud800", "x\udfffy")

HUGE_STRINGS: tuple[str, ...] = (
    "A" * 10_000,
    "\u00e9" * 50_000,
    ("' OR 1=1 // " * 9_000)[:100_000],
)

# GraphQL's Int is 32-bit: these are the extremes that still pass its coercion.
BOUNDARY_INTS: tuple[int, ...] = (0, -1, 1, 2**31 - 1, -(2**31), 2**31 - 2, -(2**31) + 1, 1000, 10_000)
BOUNDARY_FLOATS: tuple[float, ...] = (0.0, -0.0, -1.0, 1e308, -1e308, 5e-324, 1e-10, 2.0**53, 0.1)
DATES: tuple[str, ...] = ("2026-01-01", "0001-01-01", "9999-12-31", "2024-02-29", "1970-01-01")
DATETIMES: tuple[str, ...] = (
    "2026-01-01T00:00:00Z", "2026-01-01T00:00:00+14:00", "2026-01-01T00:00:00-12:00",
    "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z", "1970-01-01T00:00:00Z",
    "2026-01-01T00:00:00",  # no offset
    "2026-06-30T23:59:60Z",  # a leap second
)

HOSTILE_STRINGS: tuple[str, ...] = INJECTION_STRINGS + UNICODE_STRINGS + LONE_SURROGATES + HUGE_STRINGS

# Exception class names and trace markers that must never reach a client.
LEAK = re.compile(
    r"Traceback|File \"|line \d+, in |\b[A-Z][A-Za-z]*(?:Error|Exception)\b|Neo\.(?:Client|Database|Transient)Error"
    r"|neo4j\.|graphql\.|strawberry\.|0x[0-9a-f]{6,}"
)
# Exceptions our own messages legitimately name: none today. GraphQL's messages quote type names
# such as "Int!" but never classes.


def leaked(message: str, sent: str = "") -> bool:
    """Whether an error message shows an exception class or trace (ignoring what the client sent)."""
    return bool(LEAK.search(message.replace(sent, ""))) if sent else bool(LEAK.search(message))


KNOWN_VALUES = cast(LiteralString, (Path(__file__).resolve().parent / "fuzz_known_values.cypher").read_text())


async def known_values(db: Database) -> dict[str, list[str]]:
    """Existing ids and codes by property name (customerId -> ['C0000001', ...]), every fixture's included: some
    fixture nodes lack optional properties, as nodes written in Neo4j Browser may (docs/graph-model.md)."""
    return {row["key"]: row["values"] for row in await db.read(KNOWN_VALUES)}


def known_ids_for(argument: str, known: dict[str, list[str]]) -> list[str]:
    """Existing values an argument of this name may refer to: customerId for fromCustomerId, resourceId
    for ownerId/assigneeId/backupResourceId/withResourceId, event codes for `type`, and so on."""
    name = argument[0].lower() + argument[1:]
    aliases = {"ownerId": "resourceId", "assigneeId": "resourceId", "backupResourceId": "resourceId",
               "withResourceId": "resourceId", "fromCustomerId": "customerId", "toCustomerId": "customerId",
               "employeeUnitReference": "resourceId", "leadReference": "leadId", "allocationReference": "allocationId",
               "originatedFromEventId": "eventId", "originatedFromAllocationId": "allocationId",
               "routesTo": "poolId", "type": "code", "code": "code", "eventIds": "eventId",
               "allocationIds": "allocationId", "productIds": "productId", "accessedProductIds": "productId",
               "pools": "poolId", "skills": "code"}
    return known.get(aliases.get(name, name), [])


def _scalar(type_: GraphQLScalarType, known: list[str]) -> st.SearchStrategy[Any]:
    if type_.name == "Int":
        return st.sampled_from(BOUNDARY_INTS) | st.integers(-5, 400)
    if type_.name == "Float":
        return st.sampled_from(BOUNDARY_FLOATS) | st.floats(allow_nan=False, allow_infinity=False)
    if type_.name == "Boolean":
        return st.booleans()
    if type_.name == "Date":
        return st.sampled_from(DATES) | st.sampled_from(HOSTILE_STRINGS[:12])
    if type_.name == "DateTime":
        return st.sampled_from(DATETIMES) | st.sampled_from(HOSTILE_STRINGS[:12])
    hostile = st.sampled_from(HOSTILE_STRINGS) | st.text(max_size=40)
    # Existing ids half the time, so the request reaches the code behind the look-up.
    return st.sampled_from(known) | hostile if known else hostile


def typed_value(type_: GraphQLInputType, known: dict[str, list[str]], name: str, depth: int = 0) -> st.SearchStrategy[Any]:
    """A value of the declared type (JSON, as a client would send it in `variables`), hostile within it."""
    if isinstance(type_, GraphQLNonNull):
        return _typed(type_.of_type, known, name, depth)
    return st.none() | _typed(type_, known, name, depth)


def _typed(type_: GraphQLInputType, known: dict[str, list[str]], name: str, depth: int) -> st.SearchStrategy[Any]:
    inner: st.SearchStrategy[Any]
    if isinstance(type_, GraphQLList):
        element = typed_value(type_.of_type, known, name, depth + 1)
        inner = st.just([]) | st.lists(element, min_size=1, max_size=3)
        if isinstance(get_named_type(type_), GraphQLScalarType | GraphQLEnumType):
            inner = inner | st.lists(element, min_size=300, max_size=300)  # a long list
    elif isinstance(type_, GraphQLEnumType):
        inner = st.sampled_from(sorted(type_.values))
    elif isinstance(type_, GraphQLInputObjectType):
        inner = _input_object(type_, known, depth)
    else:
        assert isinstance(type_, GraphQLScalarType)
        inner = _scalar(type_, known_ids_for(name, known))
    return inner


def _input_object(type_: GraphQLInputObjectType, known: dict[str, list[str]], depth: int) -> st.SearchStrategy[Any]:
    required = {name: typed_value(field.type, known, name, depth + 1)
                for name, field in type_.fields.items() if isinstance(field.type, GraphQLNonNull)}
    optional = {name: typed_value(field.type, known, name, depth + 1)
                for name, field in type_.fields.items() if not isinstance(field.type, GraphQLNonNull)}
    if depth > 2:  # nested inputs: only what is required
        optional = {}
    return st.fixed_dictionaries(required, optional=optional)


def arguments(field: GraphQLField, known: dict[str, list[str]]) -> st.SearchStrategy[dict[str, Any]]:
    """Variables for every argument (required ones always, optional ones sometimes)."""
    required = {name: typed_value(arg.type, known, name) for name, arg in field.args.items()
                if isinstance(arg.type, GraphQLNonNull)}
    optional = {name: typed_value(arg.type, known, name) for name, arg in field.args.items()
                if not isinstance(arg.type, GraphQLNonNull)}
    return st.fixed_dictionaries(required, optional=optional)


# Values of the wrong type for a declared type, as variables: GraphQL must refuse each.
def wrong_value(type_: GraphQLInputType) -> st.SearchStrategy[Any]:
    named = get_named_type(type_)
    if isinstance(type_, GraphQLNonNull):
        candidates: list[Any] = [None]
    else:
        candidates = []
    if isinstance(named, GraphQLScalarType) and named.name in ("Int", "Float"):
        candidates += ["12", "1e3", "NaN", {"a": 1}, True, [[1]]]
        if named.name == "Int":
            candidates += [1.5, 2**31, -(2**31) - 1, 2**63, 10**400]
    elif isinstance(named, GraphQLScalarType) and named.name == "Boolean":
        candidates += ["true", 0, 1, {"a": True}, [[True]]]
    elif isinstance(named, GraphQLScalarType) and named.name in ("Date", "DateTime"):
        candidates += [12, True, {"a": 1}, "2026-13-45", "not a date", "2026-02-30", [["2026-01-01"]], 1e308]
    elif isinstance(named, GraphQLScalarType):  # String and ID
        candidates += [{"a": "b"}, 1.5, True, [["nested"]]]
    elif isinstance(named, GraphQLEnumType):
        candidates += ["NOT_A_VALUE", "' OR 1=1 //", 1, {"a": 1}, "", [["X"]]]
    else:  # input object
        candidates += ["a string", 7, [[{}]], {"notAField": 1}]
        if isinstance(named, GraphQLInputObjectType) and any(map(is_required_input_field, named.fields.values())):
            candidates.append({})  # wrong only when a field must be given: {} is a valid filter of optional ones
    return st.sampled_from(candidates)


def wrong_literal(type_: GraphQLInputType) -> str:
    """A literal of the wrong type to write into the document itself."""
    named = get_named_type(type_)
    if isinstance(named, GraphQLScalarType) and named.name in ("Int", "Float", "Boolean"):
        return '"\' OR 1=1 //"'
    if isinstance(named, GraphQLEnumType):
        return "NOT_A_VALUE"
    if isinstance(named, GraphQLInputObjectType):
        return "{notAField: 1}"
    return "{a: 1}"


def type_literal(type_: GraphQLInputType) -> str:
    """The variable type as written in a document (e.g. `[ID!]!`)."""
    return str(type_)


def selection(type_: GraphQLOutputType, depth: int = 0) -> str:
    """A selection of the leaf fields of the return type, two levels deep (plus __typename), skipping
    fields that need arguments: enough to run the field's nested resolvers."""
    named = get_named_type(type_)
    if not isinstance(named, GraphQLObjectType):
        if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
            return "{ __typename }"
        return ""
    parts = ["__typename"]
    for name, field in named.fields.items():
        if any(isinstance(arg.type, GraphQLNonNull) for arg in field.args.values()):
            continue
        inner_named = get_named_type(field.type)
        if isinstance(inner_named, GraphQLScalarType | GraphQLEnumType):
            parts.append(name)
        elif depth < 2:
            parts.append(f"{name} {selection(field.type, depth + 1)}")
    return "{ " + " ".join(parts) + " }"


def document(operation: str, name: str, field: GraphQLField, sent: dict[str, Any]) -> str:
    """`mutation Fuzz($a: T!, ...) { field(a: $a, ...) { selection } }` for the arguments sent."""
    args: dict[str, GraphQLArgument] = {n: a for n, a in field.args.items() if n in sent}
    declared = ", ".join(f"${n}: {type_literal(a.type)}" for n, a in args.items())
    passed = ", ".join(f"{n}: ${n}" for n in args)
    head = f"{operation} Fuzz({declared})" if declared else f"{operation} Fuzz"
    call = f"{name}({passed})" if passed else name
    return f"{head} {{ {call} {selection(field.type)} }}"
