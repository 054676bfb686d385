// The customer's routing profile (PartyState), created if the customer has none, and
// write-locked for the rest of the transaction so changes to one profile run one at a time.
// `created` tells Initiate (which must create) from Capture (which may reuse).
// The lock is a property set and removed again: the graph is unchanged, the lock stays held.
// In Neo4j Browser:
// :param customerId => 'C0000001';
// :param createdBy => 'analyst';
// :param nextReviewDue => null;
// :param note => null;
MATCH (c:Customer {customerId: $customerId})
MERGE (ps:PartyState {partyStateId: 'PS-' + c.customerId})
  ON CREATE SET ps.customerId = c.customerId, ps.createdAt = datetime.realtime(), ps.createdBy = $createdBy,
                ps.nextReviewDue = $nextReviewDue, ps.note = $note, ps.version = 0, ps.initiating = true
WITH c, ps, ps.initiating IS NOT NULL AS created
MERGE (c)-[:HAS_PROFILE]->(ps)
SET ps.locked = true
REMOVE ps.initiating, ps.locked
RETURN ps.partyStateId AS partyStateId, c.customerId AS customerId, created
