"""The book, walked from the schema's type graph: no path leads a relationship manager out of it.

THE CONTRACT (docs/security.md, on the book), which this test is the oracle of:

- A *customer-bearing* type, decided from the schema alone: an object type with a field
  `customerId`, or with a field `customer` holding a customer reference (a type with a
  `customerId`, other than the whole `Customer`), or `NetworkNode` (whose `id` is a customerId when
  its `label` is CUSTOMER). Its owner: that customerId. A type whose `customer` is a whole Customer
  (HouseholdMember) is a link in the network, not an object of that customer: the Customer at its
  end answers for itself.
- A relationship manager (Tom, R000303, BACKUP_FOR Rita) reaches the customers of its book
  (gateway/security/book.py). Outside the book it still sees a customer's reference: `customerId`,
  `name` and `kind` on the types that stand for a customer (`Customer` and those whose name ends in
  `Customer` or `CustomerReference`), `id`, `label`, `caption` and `customerKind` on NetworkNode,
  and `__typename` everywhere.
- Every other field of a customer-bearing object whose owner is outside the book answers null with
  exactly one error at that field's path, extensions.code FORBIDDEN; the rest of the response is
  intact.
- One exception: an allocation offered to the RM's own resource (an Allocation, AllocationChange or
  PoolAssignment whose resource is Tom's) stays visible to it after it ends, although its customer then leaves the
  book: the desktop must see its own offer end.
- A root field whose arguments name something outside the book is refused as a whole (FORBIDDEN at
  the root field): nothing beyond it resolves. Objects in the book resolve normally, no FORBIDDEN.
- The same holds in mutation results and subscription payloads.

The walk: every path of fields from every root field of Query, Mutation and Subscription that
reaches a customer-bearing type, simple in its edges (a type's field is crossed at most once per
path: a longer path only repeats what a shorter one reached) and at most the depth limit long.
Each root field's paths are merged into as few documents as its abuse limits allow (tokens,
cost), selecting at every customer-bearing object all its fields. Each document runs in process,
as Tom and as an admin, on a bank where those paths lead out of the book (tests/data/book_paths.cypher):
root arguments from ARGUMENTS (inside the book, where a leak would be nested) and the arguments of
the role matrix naming objects outside it (tests/gateway/security/test_authorization_matrix.py). The
admin's answer tells who owns each object Tom's answer holds.

A path counts as covered when a run not refused at the root reached an object outside the book
there (per the admin's answer); or when Tom was refused at the root and the admin's answer to the
same document held objects outside the book at that path (mutations: refused at the root, the
admin not asked, for it would write); or when ALLOWED lists it with the reason no data can lead
it out of the book. A path covered in no way fails the test, and so does an ALLOWED entry no
longer needed: a root field or type added later fails it until it is covered.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any, LiteralString, cast

import pytest
from graphql import (
    FieldNode,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    OperationDefinitionNode,
    get_named_type,
    is_leaf_type,
    parse,
    print_ast,
)
from strawberry.types import ExecutionResult

from gateway.routing_feed import RoutingFeed
from gateway.security.auth import Principal, Role
from gateway.security.book import access, reach
from gateway.security.matrix import root_fields
from gateway.security.query_cost import operation_cost
from gateway.settings import Settings
from graph.database import Database
from graph.seed import wipe_graph
from resolvers.context import Context
from tests.gateway.security.test_authorization_matrix import _UNDEFINED, OUTSIDE, TOM, _literal, bound_document, completed
from tests.support import ADMIN, DATA, SCHEMA, load_small_bank

GRAPHQL = SCHEMA._schema
LIMITS = Settings()  # the production limits the documents must keep to
ROOTS = ("Query", "Mutation", "Subscription")
OPERATION = {"Query": "query", "Mutation": "mutation", "Subscription": "subscription"}
BOSS = Principal("boss", ADMIN)
FORBIDDEN = "FORBIDDEN"


# --- The type graph ------------------------------------------------------------------------------

def _object(type_: Any) -> GraphQLObjectType | None:
    named = get_named_type(type_)
    return named if isinstance(named, GraphQLObjectType) else None


def customer_bearing(type_: GraphQLObjectType) -> bool:
    if type_.name in ROOTS:
        return False
    if type_.name == "NetworkNode" or "customerId" in type_.fields:
        return True
    customer = _object(type_.fields["customer"].type) if "customer" in type_.fields else None
    return customer is not None and customer.name != "Customer" and "customerId" in customer.fields


def stands_for_customer(name: str) -> bool:
    return name == "Customer" or name.endswith(("Customer", "CustomerReference"))


def reference_fields(type_: GraphQLObjectType) -> frozenset[str]:
    """What answers outside the book on an object of `type_`."""
    if type_.name == "NetworkNode":
        return frozenset({"__typename", "id", "label", "caption", "customerKind"})
    if stands_for_customer(type_.name):
        return frozenset({"__typename", "customerId", "name", "kind"})
    return frozenset({"__typename"})


def owner(type_: GraphQLObjectType, value: dict[str, Any]) -> str | None:
    """The customerId owning an object of a customer-bearing type, read from the admin's answer."""
    if type_.name == "NetworkNode":
        return cast(str, value["id"]) if value.get("label") == "CUSTOMER" else None
    if "customerId" in type_.fields:
        return cast(str | None, value.get("customerId"))
    customer = value.get("customer")
    return cast(str, customer["customerId"]) if isinstance(customer, dict) else None


