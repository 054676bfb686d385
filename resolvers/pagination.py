"""Relay-style cursor pagination shared by every connection in the schema.

A cursor is opaque to clients: base64 of "<kind>:<key>", where key is the sort key of
the last row seen (keyset pagination, so a page costs the same wherever it starts).
"""

from __future__ import annotations

import base64
import binascii

import strawberry

from graph.errors import ValidationFailed

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@strawberry.type(description="Where a page sits in the whole list (Relay cursor connections).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="True when more items follow `endCursor`.")
    has_previous_page: bool = strawberry.field(description="True when this page started after a cursor.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item of the page.")
    end_cursor: str | None = strawberry.field(description="Pass as `after` to fetch the next page.")


def encode_cursor(kind: str, key: str) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{key}".encode()).decode()


def decode_cursor(kind: str, cursor: str | None, field: str = "after") -> str | None:
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    prefix, _, key = text.partition(":")
    if prefix != kind or not key:
        raise ValidationFailed(f"{field} is not a cursor from this list; pass an endCursor you received", field=field)
    return key


def page_size(first: int | None, field: str = "first") -> int:
    size = DEFAULT_PAGE_SIZE if first is None else first
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationFailed(f"{field} must be between 1 and {MAX_PAGE_SIZE}, got {size}", field=field)
    return size
