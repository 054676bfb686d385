// Creates the routing policy: IndicatorType nodes, the skills they REQUIRE_SKILL and the pool they ROUTE_TO.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{code: 'IN_ARREARS', kind: 'STATUS', name: 'In arrears', description: 'A repayment is overdue; value is the days-past-due band.', blocksSales: true, priorityBoost: 1, severity: 'HIGH', requires: [{code: 'COLLECTIONS', minProficiency: 2}], routesTo: 'POOL-COLLECTIONS', confidential: false, allowedValues: ['30_DPD'], validityDays: null}];
UNWIND $rows AS row
MERGE (t:IndicatorType {code: row.code})
SET t.kind = row.kind, t.name = row.name, t.description = row.description, t.blocksSales = row.blocksSales,
    t.priorityBoost = row.priorityBoost, t.severity = row.severity, t.confidential = row.confidential,
    // A null leaves the property absent: any value is allowed, indicators never lapse.
    t.allowedValues = row.allowedValues, t.validityDays = row.validityDays
WITH t, row
CALL (t, row) {
  UNWIND row.requires AS required
  MATCH (s:Skill {code: required.code})
  MERGE (t)-[r:REQUIRES_SKILL]->(s)
  SET r.minProficiency = required.minProficiency
}
CALL (t, row) {
  MATCH (pool:ServicingPool {poolId: row.routesTo})
  MERGE (t)-[:ROUTES_TO]->(pool)
}
