// Write-locks one routing profile for the rest of the transaction (the property is set and
// removed again, so the graph is unchanged) and says whose it is.
// In Neo4j Browser:
// :param partyStateId => 'PS-C0000168';
MATCH (c:Customer)-[:HAS_PROFILE]->(ps:PartyState {partyStateId: $partyStateId})
SET ps.locked = true
REMOVE ps.locked
RETURN ps.partyStateId AS partyStateId, c.customerId AS customerId, datetime.realtime() AS now
