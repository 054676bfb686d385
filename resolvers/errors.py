"""Applies the error contract (graph/errors.py) to every GraphQL response.

Expected failures keep their message and carry `extensions.code` (and `field`).
Errors in the query document itself are VALIDATION. Anything else is logged with its
stack trace and the request id, and reaches the client only as INTERNAL with that id.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from graph.errors import GatewayError
from resolvers.request_id import current_request_id

log = logging.getLogger("gateway.errors")


class ErrorContract(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [apply_contract(error) for error in result.errors]

    def on_stream_result(self, result: Any) -> Iterator[None]:
        """What a WebSocket streams leaves before on_operation ends: the same contract, per result."""
        if isinstance(result, ExecutionResult) and result.errors:
            result.errors = [apply_contract(error) for error in result.errors]
        yield


def apply_contract(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if original is None and (error.extensions or {}).get("code"):
        return error  # applied already (GatewaySchema.process_errors, then on_operation)
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
