// Write-locks one event for the rest of the transaction (a property set and removed again:
// the graph is unchanged) and returns it with the known types of its category, for an update.
// In Neo4j Browser:
// :param eventId => 'EV-C0000001-03';
MATCH (e:Event {eventId: $eventId})
SET e.locked = true
REMOVE e.locked
RETURN e {.*} AS event,
       COLLECT { MATCH (k:EventType) WHERE k.category = e.category RETURN k.code ORDER BY k.code } AS knownTypes
