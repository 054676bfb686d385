"""The post-pass: the statement's one row turned into the response's `data` and its errors.

Cypher answers in the response's shape already; what is left is what Cypher cannot say the way the
resolvers do: temporal values as ISO strings, cursors, `__typename`, and errors at their paths
(FORBIDDEN for a field the roles refuse, for the fields of a customer outside a relationship
manager's book, NOT_FOUND for an unknown id), each with the message the resolver path gives.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from typing import Any

from graphql import FieldNode, GraphQLError

from domains.customer_event_history.timeline import event_key
from gateway.security.book import outside_the_book
from graph.errors import Forbidden, GatewayError
from graph.temporal import EPOCH, native
from resolvers.pagination import encode_cursor


class Kind(enum.Enum):
    VALUE = "value"          # as Cypher answers it (strings, enums by name, numbers, booleans)
    TEMPORAL = "temporal"    # a Date or DateTime: ISO 8601, as resolvers/temporal.py serializes it
    CURSOR = "cursor"        # the key of a cursor: encoded (resolvers/pagination.py)
    TYPENAME = "typename"    # __typename: the type's name, no Cypher
    OBJECT = "object"
    LIST = "list"
    FORBIDDEN = "forbidden"  # the principal's roles refuse the field: null, and the error


@dataclass
class Entry:
    key: str
    nodes: tuple[FieldNode, ...]
    kind: Kind
    child: Shape | None = None
    text: str = ""  # the type name, the cursor's kind, or the FORBIDDEN message
    withheld: bool = False  # null with FORBIDDEN when the object is outside the book


@dataclass
class Shape:
    """The selected fields of one object type, in the order the response lists them."""

    entries: list[Entry]
    guarded: bool = False  # the object may come back marked `__outside` the book


@dataclass
class Output:
    holder: str | None
    errors: list[GraphQLError] = field(default_factory=list)

    def fail(self, error: GatewayError, nodes: tuple[FieldNode, ...], path: list[str | int]) -> None:
        self.errors.append(GraphQLError(error.message, nodes=list(nodes), path=path, original_error=error))


def cursor_key(value: Any) -> str:
    """A cursor's key: a customerId, or an event's [occurredAt as Neo4j writes it, eventId] (timeline.event_key)."""
    return event_key(value[0], value[1]) if isinstance(value, list) else str(value)


_OFFSETS: dict[int, datetime.timezone] = {}


def instant_iso(parts: list[int]) -> str:
    """A DateTime's [epochMillis, nanosecond, offsetSeconds] (cypher/compiled/scalar/DateTime.cypher) as
    the ISO string the resolvers write for it: the driver's datetime (its offset in whole minutes, the
    microseconds truncated) in Python's isoformat."""
    millis, nanosecond, offset = parts
    minutes = offset // 60
    zone = _OFFSETS.get(minutes)
    if zone is None:
        zone = _OFFSETS.setdefault(minutes, datetime.timezone(datetime.timedelta(minutes=minutes)))
    instant = EPOCH + datetime.timedelta(seconds=millis // 1000, microseconds=nanosecond // 1000)
    return instant.astimezone(zone).isoformat()


def build(shape: Shape, raw: Any, path: list[str | int], out: Output) -> dict[str, Any] | None:
    if raw is None:
        return None
    outside = raw.get("__outside") if shape.guarded else None
    result: dict[str, Any] = {}
    for entry in shape.entries:
        key = entry.key
        kind = entry.kind
        if outside is not None and entry.withheld:
            result[key] = None
            where = [*path, key]
            out.fail(outside_the_book(outside, out.holder, ".".join(map(str, where))), entry.nodes, where)
        elif kind is Kind.VALUE:
            result[key] = raw[key]
        elif kind is Kind.TEMPORAL:
            value = raw[key]
            result[key] = None if value is None else instant_iso(value) if isinstance(value, list) else native(
                value).isoformat()
        elif kind is Kind.CURSOR:
            value = raw[key]
            result[key] = None if value is None else encode_cursor(entry.text, cursor_key(value))
        elif kind is Kind.TYPENAME:
            result[key] = entry.text
        elif kind is Kind.OBJECT:
            assert entry.child is not None
            result[key] = build(entry.child, raw[key], [*path, key], out)
        elif kind is Kind.LIST:
            assert entry.child is not None
            items = raw[key]
            result[key] = None if items is None else [
                build(entry.child, item, [*path, key, index], out) for index, item in enumerate(items)]
        else:
            result[key] = None
            out.fail(Forbidden(entry.text), entry.nodes, [*path, key])
    return result