# The types of an allocation, which stays visible to the resource it was offered to.
OWN_WORK = frozenset({"Allocation", "AllocationChange", "PoolAssignment"})


def visible(type_: GraphQLObjectType, value: dict[str, Any], whose: str, book: frozenset[str]) -> bool:
    """Whether Tom may see all of a customer-bearing object owned by `whose` (the admin's answer)."""
    if whose in book:
        return True
    resource = value.get("resourceId") or (value.get("resource") or {}).get("resourceId")
    return type_.name in OWN_WORK and resource == TOM.resource_id


def _leads_to_bearing() -> frozenset[str]:
    """The object types from which some field path reaches a customer-bearing type."""
    types = [t for name, t in GRAPHQL.type_map.items() if isinstance(t, GraphQLObjectType) and not name.startswith("__")]
    found = {t.name for t in types if customer_bearing(t)}
    grown = True
    while grown:
        before = len(found)
        found |= {t.name for t in types
                  if any((child := _object(f.type)) is not None and child.name in found for f in t.fields.values())}
        grown = len(found) > before
    return frozenset(found)


@dataclass(frozen=True)
class Path:
    kind: str  # Query, Mutation or Subscription
    fields: tuple[str, ...]  # from the root field down to a customer-bearing type

    @property
    def root(self) -> str:
        return self.fields[0]

    def __str__(self) -> str:
        return f"{self.kind}.{'.'.join(self.fields)}"


def walk_paths(max_depth: int) -> tuple[list[Path], int]:
    """Every edge-simple path of at most `max_depth` fields from a root field to a customer-bearing
    type, and how many were cut at the depth limit."""
    leading = _leads_to_bearing()
    paths: list[Path] = []
    cut = 0

    def extend(kind: str, type_: GraphQLObjectType, fields: tuple[str, ...], edges: frozenset[tuple[str, str]]) -> None:
        nonlocal cut
        if customer_bearing(type_):
            paths.append(Path(kind, fields))
        for name, definition in type_.fields.items():
            child = _object(definition.type)
            if child is None or child.name not in leading or (type_.name, name) in edges:
                continue
            if len(fields) >= max_depth:
                cut += 1
                continue
            extend(kind, child, (*fields, name), edges | {(type_.name, name)})

    for kind in ROOTS:
        root = GRAPHQL.get_type(kind)
        assert isinstance(root, GraphQLObjectType)
        for name, definition in root.fields.items():
            child = _object(definition.type)
            if child is not None and child.name in leading:
                extend(kind, child, (name,), frozenset({(kind, name)}))
    return paths, cut


PATHS, CUT = walk_paths(LIMITS.max_query_depth)
ROWS = {(row.kind, row.name): row for row in root_fields(SCHEMA)}


# --- Documents -----------------------------------------------------------------------------------

Trie = dict[str, "Trie"]


PAGE = 5  # every nested page this long: enough items to leave the book, a cost the limit allows


def _arguments(definition: GraphQLField) -> str:
    """A nested field's arguments: the required ones type-correct, pages of PAGE items."""
    given = [f"{name}: {PAGE if name in ('first', 'limit') else _literal(arg.type)}"
             for name, arg in definition.args.items()
             if name in ("first", "limit") or isinstance(arg.type, GraphQLNonNull) and arg.default_value is _UNDEFINED]
    return f"({', '.join(given)})" if given else ""


def _selection(type_: GraphQLObjectType, trie: Trie, depth: int, lean: int) -> str:
    """The selection on an object at `depth` (the root field is 1): the fields of the paths below it;
    on a customer-bearing object every field too (other objects with their __typename and
    customerId), so that every field of it is seen answering or refused. Leaner, to keep within the
    cost limit: (1) on the objects a path only passes through, no object off the paths; (2) and on
    those it ends at, no list of objects (a shorter path ending at the same type selects them)."""
    parts = ["__typename"]
    bearing = customer_bearing(type_)
    for name, definition in type_.fields.items():
        child = _object(definition.type)
        arguments = _arguments(definition)
        if name in trie:
            assert child is not None
            parts.append(f"{name}{arguments} {{ {_selection(child, trie[name], depth + 1, lean)} }}")
        elif bearing and child is None:
            parts.append(f"{name}{arguments}")
        elif bearing and child is not None and depth < LIMITS.max_query_depth and not (lean >= 1 and trie) \
                and not (lean >= 2 and _is_list(definition.type)):
            inner = " ".join(["__typename", *(key for key in ("customerId", "resourceId") if key in child.fields)])
            parts.append(f"{name}{arguments} {{ {inner} }}")
    return " ".join(parts)


