// Moves an allocation to $status (checked by the caller under lock_allocation): ACCEPTED sets
// acceptedAt; an ending status sets endedAt and the reason given, and frees the capacity the
// allocation OCCUPIES (stamping the resource's freedAt: queued contacts routed in vain before are
// looked at again, servable_queued_contacts.cypher).
// :param allocationId => 'AL-example';
// :param status => 'ACCEPTED';
// :param reason => null;
// :param now => datetime();
// :param by => 'browser';
MATCH (a:Allocation {allocationId: $allocationId})
SET a.status = $status, a.updatedAt = $now, a.updatedBy = $by,
    a.acceptedAt = CASE WHEN $status = 'ACCEPTED' THEN $now ELSE a.acceptedAt END,
    a.endedAt = CASE WHEN $status IN ['COMPLETED', 'REJECTED', 'TIMED_OUT', 'CANCELLED'] THEN $now ELSE a.endedAt END,
    a.endReason = CASE WHEN $status IN ['REJECTED', 'CANCELLED', 'TIMED_OUT'] THEN $reason ELSE a.endReason END
WITH a
CALL (a) {
  MATCH (a)-[held:OCCUPIES]->(r:ServicingResource)
  WHERE a.status IN ['COMPLETED', 'REJECTED', 'TIMED_OUT', 'CANCELLED']
  DELETE held
  SET r.freedAt = $now
}
RETURN a.status AS status
