// Changes an event without losing what it was: its current properties are kept as an
// EventVersion (with who superseded it, when, and which fields changed) before $changes apply
// (a null removes a property) and the version moves on. Runs under the event's lock.
MATCH (e:Event {eventId: $eventId})
CREATE (e)-[:HAS_VERSION]->(v:EventVersion)
SET v = properties(e), v.supersededAt = $now, v.supersededBy = $updatedBy, v.changedFields = $changedFields
SET e += $changes, e.version = e.version + 1, e.updatedAt = $now, e.updatedBy = $updatedBy
RETURN e {.*} AS event
