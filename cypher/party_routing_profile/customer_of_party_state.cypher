// Whose routing profile a PartyState id names.
// In Neo4j Browser:
// :param partyStateId => 'PS-C0000168';
MATCH (c:Customer)-[:HAS_PROFILE]->(:PartyState {partyStateId: $partyStateId})
RETURN c.customerId AS customerId
