"""The audit trail: every mutation leaves one AuditRecord per root field, whatever its outcome.

A mutation's own transaction rolls back when it is refused or fails, so the record is written
after the operation, in a write transaction of its own: refused (FORBIDDEN), invalid
(VALIDATION) and failed (INTERNAL...) attempts are audited as well as successful ones.
A record keeps who (subject, roles, resourceId), when, the request id, the operation and field,
the identifiers among the arguments (names ending in Id/Ids, and idempotencyKey; never free
text, narratives or tokens) and the outcome: OK or the error code the client saw.

If the audit write fails, the mutation has already committed: the response is still returned
(failing it would misreport the state and invite a retry) and the failure is logged at ERROR
on "gateway.audit" with the request id, for alerting. docs/security.md ("Audit") says so.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_operation_ast,
    value_from_ast_untyped,
)
from strawberry.extensions import SchemaExtension

from gateway.request_id import current_request_id
from gateway.security.auth import Principal
from graph import queries
from graph.errors import GatewayError
from resolvers.context import Context

RECORD_AUDIT = queries.load("audit/record_audit")

log = logging.getLogger("gateway.audit")

# Bounds on what one field's identifiers may hold: a bulk feed names many customers, and a hostile
# request must not turn the audit trail into a place to store megabytes.
MAX_VALUES_PER_NAME = 100
MAX_VALUE_LENGTH = 128
MAX_DEPTH = 16
NOT_EXECUTED = "NOT_EXECUTED"


@dataclass(frozen=True)
class AuditEntry:
    """One root mutation field of an operation: what a record says beyond who, when and which request."""

    field: str
    identifiers: dict[str, list[str]]
    outcome: str


class AuditTrail(SchemaExtension):
    """Writes the audit records of every mutation operation, after it has executed."""

    async def on_operation(self) -> AsyncIterator[None]:
        yield
        try:
            await self._audit()
        except Exception:  # a fault in the trail must not turn the client's response into an error
            log.exception("AUDIT FAILED for request %s: the operation's records were not made", current_request_id.get())

    async def _audit(self) -> None:
        context = self.execution_context.context
        operation = self._mutation()
        if operation is None or not isinstance(context, Context):
            return
        entries = audit_entries(operation, self._fragments(), self.execution_context.variables or {},
                                self.execution_context.result)
        if entries:
            await write_audit(context, operation.name.value if operation.name else None, entries)

    def _mutation(self) -> OperationDefinitionNode | None:
        document = self.execution_context.graphql_document
        if document is None:  # the document did not parse: nothing was attempted
            return None
        operation = get_operation_ast(document, self.execution_context.operation_name)
        return operation if operation is not None and operation.operation == OperationType.MUTATION else None

    def _fragments(self) -> dict[str, FragmentDefinitionNode]:
        document: DocumentNode | None = self.execution_context.graphql_document
        definitions = document.definitions if document else ()
        return {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}


def audit_entries(operation: OperationDefinitionNode, fragments: dict[str, FragmentDefinitionNode],
                  variables: dict[str, Any], result: Any) -> list[AuditEntry]:
    """One entry per root field attempted: skipped fields (@skip/@include) leave none."""
    values = {**_variable_defaults(operation), **variables}
    outcomes = field_outcomes(result)
    entries = []
    for node in root_fields(operation.selection_set, fragments, set()):
        key = node.alias.value if node.alias else node.name.value
        outcome = outcomes(key)
        if outcome is None:
            continue
        arguments = {arg.name.value: value_from_ast_untyped(arg.value, values) for arg in node.arguments or ()}
        entries.append(AuditEntry(node.name.value, identifiers(arguments), outcome))
    return entries


def root_fields(selections: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode],
                seen: set[str]) -> list[FieldNode]:
    """The operation's root fields in document order, through inline fragments and fragment spreads."""
    found: list[FieldNode] = []
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            found.append(selection)
        elif isinstance(selection, InlineFragmentNode):
            found += root_fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
            fragment = fragments.get(selection.name.value)
            seen.add(selection.name.value)  # a cyclic spread (an invalid document) must not loop
            if fragment is not None:
                found += root_fields(fragment.selection_set, fragments, seen)
    return found


