// Creates Status, Rating and Alert indicators on each PartyState, each OF_TYPE its IndicatorType.
// A current indicator has no validTo.
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{partyStateId: 'PS-C0000004', indicatorId: 'IN-C0000004-01', label: 'Rating', type: 'CREDIT_RATING', value: '7', narrative: 'Internal credit rating 7 from the monthly risk run', validFrom: 1542531243, validTo: 1766438910, capturedAt: 1542531243, source: 'RISK_ENGINE', capturedBy: 'risk-engine'}];
CYPHER replan=skip
UNWIND $rows AS row
MATCH (ps:PartyState {partyStateId: row.partyStateId})
MATCH (t:IndicatorType {code: row.type})
CREATE (ps)-[:HAS_INDICATOR]->(i:Indicator:$(row.label) {
  indicatorId: row.indicatorId, type: row.type, value: row.value, narrative: row.narrative,
  validFrom: datetime({epochSeconds: row.validFrom}),
  validTo: CASE WHEN row.validTo IS NOT NULL THEN datetime({epochSeconds: row.validTo}) END,
  capturedAt: datetime({epochSeconds: row.capturedAt}), source: row.source, capturedBy: row.capturedBy
})
CREATE (i)-[:OF_TYPE]->(t)
