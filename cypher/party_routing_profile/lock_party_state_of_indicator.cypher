// Write-locks the routing profile an indicator belongs to (set and removed again: the graph
// is unchanged) so that updating the indicator cannot race another change to the profile.
// In Neo4j Browser:
// :param indicatorId => 'IN-C0000168-01';
MATCH (c:Customer)-[:HAS_PROFILE]->(ps:PartyState)-[:HAS_INDICATOR]->(i:Indicator {indicatorId: $indicatorId})
SET ps.locked = true
REMOVE ps.locked
RETURN ps.partyStateId AS partyStateId, c.customerId AS customerId, i.type AS type
