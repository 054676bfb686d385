"""graph/bolt_values.py builds, for every kind of datetime the gateway sends, the structure the driver
would: field by field against the driver's own dehydration, and through Neo4j, which must read the
same instant, offset and kind from both."""

from __future__ import annotations

import datetime

import dateutil.tz
import pytest
import pytz
from neo4j._codec.hydration.bolt.v2.temporal import dehydrate_datetime
from neo4j._codec.packstream import Structure

from graph.bolt_values import bolt_parameters, bolt_value
from graph.database import Database

UTC = datetime.UTC
INSTANTS = [
    datetime.datetime(2026, 1, 1, tzinfo=UTC),
    datetime.datetime(2025, 6, 1, 12, 0, 0, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30))),
    datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.timezone(-datetime.timedelta(hours=3))),
    datetime.datetime(1969, 7, 20, 20, 17, 40, 999999, tzinfo=UTC),
    datetime.datetime(1, 1, 1, tzinfo=UTC),
    datetime.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime.datetime(2025, 3, 30, 1, 30, tzinfo=dateutil.tz.tzoffset(None, 3600)),  # as dateutil parses "+01:00"
    datetime.datetime(2025, 3, 30, 1, 30, tzinfo=dateutil.tz.tzutc()),
    datetime.datetime(2025, 3, 30, 1, 30, 5, 42),  # naive: read as UTC, a LocalDateTime
    datetime.datetime(1900, 1, 1, 0, 0, 0, 1),
]
NAMED = [pytz.timezone("Europe/London").localize(datetime.datetime(2025, 7, 1, 9)),
         datetime.datetime(2025, 7, 1, 9, tzinfo=__import__("zoneinfo").ZoneInfo("Europe/Paris"))]


def fields(value: Structure) -> tuple[object, ...]:
    return (value.tag, *value.fields)


@pytest.mark.parametrize("instant", INSTANTS, ids=str)
def test_each_datetime_is_the_structure_the_driver_would_send(instant: datetime.datetime) -> None:
    built = bolt_value(instant)
    assert isinstance(built, Structure)
    assert fields(built) == fields(dehydrate_datetime(instant))


def test_named_zones_and_other_values_are_left_to_the_driver() -> None:
    odd_offset = datetime.datetime(2025, 3, 30, 1, 30, tzinfo=datetime.timezone(datetime.timedelta(seconds=3630)))
    with pytest.raises(ValueError, match="whole number of minutes"):
        dehydrate_datetime(odd_offset)  # so the driver refuses it as before
    for named in (*NAMED, odd_offset):
        assert bolt_value(named) is named
    assert bolt_parameters({"d": datetime.date(2025, 1, 1), "n": 3, "s": "x"}) == {
        "d": datetime.date(2025, 1, 1), "n": 3, "s": "x"}
    nested = bolt_parameters({"rows": [{"at": INSTANTS[0]}, (INSTANTS[1],)]})
    assert fields(nested["rows"][0]["at"]) == fields(dehydrate_datetime(INSTANTS[0]))
    assert fields(nested["rows"][1][0]) == fields(dehydrate_datetime(INSTANTS[1]))


async def test_neo4j_reads_the_same_value_as_from_its_iso_text(database: Database) -> None:
    values = INSTANTS  # the values built here (named zones are the driver's, as before)
    sent = await database.read("UNWIND $values AS value RETURN toString(value) AS text, valueType(value) AS kind",
                               values=values)
    # The same values as ISO text, parsed by Neo4j itself: no driver structure involved.
    parsed = await database.read(
        "UNWIND $texts AS text RETURN CASE WHEN text ENDS WITH 'local' THEN toString(localdatetime(left(text, size(text) - 5))) "
        "ELSE toString(datetime(text)) END AS text",
        texts=[_iso(value) for value in values])
    assert [row["text"] for row in sent] == [row["text"] for row in parsed]
    assert [row["kind"] for row in sent] == [
        "LOCAL DATETIME NOT NULL" if value.tzinfo is None else "ZONED DATETIME NOT NULL" for value in values]


def _iso(value: datetime.datetime) -> str:
    if value.tzinfo is None:
        return value.isoformat() + "local"
    name = getattr(value.tzinfo, "zone", None) or getattr(value.tzinfo, "key", None)
    return value.isoformat() + (f"[{name}]" if isinstance(name, str) else "")