def field_outcomes(result: Any) -> Callable[[str], str | None]:
    """A function from a root field's response key to its outcome: OK, an error code,
    NOT_EXECUTED (an earlier field's failure stopped the operation), or None (skipped)."""
    errors: list[GraphQLError] = list(getattr(result, "errors", None) or [])
    data: dict[str, Any] | None = getattr(result, "data", None)
    document_errors = [error for error in errors if not error.path]
    if data is None and document_errors:  # refused before execution: no field ran
        refused = error_code(document_errors[0])
        return lambda key: refused
    root_errors = {error.path[0]: error_code(error) for error in reversed(errors) if error.path and len(error.path) == 1}

    def outcome(key: str) -> str | None:
        if key in root_errors:
            return root_errors[key]
        if data is None:
            return NOT_EXECUTED
        # Present: done (an error below the root field does not undo its committed change).
        return "OK" if key in data else None

    return outcome


def error_code(error: GraphQLError) -> str:
    """The code the client sees, whether or not ErrorContract has rewritten the error yet."""
    code = (error.extensions or {}).get("code")
    if isinstance(code, str):
        return code
    original = error.original_error
    if isinstance(original, GatewayError):
        return original.code
    return "VALIDATION" if original is None or isinstance(original, GraphQLError) else "INTERNAL"


def identifiers(arguments: dict[str, Any]) -> dict[str, list[str]]:
    """Values of arguments and input fields named *Id, *Ids or idempotencyKey, at any depth."""
    found: dict[str, list[str]] = {}
    _collect(arguments, found, 0)
    return found


def identifier_pairs(found: dict[str, list[str]]) -> list[str]:
    """The identifiers as 'name=value' strings, which Cypher can match (it cannot read the JSON);
    argument names never contain '=', so the first one splits name from value."""
    return [f"{name}={value}" for name, values in sorted(found.items()) for value in values]


def is_identifier(name: str) -> bool:
    return name.endswith(("Id", "Ids")) or name == "idempotencyKey"


def _collect(value: Any, found: dict[str, list[str]], depth: int) -> None:
    if depth > MAX_DEPTH:
        return
    if isinstance(value, dict):
        for name, inner in value.items():
            if is_identifier(str(name)):
                _add(found, str(name), inner)
            else:
                _collect(inner, found, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _collect(item, found, depth + 1)


def _add(found: dict[str, list[str]], name: str, value: Any) -> None:
    bucket = found.setdefault(name, [])
    for item in value if isinstance(value, list) else [value]:
        # Only scalars: an object where an id belongs is a malformed request, not an identifier.
        if isinstance(item, str | int) and not isinstance(item, bool) and len(bucket) < MAX_VALUES_PER_NAME:
            text = str(item)[:MAX_VALUE_LENGTH]
            if text not in bucket:
                bucket.append(text)
    if not bucket:
        del found[name]


def _variable_defaults(operation: OperationDefinitionNode) -> dict[str, Any]:
    return {d.variable.name.value: value_from_ast_untyped(d.default_value)
            for d in operation.variable_definitions or () if d.default_value is not None}


async def write_audit(context: Context, operation: str | None, entries: list[AuditEntry]) -> None:
    """One write transaction for the operation's records, and a log line per record; never raises."""
    principal: Principal | None = context.principal
    request_id = current_request_id.get()
    at = datetime.now(UTC)
    common: dict[str, Any] = {
        "requestId": request_id, "operation": operation,
        "subject": principal.subject if principal else None,
        "roles": sorted(role.value for role in principal.roles) if principal else [],
        "resourceId": getattr(principal, "resource_id", None),
    }
    records = [{"auditId": f"AU-{uuid.uuid4().hex}", "field": entry.field, "outcome": entry.outcome,
                "identifiers": json.dumps(entry.identifiers, sort_keys=True)} for entry in entries]
    for record in records:
        log.info("audit %s", json.dumps({**common, **record, "at": at.isoformat()}, sort_keys=True))
    stored = [{**record, "identifierPairs": identifier_pairs(entry.identifiers)}
              for record, entry in zip(records, entries, strict=True)]
    try:
        # A view of its own: the audit write is not one of the request's counted round trips.
        await context.db.for_request().write(RECORD_AUDIT, records=stored, at=at, **common)
    except Exception:  # the mutation's outcome stands; the missing record must reach an operator
        log.exception("AUDIT WRITE FAILED for request %s: %d record(s) of operation %s not stored",
                      request_id, len(records), operation)
