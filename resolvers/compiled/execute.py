"""Runs a compiled read in place of the resolvers: a SchemaExtension whose on_execute, when every root
field of a query compiles, runs ONE read transaction and sets the operation's result, so Strawberry
executes nothing itself (strawberry/schema/schema.py `_execute_operation` skips execution when an
extension has set `execution_context.result`).

It runs after the limits (listed after them in resolvers/schema.py): a document they refuse has its
result set already and is left alone. Anything it cannot answer exactly as the resolvers would
(a field not compiled, a mutation, variables that do not coerce, an argument its resolver refuses,
Neo4j unavailable) it leaves to the resolvers, which give their own answer or error. For a mutation
it hands the resolvers a Payloads (payload.py), with which they read back what they return compiled. The error
contract, audit and the access log see the result as they see any other.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import AsyncIterator
from typing import Any

from graphql import DirectiveNode, DocumentNode, GraphQLSchema, OperationType, VariableNode
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.execution.executor import Executor
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType as StrawberryOperationType

from domains.found import present
from gateway.errors import nodes_of
from gateway.security.auth import Principal
from gateway.security.book import book_holder, check_row
from graph.errors import Forbidden, GatewayError
from graph.lru import Lru
from resolvers.compiled.fragments import CannotCompile
from resolvers.compiled.payload import PayloadCache, Payloads, Prepared
from resolvers.compiled.plan import CompiledOperation, RootField, compile_operation
from resolvers.compiled.shape import Output, build
from resolvers.context import Context

CACHE_SIZE = 512
DIRECTIVES = frozenset({"include", "skip"})


def directive_variables(document: DocumentNode) -> tuple[str, ...]:
    """The variables @include/@skip read: their values choose the fields, so they key the cache."""
    names = {argument.value.name.value for node in nodes_of(document) if isinstance(node, DirectiveNode)
             and node.name.value in DIRECTIVES for argument in node.arguments or () if isinstance(argument.value, VariableNode)}
    return tuple(sorted(names))


class CompiledReads:
    """Compiled operations, once per (document, operation name, roles, @include/@skip variables), least
    recently used dropped first; an operation that does not compile is remembered as None."""

    def __init__(self, schema: GraphQLSchema, size: int = CACHE_SIZE) -> None:
        self.schema = schema
        self.compiled: Lru[tuple[Any, ...], CompiledOperation | None] = Lru(size)
        self.directives: Lru[str, tuple[str, ...]] = Lru(size)
        self.payloads = PayloadCache()

    def document_key(self, query: str, document: DocumentNode, executor: Executor[Any]) -> tuple[str, tuple[Any, ...]]:
        """The document's digest and the values of the variables its @include/@skip read: with the
        operation's name and the roles, what a compiled statement is cached by."""
        digest = hashlib.sha256(query.encode("utf-8", "surrogatepass")).hexdigest()
        names = self.directives.get(digest)
        if names is None:
            names = directive_variables(document)
            self.directives.put(digest, names)
        return digest, tuple(executor.variable_values.coerced.get(name) for name in names)

    def operation(self, query: str, document: DocumentNode, executor: Executor[Any],
                  principal: Principal) -> CompiledOperation | None:
        digest, chosen = self.document_key(query, document, executor)
        name = executor.operation.name.value if executor.operation.name else None
        key = (digest, name, tuple(sorted(role.value for role in principal.roles)), chosen)
        if key in self.compiled:
            return self.compiled[key]
        try:
            compiled: CompiledOperation | None = compile_operation(self.schema, executor, principal)
        except CannotCompile:
            compiled = None
        self.compiled.put(key, compiled)
        return compiled