def _is_list(type_: GraphQLOutputType) -> bool:
    return isinstance(type_.of_type if isinstance(type_, GraphQLNonNull) else type_, GraphQLList)


def render(kind: str, root: str, arguments: str, trie: Trie, lean: int = 0) -> str:
    root_type = GRAPHQL.get_type(kind)
    assert isinstance(root_type, GraphQLObjectType)
    child = _object(root_type.fields[root].type)
    assert child is not None
    errors = " error { code }" if root in ITEMWISE else ""
    return f"{OPERATION[kind]} {{ {root}{arguments} {{ {_selection(child, trie[root], 2, lean)}{errors} }} }}"


def within_limits(document: str) -> bool:
    """Whether the gateway's production limits let `document` through (depth is kept by the walk)."""
    try:
        parsed = parse(document, max_tokens=LIMITS.max_tokens)
    except GraphQLError:
        return False
    operation = parsed.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return operation_cost(GRAPHQL, operation, {}, {}, LIMITS.max_page_size) <= LIMITS.max_query_cost


def documents(kind: str, root: str, arguments: str, paths: list[Path]) -> tuple[list[tuple[str, list[Path]]], list[Path]]:
    """The root field's paths merged into as few documents as the limits allow, each with its
    paths; and the paths that fit in no document, even lean (which fail the test)."""
    built: list[tuple[str, list[Path]]] = []
    for lean in (0, 1, 2):
        more, paths = _merged(kind, root, arguments, paths, lean)
        built.extend(more)
    return built, paths


def _merged(kind: str, root: str, arguments: str, paths: list[Path],
            lean: int) -> tuple[list[tuple[str, list[Path]]], list[Path]]:
    built: list[tuple[str, list[Path]]] = []
    too_big: list[Path] = []
    trie: Trie = {}
    members: list[Path] = []
    for path in sorted(paths, key=lambda p: p.fields):
        candidate = _with(trie, path.fields)
        if within_limits(render(kind, root, arguments, candidate, lean)):
            trie, members = candidate, [*members, path]
            continue
        if members:
            built.append((render(kind, root, arguments, trie, lean), members))
        trie, members = _with({}, path.fields), [path]
        if not within_limits(render(kind, root, arguments, trie, lean)):
            too_big.append(path)
            trie, members = {}, []
    if members:
        built.append((render(kind, root, arguments, trie, lean), members))
    return built, too_big


def _with(trie: Trie, fields: tuple[str, ...]) -> Trie:
    copy: Trie = {name: _with(sub, ()) for name, sub in trie.items()}
    node = copy
    for name in fields:
        node = node.setdefault(name, {})
    return copy


# --- Root arguments ------------------------------------------------------------------------------

# Inside Tom's book: the ids the role matrix's documents name outside it, swapped for ids in it.
INSIDE = {
    "customerId": "C0000001", "fromCustomerId": "C0000001", "partyStateId": "PS-C0000001",
    "indicatorId": "IN-BOOK-T2", "eventLogId": "EL-C0000001", "eventId": "EV-C0000001-10",
    "allocationId": "AL-PATHS-2", "leadId": "LD-BOOK-1", "developmentId": "DV-PATHS-1",
    "planId": "RP-C0000001", "resourceId": "R000303",
}
# Root arguments the swap cannot guess (an event of the field's category, a plan's own task...).
ARGUMENTS = {
    "relationshipEvent": '(eventId: "EV-PATHS-C0000001-RELATIONSHIP")',
    "salesEvent": '(eventId: "EV-C0000001-03")',
    "servicingEvent": '(eventId: "EV-C0000001-01")',
    "productProcessingEvent": '(eventId: "EV-C0000001-04")',
    "lifeEvent": '(eventId: "EV-C0000001-10")',
    "fraudEvent": '(eventId: "EV-PATHS-C0000001-FRAUD")',
    "customerPath": '(fromCustomerId: "C0000001", toCustomerId: "C0000006")',
    "customerNetwork": '(customerId: "C0000001", depth: 2)',
    "relationshipDevelopment": '(planId: "RP-C0000001", taskId: "DT-RP-C0000001-1")',
    "relationshipIncident": '(planId: "RP-C0000001", incidentId: "IN-RP-C0000001-1")',
    "relationshipContact": '(planId: "RP-C0000001", contactId: "PC-RP-C0000001-1")',
    "servicingPool": '(poolId: "POOL-PATHS")',
    "customers": "(first: 1)",  # Alice, whose household and relations lead out: a cost the deepest paths allow
    "updateServicingPool": '(poolId: "POOL-PATHS", changes: {serviceLevelSeconds: 31})',
    "servicingPoolActivity": '(poolId: "POOL-PATHS")',
    "customerEventActivity": '(customerId: "C0000001", period: MONTH, from: "2020-01-01", to: "2030-01-01")',
    "routingCandidates": '(request: {customerId: "C0000001", channel: PHONE})',
}

