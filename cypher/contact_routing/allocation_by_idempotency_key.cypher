// The allocation a requestAllocation with this idempotency key made, and the fingerprint of the
// request it was made for; no row when the key is new.
// :param idempotencyKey => 'desk-42-call-1';
MATCH (a:Allocation {idempotencyKey: $idempotencyKey})
RETURN a.allocationId AS allocationId, a.fingerprint AS fingerprint
