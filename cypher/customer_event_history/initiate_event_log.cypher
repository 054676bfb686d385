// Opens a customer's event log (BIAN Initiate); `created` is false when the customer already
// has one, which Initiate reports as a conflict.
// In Neo4j Browser:
// :param customerId => 'C0000001';
// :param now => datetime();
// :param createdBy => 'analyst';
// :param note => null;
MATCH (c:Customer {customerId: $customerId})
MERGE (log:CustomerEventLog {eventLogId: 'EL-' + c.customerId})
  ON CREATE SET log.customerId = c.customerId, log.status = 'ACTIVE', log.createdAt = $now,
                log.createdBy = $createdBy, log.note = $note, log.initiating = true
WITH c, log, log.initiating IS NOT NULL AS created
REMOVE log.initiating
MERGE (c)-[:HAS_EVENT_LOG]->(log)
RETURN created, log.eventLogId AS eventLogId