# Outside the book, where the role matrix's arguments name nothing the admin finds.
OUTSIDE_ARGUMENTS = {
    **{f"{category}Event": f'(eventId: "EV-PATHS-C0000005-{code}")' for category, code in (
        ("relationship", "RELATIONSHIP"), ("sales", "SALES"), ("servicing", "SERVICING"),
        ("productProcessing", "PRODUCT_PROCESSING"), ("fraud", "FRAUD"))},
    "customerPath": '(fromCustomerId: "C0000005", toCustomerId: "C0000004")',
    "relationshipDevelopment": '(planId: "RP-C0000006", taskId: "DT-PATHS-1")',
    "relationshipIncident": '(planId: "RP-C0000006", incidentId: "IN-BOOK-HOLD")',
    "relationshipContact": '(planId: "RP-C0000006", contactId: "PC-BOOK-SOON")',
}
# Changes refused item by item, in the answer (each item's error), not at the root.
ITEMWISE = {"captureCustomerEvents"}

# Paths no data can lead out of the book and why: a path, or with ".*" every path under it. An
# entry whose paths are all covered otherwise fails the test: it is no longer needed.
ALLOWED = {
    **{f"Query.customers.edges.node{below}": "lists only the RM's own book (list_customers.cypher applies the book "
       "rule), and a customer's own profile and events are the customer's" for below in (
        "", ".routingProfile", ".events.edges.node")},
    "Query.relationshipManagerBook.*": "every list of it is the RM's own book, bounded inside its statements",
    "Query.relationshipActivityReview.*": "flags customers of the RM's own book only",
    "Mutation.provideServicingPool.*": "a pool just provided holds no allocation yet",
}


def _root_arguments(document: str) -> str:
    operation = parse(document).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    node = operation.selection_set.selections[0]
    assert isinstance(node, FieldNode)
    arguments = ", ".join(print_ast(argument) for argument in node.arguments or ())
    return f"({arguments})" if arguments else ""


@dataclass(frozen=True)
class Variant:
    """One way of calling a root field: arguments naming objects inside the book or outside it."""

    kind: str
    root: str
    arguments: str
    outside: bool  # names something outside the book: Tom must be refused at the root


def variants(kind: str, root: str) -> list[Variant]:
    row = ROWS[(kind, root)]
    if Role.RELATIONSHIP_MANAGER not in (row.roles or ()):
        return [Variant(kind, root, _root_arguments(bound_document(kind, root)[0]), outside=True)]
    query, named = bound_document(kind, root)
    outside = OUTSIDE_ARGUMENTS.get(root) or _root_arguments(completed(root, query))
    if not named:  # names nothing a book bounds; a change runs only where ARGUMENTS says how
        run = kind != "Mutation" or root in ARGUMENTS
        return [Variant(kind, root, ARGUMENTS.get(root, outside), outside=False)] if run else []
    found = [Variant(kind, root, outside, outside=True)]
    if kind != "Mutation" or root in ARGUMENTS:  # a change inside the book would write: only where asked
        inside = ARGUMENTS.get(root, outside)
        for key, value in OUTSIDE.items():
            inside = inside.replace(f'{key}: "{value}"', f'{key}: "{INSIDE[key]}"')
        found.append(Variant(kind, root, inside, outside=False))
    return found


# --- Checking an answer --------------------------------------------------------------------------

@dataclass
class Tally:
    """What the walk found: per path, objects reached (admin's answer) and outside the book."""

    reached: Counter[tuple[str, ...]] = field(default_factory=Counter)
    outside: Counter[tuple[str, ...]] = field(default_factory=Counter)
    leaks: list[str] = field(default_factory=list)  # a field beyond the reference answered outside the book
    unrefused: list[str] = field(default_factory=list)  # null outside the book, but not one FORBIDDEN there
    over: list[str] = field(default_factory=list)  # FORBIDDEN inside the book
    other: list[str] = field(default_factory=list)  # anything else unexpected (errors, misaligned lists)


def _path_text(path: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in path)


