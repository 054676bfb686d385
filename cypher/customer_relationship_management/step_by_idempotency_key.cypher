// The Relationship event an earlier plan step logged under this idempotency key (the
// event_idempotency_key constraint keeps keys unique), with that request's fingerprint to compare.
// No row: the key is new. A key another kind of request used has another fingerprint: the caller
// answers CONFLICT.
// In Neo4j Browser:
// :param idempotencyKey => 'rm-desk-7-close-plan';
MATCH (e:Event {idempotencyKey: $idempotencyKey})
RETURN e.idempotencyFingerprint AS fingerprint, e.planReference AS planId, e.subjectReference AS subjectId
