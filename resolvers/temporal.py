"""The DateTime and Date scalars: the range of arguments the gateway accepts, and how values are
serialized (the values themselves: graph/temporal.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

import dateutil.parser
import strawberry

from gateway.errors import InputValueError
from graph.temporal import aware

_T = TypeVar("_T")


# --- the DateTime and Date arguments the gateway accepts ----------------------------------------
# Python's datetime holds years 1-9999, Neo4j's ±999,999,999 with offsets of at most ±18:00. An
# argument is refused while it is parsed (VALIDATION, before any resolver runs) unless it lies in
# FIRST_YEAR..LAST_YEAR in UTC with an offset Neo4j stores: the century of margin keeps every window
# a resolver computes from an argument (a year or two back or ahead) inside Python's range.
FIRST_YEAR = 100
LAST_YEAR = 9899
MAX_OFFSET = datetime.timedelta(hours=18)
_RANGE = f"years {FIRST_YEAR:04d}-{LAST_YEAR} (UTC)"


def parse_datetime(value: object) -> datetime.datetime:
    """A DateTime argument: ISO 8601, within _RANGE, with an offset of at most ±18:00."""
    instant: datetime.datetime = _parsed(value, "DateTime", dateutil.parser.isoparse)
    offset = instant.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise InputValueError(
            f"DateTime {value!s} has the offset {_offset(offset)}; offsets must lie within -18:00..+18:00", str(value))
    try:
        year = aware(instant).astimezone(datetime.UTC).year
    except OverflowError:
        year = 0  # before year 1 or after 9999 in UTC: out of range either way
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputValueError(f"DateTime {value!s} is outside the {_RANGE} the gateway accepts", str(value))
    return instant


def parse_date(value: object) -> datetime.date:
    """A Date argument: ISO 8601 (YYYY-MM-DD), within _RANGE."""
    day = _parsed(value, "Date", datetime.date.fromisoformat)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InputValueError(f"Date {value!s} is outside the {_RANGE} the gateway accepts", str(value))
    return day


def _parsed(value: object, kind: str, parse: Callable[[str], _T]) -> _T:
    if not isinstance(value, str):
        raise InputValueError(f"{kind} must be an ISO 8601 string, got {type(value).__name__} {value!r:.40}", repr(value))
    try:
        return parse(value)
    except (ValueError, OverflowError) as error:
        raise InputValueError(f"{kind} {value[:64]!r} is not an ISO 8601 {kind.lower()}: {error}", value) from None


def _offset(offset: datetime.timedelta) -> str:
    sign = "-" if offset < datetime.timedelta(0) else "+"
    minutes = int(abs(offset).total_seconds()) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _isoformat(value: datetime.date) -> str:
    return value.isoformat()


# The same names and descriptions as Strawberry's own scalars (schema.graphql is unchanged), with
# the range check; resolvers/schema.py puts them in place of Strawberry's.
DATETIME_SCALAR = strawberry.scalar(name="DateTime", description="Date with time (isoformat)",
                                    serialize=_isoformat, parse_value=parse_datetime)
DATE_SCALAR = strawberry.scalar(name="Date", description="Date (isoformat)", serialize=_isoformat, parse_value=parse_date)
