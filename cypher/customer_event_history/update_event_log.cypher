// Changes a customer's event log (BIAN Update): its status (a CLOSED log takes no new
// events) and its note, each only when listed in $set.
// In Neo4j Browser:
// :param eventLogId => 'EL-C0000168';
// :param set => ['note'];
// :param status => null;
// :param note => 'Moved to the premier team';
// :param now => datetime();
// :param updatedBy => 'analyst';
MATCH (log:CustomerEventLog {eventLogId: $eventLogId})
SET log.status = CASE WHEN 'status' IN $set THEN $status ELSE log.status END,
    log.note = CASE WHEN 'note' IN $set THEN $note ELSE log.note END,
    log.updatedAt = $now, log.updatedBy = $updatedBy
RETURN log.eventLogId AS eventLogId
