// The development task an initiateLeadDevelopment with this idempotency key created, and the
// fingerprint of the request it was created for; no row when the key is new.
// :param idempotencyKey => 'desk-42-follow-up-1';
MATCH (d:LeadDevelopment {idempotencyKey: $idempotencyKey})
RETURN d.developmentId AS developmentId, d.fingerprint AS fingerprint
