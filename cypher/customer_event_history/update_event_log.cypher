// Changes a customer's event log (BIAN Update): its status (a CLOSED log takes no new
// events) and its note, each only when listed in $set.
MATCH (log:CustomerEventLog {eventLogId: $eventLogId})
SET log.status = CASE WHEN 'status' IN $set THEN $status ELSE log.status END,
    log.note = CASE WHEN 'note' IN $set THEN $note ELSE log.note END,
    log.updatedAt = $now, log.updatedBy = $updatedBy
RETURN log.eventLogId AS eventLogId
