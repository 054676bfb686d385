// The assignment an earlier assignLead with this idempotency key gave, from its LEAD_ASSIGNED
// Sales event (the event_idempotency_key constraint keeps keys unique), with the request's
// fingerprint to compare. No row: the key is new. A key used by another kind of event has no
// assignment and a different fingerprint: the caller answers CONFLICT.
// In Neo4j Browser:
// :param idempotencyKey => 'desk-42-assign-1';
MATCH (e:Event {idempotencyKey: $idempotencyKey})
RETURN e.idempotencyFingerprint AS fingerprint, e.assignment AS assignment, e.previousOwnerId AS previousOwnerId