class Answer:
    """Tom's answer beside the admin's, checked object by object."""

    def __init__(self, book: frozenset[str], tally: Tally, kind: str, errors: list[GraphQLError] | None) -> None:
        self.book, self.tally, self.kind = book, tally, kind
        self.errors: dict[tuple[str | int, ...], list[str]] = {}
        for error in errors or []:
            self.errors.setdefault(tuple(error.path or ()), []).append((error.extensions or {}).get("code", "?"))
        self.explained: set[tuple[str | int, ...]] = set()

    def field(self, node: FieldNode, parent: GraphQLObjectType, admin: Any, rm: Any,
              path: tuple[str | int, ...], fields: tuple[str, ...]) -> None:
        name = node.name.value
        if name == "__typename":
            return
        definition = parent.fields[name]
        self._value(node, definition.type, admin, rm, path, fields)

    def _value(self, node: FieldNode, type_: GraphQLOutputType, admin: Any, rm: Any,
               path: tuple[str | int, ...], fields: tuple[str, ...]) -> None:
        if isinstance(type_, GraphQLNonNull):
            type_ = type_.of_type
        if admin is None or rm is None:
            if rm is None and admin is not None and path not in self.errors:
                self.tally.other.append(f"{self.kind} {_path_text(path)}: null for the RM, not for the admin")
            return
        if isinstance(type_, GraphQLList):
            for index, (a, r) in enumerate(self._aligned(admin, rm, path)):
                self._value(node, type_.of_type, a, r, (*path, index), fields)
            return
        if is_leaf_type(type_):
            return
        assert isinstance(type_, GraphQLObjectType) and node.selection_set is not None
        self._object(node, type_, admin, rm, path, fields)

    def _object(self, node: FieldNode, type_: GraphQLObjectType, admin: dict[str, Any], rm: dict[str, Any],
                path: tuple[str | int, ...], fields: tuple[str, ...]) -> None:
        assert node.selection_set is not None
        children = [s for s in node.selection_set.selections if isinstance(s, FieldNode)]
        whose = owner(type_, admin) if customer_bearing(type_) else None
        if whose is None:  # not customer-bearing (or a household in a network): its fields as they come
            for child in children:
                name = child.name.value
                self.field(child, type_, admin.get(name), rm.get(name), (*path, name), (*fields, name))
            return
        if visible(type_, admin, whose, self.book):
            for child in children:
                name = child.name.value
                if FORBIDDEN in self.errors.get((*path, name), []):
                    self.explained.add((*path, name))
                    self.tally.over.append(f"{self.kind} {_path_text((*path, name))} ({type_.name} of {whose}, "
                                           "in the book): FORBIDDEN")
                self.field(child, type_, admin.get(name), rm.get(name), (*path, name), (*fields, name))
            return
        references = reference_fields(type_)
        for child in children:
            name = child.name.value
            at = (*path, name)
            if name in references:
                if rm.get(name) != admin.get(name):
                    self.tally.other.append(f"{self.kind} {_path_text(at)}: the reference differs from the admin's")
                continue
            codes = self.errors.get(at, [])
            if rm.get(name) is not None:
                self.tally.leaks.append(f"{self.kind} {_path_text(at)} ({type_.name} of {whose}, outside the book)")
            elif codes != [FORBIDDEN]:
                self.tally.unrefused.append(f"{self.kind} {_path_text(at)} ({type_.name} of {whose}): errors {codes}")
            self.explained.add(at)

    def _aligned(self, admin: list[Any], rm: list[Any], path: tuple[str | int, ...]) -> Iterator[tuple[Any, Any]]:
        """Pairs of the admin's and the RM's items: by position when the lists are as long, else
        each RM item with the first unused admin item agreeing on every leaf the RM sees."""
        if len(admin) == len(rm):
            yield from zip(admin, rm, strict=True)
            return
        used: set[int] = set()
        for item in rm:
            seen = {k: v for k, v in item.items() if not isinstance(v, dict | list) and v is not None} \
                if isinstance(item, dict) else {}
            match = next((i for i, candidate in enumerate(admin) if i not in used and isinstance(candidate, dict)
                          and all(candidate.get(k) == v for k, v in seen.items())), None)
            if match is None:
                self.tally.other.append(f"{self.kind} {_path_text(path)}: an RM item the admin's answer lacks")
                continue
            used.add(match)
            yield admin[match], item

    def unexplained(self) -> list[str]:
        """RM errors no rule explains."""
        return [f"{self.kind} {_path_text(at)}: {codes}" for at, codes in self.errors.items()
                if at not in self.explained]