def answer(compiled: CompiledOperation, row: dict[str, Any], parameters: dict[str, Any],
           principal: Principal) -> GraphQLExecutionResult | None:
    """The response of the statement's one row: data in the selection's order, errors at their paths.
    None when a non-null root failed beside another error: which errors graphql-core reports then
    depends on which field failed first, so the resolvers answer it."""
    out = Output(book_holder(principal))
    data: dict[str, Any] = {}
    for root in compiled.roots:
        path: list[str | int] = [root.key]
        if root.name == "__typename":
            data[root.key] = "Query"
        elif root.refused is not None:
            data[root.key] = None
            out.fail(Forbidden(root.refused), root.nodes, path)
        elif root.id_parameter is not None:
            data[root.key] = _by_id(row[root.column], str(parameters[root.id_parameter]), out, root, path)
        else:
            assert root.shape is not None
            data[root.key] = build(root.shape, row[root.column], path, out)
    if any(not root.nullable and data[root.key] is None for root in compiled.roots):
        # graphql-core nulls the whole response and stops at the failed non-null root's error.
        return GraphQLExecutionResult(data=None, errors=out.errors) if len(out.errors) == 1 else None
    return GraphQLExecutionResult(data=data, errors=out.errors or None)


def _by_id(raw: dict[str, Any], key: str, out: Output, root: RootField, path: list[str | int]) -> dict[str, Any] | None:
    """A root naming one object by id (spec.py, ById): its resolver's checks (the book's first, then
    found), with their errors."""
    by_id = root.by_id
    assert by_id is not None and root.shape is not None
    try:
        if out.holder is not None:
            check_row({"inBook": raw["inBook"], "customerId": raw.get("customerId", key)} if raw["found"] else None,
                      out.holder, by_id.parameter, by_id.named(key))
        present(raw.get("value"), by_id.what, key, by_id.parameter)
    except GatewayError as error:
        out.fail(error, root.nodes, path)
        return None
    return build(root.shape, raw["value"], path, out)


def _json(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


class CompiledReadsExtension(SchemaExtension):
    """Answers a query from its compiled statement when every root field compiles (docs/compiled-reads.md)."""

    def __init__(self, reads: CompiledReads) -> None:
        self.reads = reads
        self.cypher: dict[str, Any] | None = None

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        if (self.execution_context.result is None and isinstance(context, Context)
                and context.settings.compiled_reads and context.principal is not None):
            await self._run(context, context.principal)
        yield

    async def _run(self, context: Context, principal: Principal) -> None:
        execution = self.execution_context
        document = execution.graphql_document
        kind = execution.operation_type
        if document is None or not execution.query or kind is StrawberryOperationType.SUBSCRIPTION:
            return  # subscriptions: not even their variables are looked at here
        if kind is StrawberryOperationType.MUTATION:
            # The resolvers write; what they return is read back compiled where it can be (payload.py),
            # the operation prepared only if a resolver asks.
            query = execution.query

            def prepare() -> Prepared:
                executor = self._executor(document)
                return None if executor is None else (self.reads.document_key(query, document, executor), executor)
            context.payloads = Payloads(self.reads.payloads, prepare, principal, context.db)
            return
        executor = self._executor(document)
        if executor is None or executor.operation.operation is not OperationType.QUERY:
            return  # variables that do not coerce: the resolvers' execution reports them
        compiled = self.reads.operation(execution.query, document, executor, principal)
        if compiled is None:
            return
        try:
            parameters = compiled.parameters(executor.variable_values, principal)
            statement = compiled.statement
            rows = await context.db.read_plain(statement, **parameters) if statement else [{}]
        except GatewayError:
            return  # an argument the resolver refuses, or Neo4j unavailable: the resolvers answer it
        result = answer(compiled, rows[0], parameters, principal)
        if result is None:
            return
        execution.result = result
        if context.settings.dev_mode:
            self.cypher = {"statement": compiled.statement,
                           "parameters": {name: _json(value) for name, value in parameters.items()}}

    def _executor(self, document: DocumentNode) -> Executor[Any] | None:
        """graphql-core's Executor for the operation (its fragments, its coerced variables); None when the
        variables do not coerce."""
        execution = self.execution_context
        executor = Executor.build(self.reads.schema, document, raw_variable_values=execution.variables or {},
                                  operation_name=execution.operation_name)
        return None if isinstance(executor, list) else executor

    def get_results(self) -> dict[str, Any]:
        return {"cypher": self.cypher} if self.cypher is not None else {}
