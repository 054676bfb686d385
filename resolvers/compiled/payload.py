"""The object a mutation returns, read through the compiled path (docs/compiled-reads.md).

A mutation's resolver writes in its own transaction, then reads back what it changed. Where the
returned type is one a by-id root compiles (a PartyState: Query.partyRoutingProfile), that read is
one compiled statement for the mutation field's whole selection, in place of the resolvers' reads
level by level. The resolver asks `Payloads.read`, which answers a `Precompleted` value (the field's
data in the response's shape, its errors at their paths) or None when the selection does not
compile; then the resolver reads as before. The execution context (resolvers/schema.py) takes a
Precompleted as the field's completed value.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphql import FieldNode, GraphQLError, GraphQLObjectType, get_named_type
from graphql.execution.collect_fields import FieldDetails, collect_subfields
from graphql.execution.executor import Executor

from gateway.security.auth import Principal
from gateway.security.book import book_holder
from graph.database import Database
from graph.errors import GatewayError
from graph.lru import Lru
from resolvers.compiled.fragments import CannotCompile
from resolvers.compiled.plan import CompiledPayload, compile_payload
from resolvers.compiled.shape import Output, build

CACHE_SIZE = 256


@dataclass(frozen=True)
class Precompleted:
    """A field's value already completed: its data in the response's shape, its errors at their paths."""

    data: dict[str, Any]
    errors: list[GraphQLError]


class PayloadCache:
    """Compiled payloads, once per (document and its @include/@skip values, operation, response path, root,
    roles); a selection that does not compile is remembered as None. Lives with the schema, as
    CompiledReads does."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.compiled: Lru[tuple[Any, ...], CompiledPayload | None] = Lru(size)


# The operation prepared for compiling (execute.py): CompiledReads.document_key and graphql-core's Executor
# (fragments, coerced variables); None when its variables do not coerce.
Prepared = tuple[tuple[str, tuple[Any, ...]], Executor[Any]] | None


class Payloads:
    """One mutation operation's compiled read-backs (resolvers/compiled/execute.py makes it in on_execute).
    The operation is prepared on the first read-back only: most mutations return no compiled type."""

    def __init__(self, cache: PayloadCache, prepare: Callable[[], Prepared], principal: Principal,
                 db: Database) -> None:
        self.cache = cache
        self.prepare = prepare
        self.principal = principal
        self.db = db

    @functools.cached_property
    def prepared(self) -> Prepared:
        return self.prepare()

    async def read(self, root: str, field_nodes: list[FieldNode], return_type: Any, path: list[str | int],
                   within: str | None = None, **arguments: Any) -> Precompleted | None:
        """The field at `path` (its nodes and type from the resolver's info), or its field `within`, read as
        the by-id root `root` with `arguments` would read it; None when its selection does not compile, the
        field is asked for under more than one key, or the read is not exactly what that root answers
        (the resolvers then read it as before)."""
        type_ = get_named_type(return_type)
        if not isinstance(type_, GraphQLObjectType) or self.prepared is None:
            return None
        document_key, executor = self.prepared
        if within is not None:
            asked = _only_field(executor, field_nodes, type_, within)
            if asked is None:
                return None
            response_key, field_nodes = asked
            path = [*path, response_key]
            type_ = get_named_type(type_.fields[within].type)
            if not isinstance(type_, GraphQLObjectType):
                return None
        principal = self.principal
        name = executor.operation.name.value if executor.operation.name else None
        key = (document_key, name, tuple(str(part) for part in path if isinstance(part, str)), root,
               tuple(sorted(role.value for role in principal.roles)))
        compiled = self.cache.compiled.get(key) if key in self.cache.compiled else self._compile(
            key, executor, root, type_, field_nodes)
        if compiled is None:
            return None
        try:
            parameters = compiled.parameters(executor.variable_values, principal, arguments)
            rows = await self.db.read_plain(compiled.statement, **parameters)
        except GatewayError:
            return None
        raw = rows[0][compiled.column]
        if not raw["found"] or not raw["inBook"]:
            return None  # gone, or outside the book, since the write: the resolvers say so in their words
        out = Output(book_holder(principal))
        data = build(compiled.shape, raw["value"], path, out)
        return None if data is None else Precompleted(data, out.errors)

    def _compile(self, key: tuple[Any, ...], executor: Executor[Any], root: str, type_: GraphQLObjectType,
                 field_nodes: list[FieldNode]) -> CompiledPayload | None:
        details = [FieldDetails(node, None) for node in field_nodes]
        try:
            compiled: CompiledPayload | None = compile_payload(executor, self.principal, root, type_, details)
        except CannotCompile:
            compiled = None
        self.cache.compiled.put(key, compiled)
        return compiled


def _only_field(executor: Executor[Any], field_nodes: list[FieldNode], type_: GraphQLObjectType,
                name: str) -> tuple[str, list[FieldNode]] | None:
    """The response key and nodes of the field `name` a selection of `type_` (the field's nodes) asks for,
    when it asks for it under one key only; None otherwise."""
    grouped = collect_subfields(executor.schema, executor.fragments, executor.variable_values, executor.operation,
                                type_, [FieldDetails(node, None) for node in field_nodes]).grouped_field_set
    keys = [key for key, group in grouped.items() if group[0].node.name.value == name]
    return (keys[0], [details.node for details in grouped[keys[0]]]) if len(keys) == 1 else None