def census(document: str, admin: ExecutionResult, book: frozenset[str], tally: Tally) -> Counter[tuple[str, ...]]:
    """Count the customer-bearing objects of the admin's answer by path into `tally`, and those
    outside the book; return the latter, for this answer alone."""
    outside: Counter[tuple[str, ...]] = Counter()
    operation = parse(document).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)

    def visit(node: FieldNode, type_: Any, value: Any, fields: tuple[str, ...]) -> None:
        if isinstance(type_, GraphQLNonNull):
            type_ = type_.of_type
        if value is None or node.selection_set is None:
            return
        if isinstance(type_, GraphQLList):
            for item in value:
                visit(node, type_.of_type, item, fields)
            return
        assert isinstance(type_, GraphQLObjectType)
        whose = owner(type_, value) if customer_bearing(type_) else None
        if whose is not None:
            tally.reached[fields] += 1
            if not visible(type_, value, whose, book):
                tally.outside[fields] += 1
                outside[fields] += 1
        for child in node.selection_set.selections:
            if isinstance(child, FieldNode) and child.name.value != "__typename":
                name = child.name.value
                visit(child, type_.fields[name].type, value.get(name), (*fields, name))

    root_type = GRAPHQL.get_type(ROOTS[["query", "mutation", "subscription"].index(operation.operation.value)])
    node = operation.selection_set.selections[0]
    assert isinstance(node, FieldNode) and isinstance(root_type, GraphQLObjectType)
    name = node.name.value
    visit(node, root_type.fields[name].type, (admin.data or {}).get(name), (name,))
    return outside


def check(document: str, admin: ExecutionResult, rm: ExecutionResult, book: frozenset[str], tally: Tally,
          label: str) -> None:
    operation = parse(document).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    root_type = GRAPHQL.get_type({"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}[
        operation.operation.value])
    assert isinstance(root_type, GraphQLObjectType)
    answer = Answer(book, tally, label, rm.errors)
    node = operation.selection_set.selections[0]
    assert isinstance(node, FieldNode)
    name = node.name.value
    answer.field(node, root_type, (admin.data or {}).get(name), (rm.data or {}).get(name), (name,), (name,))
    tally.other.extend(answer.unexplained())


def refused_at_root(result: ExecutionResult, root: str) -> bool:
    """FORBIDDEN at the root field and nothing under it; ITEMWISE: every item refused so, its event null."""
    codes = [((e.extensions or {}).get("code"), tuple(e.path or ())) for e in result.errors or []]
    value = (result.data or {}).get(root)
    if root in ITEMWISE and not codes and isinstance(value, list) and value:
        return all(item["error"] == {"code": FORBIDDEN} and item.get("event") is None for item in value)
    return codes == [(FORBIDDEN, (root,))] and value is None


# --- Running -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
async def bank(database: Database) -> AsyncIterator[Database]:
    await wipe_graph(database)
    await load_small_bank(database, "relationship_plans", "authz_book", "book_extras", "customer_network",
                          "book_paths")
    yield database
    await wipe_graph(database)


async def book_of(db: Database, who: Principal) -> frozenset[str]:
    """The customers in `who`'s book, as book_access.cypher answers for each customer of the bank."""
    customers = [row["customerId"] for row in await db.read("MATCH (c:Customer) RETURN c.customerId AS customerId")]
    rows = await reach(db.read, who.resource_id or who.subject, [access(customerId=c) for c in customers])
    return frozenset(row["customerId"] for row in rows.values() if row["inBook"])


async def _execute(db: Database, settings: Settings, who: Principal, document: str,
                   feed: RoutingFeed | None, messages: int) -> tuple[list[ExecutionResult], int]:
    """The answers (a subscription's first `messages`) and the round trips to Neo4j they took."""
    context = Context(db=db.for_request(), principal=who, settings=settings, feed=feed)
    answers = await _answers(context, document, messages)
    return answers, context.db.round_trips


async def _answers(context: Context, document: str, messages: int) -> list[ExecutionResult]:
    if not document.startswith("subscription"):
        return [await SCHEMA.execute(document, context_value=context)]
    stream = await SCHEMA.subscribe(document, context_value=context)
    if isinstance(stream, ExecutionResult):
        return [stream]
    received: list[ExecutionResult] = []
    try:
        with contextlib.suppress(TimeoutError, StopAsyncIteration):
            while len(received) < messages:
                message = await asyncio.wait_for(anext(stream), timeout=3)
                # A copy: closing the stream applies the error contract again to the object it yielded.
                received.append(ExecutionResult(data=message.data, errors=message.errors))
    finally:
        await stream.aclose()
    return received


FEED_MESSAGES = {"servicingPoolActivity": 4, "allocationOffers": 2}  # what book_paths_feed.cypher changes


