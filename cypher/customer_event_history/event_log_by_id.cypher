// A customer's event log (BIAN Retrieve) with its events counted per category and the
// instant of the newest one.
// :param eventLogId => 'EL-C0000001';
MATCH (log:CustomerEventLog {eventLogId: $eventLogId})
CALL (log) {
  OPTIONAL MATCH (log)-[:RECORDED]->(e:Event)
  WITH e.category AS category, count(e) AS events, max(e.occurredAt) AS latest
  WHERE category IS NOT NULL
  RETURN collect({category: category, events: events, latest: latest}) AS counts
}
RETURN log {.eventLogId, .customerId, .status, .note, .createdAt, .createdBy, .updatedAt, .updatedBy,
            counts: counts} AS log
