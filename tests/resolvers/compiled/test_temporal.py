"""DateTime values on the compiled path: Neo4j hands over an instant's parts and shape.py writes the ISO
string (cypher/compiled/scalar/DateTime.cypher), which must be the resolvers' string to the character,
whatever the offset, the fraction of a second, the year or the zone."""

from __future__ import annotations

import dataclasses

from gateway.settings import Settings
from graph.database import Database
from resolvers.compiled.shape import instant_iso
from tests.support import bank_graph, execute

EVENTS = """query ($id: ID!) { customer(customerId: $id) {
  events(first: 30) { edges { node { eventId occurredAt } } } } }"""

# Written as Neo4j Browser would: datetime() of strings and of maps, an offset with seconds, a named zone.
ODD_INSTANTS = """
UNWIND [
  ['11', datetime('1969-07-20T20:17:40.123456789Z')],
  ['12', datetime('2025-06-01T12:00:00+05:30')],
  ['13', datetime('2025-06-01T12:00:00.000000999-03:00')],
  ['14', datetime({year: 2025, month: 6, day: 2, hour: 9, timezone: '+01:00:30'})],
  ['15', datetime({year: 2025, month: 3, day: 30, hour: 1, minute: 30, timezone: 'Europe/London'})],
  ['16', datetime('0999-12-31T23:59:59.999999Z')],
  ['17', datetime({year: 2025, month: 6, day: 3, timezone: '-00:00:45'})],
  ['18', datetime('1969-12-31T23:59:59.5Z')]
] AS odd
MATCH (log:CustomerEventLog {customerId: 'C0000001'})
CREATE (log)-[:RECORDED]->(:Event:ServicingEvent {eventId: 'EV-C0000001-' + odd[0], customerId: 'C0000001',
  category: 'SERVICING', type: 'BALANCE_ENQUIRY', occurredAt: odd[1], channel: 'WEB', record: 'odd', result: 'RESOLVED'})
"""


async def test_every_kind_of_instant_reads_the_same_compiled_as_resolved(database: Database, settings: Settings) -> None:
    bank = await bank_graph(database, "event_history")
    await bank.write(ODD_INSTANTS)
    compiled, context = await execute(bank, settings, EVENTS, {"id": "C0000001"})
    assert context.db.round_trips == 1  # the compiled path answered, in one statement
    resolved, _ = await execute(bank, dataclasses.replace(settings, compiled_reads=False), EVENTS, {"id": "C0000001"})
    assert compiled.errors is None and compiled.data == resolved.data
    written = {edge["node"]["eventId"][-2:]: edge["node"]["occurredAt"]
               for edge in compiled.data["customer"]["events"]["edges"]}
    assert written["11"] == "1969-07-20T20:17:40.123456+00:00"
    assert written["12"] == "2025-06-01T12:00:00+05:30"
    assert written["13"] == "2025-06-01T12:00:00-03:00"
    # A named zone comes back as a DateTime (01:30 did not exist in London that night: Neo4j moved it on).
    assert written["15"] == "2025-03-30T02:30:00+01:00"
    assert written["16"] == "0999-12-31T23:59:59.999999+00:00"
    assert written["18"] == "1969-12-31T23:59:59.500000+00:00"


def test_the_offset_is_in_whole_minutes_as_the_driver_reads_it() -> None:
    # 2025-06-02T09:00:00+01:00:30 is 07:59:30 UTC; the driver keeps +01:00 of the offset.
    assert instant_iso([1748851170_000, 0, 3630]) == "2025-06-02T08:59:30+01:00"
    # Half a second before 1970: epochMillis -500 (epochSeconds would say 0).
    assert instant_iso([-500, 500_000_000, 0]) == "1969-12-31T23:59:59.500000+00:00"