@dataclass
class Walk:
    """What running the documents found: the tally, and each path's cover."""

    book: frozenset[str]
    tally: Tally = field(default_factory=Tally)
    exercised: set[Path] = field(default_factory=set)
    refused: set[Path] = field(default_factory=set)
    unbuildable: list[Path] = field(default_factory=list)
    documents: int = 0
    checked: int = 0  # objects outside the book in the RM answers checked (not refused at the root)
    # The most round trips an RM's answer took beyond the admin's for the same query: the book's cost.
    extra_round_trips: int = 0

    async def run(self, db: Database, settings: Settings, feed: RoutingFeed, variant: Variant, document: str,
                  members: list[Path]) -> None:
        """One document as Tom and (unless it is a refused change) as the admin; the cover of its paths."""
        kind, root, label = variant.kind, variant.root, f"{variant.kind}.{variant.root}{variant.arguments}"
        self.documents += 1
        if kind == "Subscription":
            await db.write(cast(LiteralString, (DATA / "book_paths_feed.cypher").read_text()))
        count = FEED_MESSAGES.get(root, 1)
        as_tom = _execute(db, settings, TOM, document, feed, count)
        if kind == "Mutation" and variant.outside:
            # A refused change must not run as the admin: it would write.
            answers, _ = await as_tom
            if all(refused_at_root(a, root) for a in answers):
                self.refused.update(members)
            else:
                self.tally.other.append(f"{label}: not refused at the root: {answers[0].errors}")
            return
        as_admin = _execute(db, settings, BOSS, document, feed, count)
        if kind == "Subscription":  # side by side, from the same replay of the feed
            (admin_answers, _), (rm_answers, _) = await asyncio.gather(as_admin, as_tom)
        else:
            (admin_answers, admin_trips), (rm_answers, rm_trips) = await as_admin, await as_tom
            self.extra_round_trips = max(self.extra_round_trips, rm_trips - admin_trips)
        outside: Counter[tuple[str, ...]] = Counter()
        for admin in admin_answers:
            if admin.errors:
                self.tally.other.append(f"{label}: the admin's answer has errors: {admin.errors}")
            outside += census(document, admin, self.book, self.tally)
        if rm_answers and all(refused_at_root(r, root) for r in rm_answers):
            # Covered when the refusal kept objects outside the book from Tom (per the admin's answer).
            self.refused.update(p for p in members if outside[p.fields])
            return
        if variant.outside:
            self.tally.other.append(f"{label}: names an object outside the book but was not refused at the root: "
                                    f"{[r.errors for r in rm_answers]}")
        if len(admin_answers) != len(rm_answers):
            self.tally.other.append(f"{label}: {len(admin_answers)} messages for the admin, {len(rm_answers)} for the RM")
        for admin, rm in zip(admin_answers, rm_answers, strict=False):
            check(document, admin, rm, self.book, self.tally, label)
        self.exercised.update(p for p in members if outside[p.fields])
        self.checked += sum(outside.values())


async def test_no_path_leads_a_relationship_manager_out_of_its_book(bank: Database, settings: Settings) -> None:
    book = await book_of(bank, TOM)
    assert book == {"C0000001", "C0000002", "C0000004"}, book  # the bank's premise: Alice, Bob, Acme
    walk = Walk(book)
    feed = RoutingFeed(bank, interval=0.05)
    try:
        for (kind, root), paths in _by_root().items():
            for variant in variants(kind, root):
                built, failed = documents(kind, root, variant.arguments, paths)
                walk.unbuildable.extend(failed)
                for document, members in built:
                    await walk.run(bank, settings, feed, variant, document, members)
    finally:
        await feed.close()

    tally = walk.tally
    covered = walk.exercised | walk.refused
    allowed = {p for p in PATHS if _allowed_by(p) is not None} - covered
    uncovered = [str(p) for p in PATHS if p not in covered and p not in allowed]
    needless = [entry for entry in ALLOWED if all(p in covered for p in PATHS if _allowed_by(p) == entry)]
    figures = (f"root fields {len(_by_root())}, paths walked {len(PATHS)} (cut at the depth limit {CUT}), "
               f"documents run {walk.documents}; paths exercised outside the book {len(walk.exercised)}, refused at "
               f"the root {len(walk.refused - walk.exercised)}, allowed {len(allowed)}; out-of-book objects in the "
               f"RM's answers checked {walk.checked} (of {sum(tally.reached.values())} customer-bearing objects in "
               f"all the admin's answers); leaks {len(tally.leaks)}, missing FORBIDDEN {len(tally.unrefused)}, "
               f"over-restricted {len(tally.over)}, other {len(tally.other)}; the most extra round trips the book "
               f"cost a query {walk.extra_round_trips}")
    print(f"\nbook paths: {figures}")
    for title, items in (("LEAK", tally.leaks), ("MISSING FORBIDDEN", tally.unrefused),
                         ("OVER-RESTRICTED", tally.over), ("OTHER", tally.other), ("UNCOVERED", uncovered),
                         ("UNBUILDABLE", [str(p) for p in walk.unbuildable]), ("NEEDLESS ALLOWED", needless)):
        for item in items:
            print(f"  {title}: {item}")
    assert not walk.unbuildable, f"paths no document within the limits can hold: {walk.unbuildable}"
    assert not uncovered, f"paths neither exercised outside the book, refused at the root nor ALLOWED: {uncovered}"
    assert not needless, f"ALLOWED entries no longer needed: {needless}"
    assert tally.leaks == [] and tally.unrefused == [], f"{figures}: {tally.leaks[:20]} {tally.unrefused[:20]}"
    assert tally.over == [] and tally.other == [], f"{figures}: {tally.over[:20]} {tally.other[:20]}"


