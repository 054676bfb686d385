// The earlier versions of each given event, newest first: what it said before each update,
// and who changed which fields when.
// :param eventIds => ['EV-C0000168-03'];
UNWIND $eventIds AS eventId
MATCH (:Event {eventId: eventId})-[:HAS_VERSION]->(v:EventVersion)
WITH eventId, v ORDER BY v.version DESC
RETURN eventId, collect(v {.*}) AS versions
