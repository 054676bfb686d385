"""Statement parameters with each Python datetime already in the Bolt structure the driver sends for it.

The driver (neo4j 6.4.1, pinned in pyproject.toml) turns every datetime parameter into a
neo4j.time.DateTime and back into epoch seconds before packing it
(neo4j/_codec/hydration/bolt/v2/temporal.py, dehydrate_datetime): about 250 µs a value, most of a
read's parameter cost (a routing profile "as of", an event window's two ends). The same structure is
built here with datetime arithmetic in about 2 µs: `I` (epoch seconds in UTC, nanoseconds, offset
seconds) for an offset, `d` for a naive datetime (read as UTC, as the driver reads it). A datetime in a
named zone (pytz, zoneinfo) is left to the driver, which sends the zone's name.
tests/graph/test_bolt_values.py holds each structure to the driver's own, field by field and through
Neo4j.
"""

from __future__ import annotations

import datetime
from typing import Any

from neo4j._codec.packstream import Structure  # the driver's own value type; pinned driver

from graph.temporal import EPOCH

NAIVE_EPOCH = EPOCH.replace(tzinfo=None)


def bolt_parameters(params: dict[str, Any]) -> dict[str, Any]:
    """`params` with every datetime in it, nested in lists and maps too, as its Bolt structure."""
    return {name: bolt_value(value) for name, value in params.items()}


def bolt_value(value: Any) -> Any:
    kind = type(value)
    if kind is datetime.datetime:
        return _datetime(value)
    if kind is list or kind is tuple:  # the driver sends a tuple as a list too
        return [bolt_value(item) for item in value]
    if kind is dict:
        return {key: bolt_value(item) for key, item in value.items()}
    return value


def _datetime(value: datetime.datetime) -> Structure | datetime.datetime:
    zone = value.tzinfo
    if zone is None:
        naive = value - NAIVE_EPOCH
        return Structure(b"d", naive.days * 86400 + naive.seconds, naive.microseconds * 1000)
    if isinstance(getattr(zone, "zone", None), str) or isinstance(getattr(zone, "key", None), str):
        return value  # a named zone
    offset = value.utcoffset()
    if offset is None or offset.microseconds or offset.seconds % 60:
        return value  # an offset not in whole minutes: the driver refuses it, with its own message
    since = value - EPOCH
    return Structure(b"I", since.days * 86400 + since.seconds, since.microseconds * 1000,
                     offset.days * 86400 + offset.seconds)