def _by_root() -> dict[tuple[str, str], list[Path]]:
    grouped: dict[tuple[str, str], list[Path]] = {}
    for path in PATHS:
        grouped.setdefault((path.kind, path.root), []).append(path)
    return grouped


def _allowed_by(path: Path) -> str | None:
    text = str(path)
    return next((entry for entry in ALLOWED
                 if text == entry or entry.endswith(".*") and text.startswith(entry[:-1])), None)


def test_the_walk_sees_every_customer_bearing_type() -> None:
    """The walk's premises: no interfaces or unions (it follows object types only), and every
    customer-bearing type the schema has is reached by some path."""
    abstract = [name for name, t in GRAPHQL.type_map.items()
                if not name.startswith("__") and not isinstance(t, GraphQLObjectType) and hasattr(t, "resolve_type")]
    assert abstract == [], f"interfaces or unions: teach the walk their possible types: {abstract}"
    bearing = {name for name, t in GRAPHQL.type_map.items() if isinstance(t, GraphQLObjectType) and customer_bearing(t)}
    reached = set()
    for path in PATHS:
        type_: Any = GRAPHQL.get_type(path.kind)
        for name in path.fields:
            type_ = _object(type_.fields[name].type)
        reached.add(type_.name)
    assert bearing - reached == set(), f"customer-bearing types no path reaches: {bearing - reached}"


ORACLE = ('query { customer(customerId: "C0000001") { __typename customerId name segment household { __typename '
          'members { __typename role customer { __typename customerId name segment } } } } }')


def _answer(segment_of_alice: str | None, chloe: dict[str, Any]) -> dict[str, Any]:
    """Alice (in the book) with her household: herself, and Chloe (outside it) as given."""
    alice = {"__typename": "Customer", "customerId": "C0000001", "name": "Alice Martin", "segment": segment_of_alice}
    return {"customer": {**alice, "household": {"__typename": "Household", "members": [
        {"__typename": "HouseholdMember", "role": "HEAD", "customer": {**alice, "segment": "PREMIER"}}, chloe]}}}


CHLOE = {"__typename": "HouseholdMember", "role": "DEPENDANT", "customer": {
    "__typename": "Customer", "customerId": "C0000003", "name": "Chloe Martin", "segment": "MASS"}}
CHLOE_REFERENCE = {**CHLOE, "customer": {**CHLOE["customer"], "segment": None}}  # type: ignore[dict-item]
AT_CHLOE = ("customer", "household", "members", 1, "customer")


def _forbidden(*path: str | int) -> GraphQLError:
    return GraphQLError("outside the book", path=list(path), extensions={"code": FORBIDDEN})


@pytest.mark.parametrize(("rm", "errors", "found"), [
    # Chloe (outside the book) answered whole: her segment leaks (her role in the household is
    # the household's, a link: it answers).
    (_answer("PREMIER", CHLOE), [], {"leaks": 1}),
    # As the contract says: her reference only, each other field FORBIDDEN at its path.
    (_answer("PREMIER", CHLOE_REFERENCE), [_forbidden(*AT_CHLOE, "segment")], {}),
    # Her segment null but without its FORBIDDEN; and one FORBIDDEN on Alice, who is in the book.
    (_answer(None, CHLOE_REFERENCE), [_forbidden("customer", "segment")], {"unrefused": 1, "over": 1}),
])
def test_the_oracle_tells_a_leak_a_missing_refusal_and_an_over_restriction(
        rm: dict[str, Any], errors: list[GraphQLError], found: dict[str, int]) -> None:
    """The checker itself, on answers made by hand: what it reports is what is wrong, and only that."""
    tally = Tally()
    admin = ExecutionResult(data=_answer("PREMIER", CHLOE), errors=None)
    check(ORACLE, admin, ExecutionResult(data=rm, errors=errors or None), frozenset({"C0000001"}), tally, "oracle")
    reported = {name: len(getattr(tally, name)) for name in ("leaks", "unrefused", "over", "other")}
    assert reported == {"leaks": 0, "unrefused": 0, "over": 0, "other": 0, **found}, tally
    assert census(ORACLE, admin, frozenset({"C0000001"}), Tally()) == Counter({
        ("customer", "household", "members", "customer"): 1})
