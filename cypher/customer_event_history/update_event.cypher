// Changes an event without losing what it was: its current properties are kept as an
// EventVersion (with who superseded it, when, and which fields changed) before $changes apply
// (a null removes a property) and the version moves on (an event written without one, e.g. in
// Neo4j Browser, is at version 1). Runs under the event's lock.
// In Neo4j Browser:
// :param eventId => 'EV-C0000001-03';
// :param changes => ({result: 'Promoted'});
// :param changedFields => ['result'];
// :param now => datetime();
// :param updatedBy => 'analyst';
MATCH (e:Event {eventId: $eventId})
CREATE (e)-[:HAS_VERSION]->(v:EventVersion)
SET v = properties(e), v.version = coalesce(e.version, 1), v.supersededAt = $now, v.supersededBy = $updatedBy, v.changedFields = $changedFields
SET e += $changes, e.version = coalesce(e.version, 1) + 1, e.updatedAt = $now, e.updatedBy = $updatedBy
RETURN e {.*} AS event
