// Whose routing profile a PartyState id names.
MATCH (c:Customer)-[:HAS_PROFILE]->(:PartyState {partyStateId: $partyStateId})
RETURN c.customerId AS customerId
