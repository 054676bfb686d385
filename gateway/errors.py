"""Applies the error contract (graph/errors.py) to every GraphQL response.

Expected failures keep their message and carry `extensions.code` (and `field`).
Errors in the query document itself are VALIDATION; one about an argument's value (a literal,
or a variable passed to it) names the argument in `field`, e.g. `filter.from`. Anything else
is logged with its stack trace and the request id, and reaches the client only as INTERNAL
with that id.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    ListValueNode,
    Node,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
    VariableNode,
)
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from gateway.request_id import current_request_id
from graph.errors import GatewayError

log = logging.getLogger("gateway.errors")
# graphql-core's message for a variable whose value does not fit: "Variable '$filter' has invalid value at .from: ..."
VARIABLE_VALUE = re.compile(r"Variable '\$(\w+)' has invalid value(?: at (\S+))?:")


class ErrorContract(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            document = self.execution_context.graphql_document
            result.errors = [apply_contract(error, document) for error in result.errors]

    def on_stream_result(self, result: Any) -> Iterator[None]:
        """What a WebSocket streams leaves before on_operation ends: the same contract, per result."""
        if isinstance(result, ExecutionResult) and result.errors:
            document = self.execution_context.graphql_document
            result.errors = [apply_contract(error, document) for error in result.errors]
        yield


class InputValueError(GraphQLError):
    """A scalar's refusal of a value (resolvers/temporal.py), carrying the value so that the error
    names the argument it was written in, even as a literal (graphql-core reports those without a node)."""

    def __init__(self, message: str, value: str) -> None:
        super().__init__(message)
        self.value = value


def argument_named(document: DocumentNode, error: GraphQLError) -> str | None:
    """The argument (and input field) a value error is about, e.g. `input.occurredAt`: the one the
    variable of the message is passed to, or the one holding the refused literal."""
    matched = VARIABLE_VALUE.match(error.message)
    wanted: str | InputValueError | None = matched.group(1) if matched else None
    if wanted is None and isinstance(error, InputValueError):
        wanted = error
    if wanted is None:
        return None
    inner = (matched.group(2) or "") if matched else ""
    for node in nodes_of(document):
        if isinstance(node, ArgumentNode):
            found = _within(node.value, node.name.value, wanted)
            if found is not None:
                return found + inner
    return None


def nodes_of(document: DocumentNode) -> Iterator[Node]:
    """Every node of a parsed document, without recursion (a hostile document may nest deeply)."""
    stack: list[Node] = [document]
    while stack:
        node = stack.pop()
        yield node
        for key in node.keys:
            child = getattr(node, key, None)
            stack.extend(c for c in (child if isinstance(child, tuple | list) else [child]) if isinstance(c, Node))


def _within(value: ValueNode, path: str, wanted: str | InputValueError) -> str | None:
    if isinstance(wanted, str) and isinstance(value, VariableNode) and value.name.value == wanted:
        return path
    if isinstance(wanted, InputValueError) and isinstance(value, StringValueNode) and value.value == wanted.value:
        return path
    if isinstance(value, ObjectValueNode):
        for item in value.fields:
            found = _within(item.value, f"{path}.{item.name.value}", wanted)
            if found is not None:
                return found
    if isinstance(value, ListValueNode):
        for index, element in enumerate(value.values):
            found = _within(element, f"{path}[{index}]", wanted)
            if found is not None:
                return found
    return None


def apply_contract(error: GraphQLError, document: DocumentNode | None = None) -> GraphQLError:
    """The error as the client sees it; with the operation's `document`, a value error names its argument."""
    original = error.original_error
    if original is None and (error.extensions or {}).get("code"):
        return error  # applied already (GatewaySchema.process_errors, then on_operation)
    named = argument_named(document, error) if document is not None else None
    if named is not None and (original is None or isinstance(original, GraphQLError)):
        return _with(error, error.message, {"code": "VALIDATION", "field": named})
    if isinstance(original, GatewayError):
        return _with(error, original.message, original.extensions())
    if original is None or isinstance(original, GraphQLError):
        # A bad document, or variables that do not fit their types (graphql-core wraps those twice).
        return _with(error, error.message, {"code": "VALIDATION"})
    request_id = current_request_id.get()
    log.error("unexpected error in %s", ".".join(map(str, error.path or [])), exc_info=original)
    return _with(
        error,
        f"internal error; quote request id {request_id} to support",
        {"code": "INTERNAL", "requestId": request_id},
    )


def _with(error: GraphQLError, message: str, extensions: dict[str, str]) -> GraphQLError:
    return GraphQLError(message, nodes=error.nodes, source=error.source, positions=error.positions,
                        path=error.path, original_error=None, extensions=extensions)
