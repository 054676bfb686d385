// Writes an update of a relationship plan (updateRelationshipPlan, BIAN Update), after plan_lock and
// the checks, in the same transaction: $change.properties are set (only what changes; never null),
// a new owner replaces the old (OWNED_BY), goals named by id are changed, new goals are added.
// In Neo4j Browser:
// :param change => ({planId: 'RP-C0000001', properties: {description: 'Premier plan, renewed', updatedAt: datetime(), updatedBy: 'R000001'}, ownerId: null, changedGoals: [{goalId: 'RP-C0000001-G1', properties: {result: 'ACHIEVED'}}], newGoals: []});
MATCH (p:RelationshipPlan {planId: $change.planId})
SET p += $change.properties
WITH p
CALL (p) {
  WITH p WHERE $change.ownerId IS NOT NULL
  MATCH (owner:ServicingResource {resourceId: $change.ownerId})
  OPTIONAL MATCH (p)-[old:OWNED_BY]->()
  DELETE old
  CREATE (p)-[:OWNED_BY]->(owner)
}
CALL (p) {
  UNWIND $change.changedGoals AS change
  MATCH (p)-[:HAS_GOAL]->(g:Goal {goalId: change.goalId})
  SET g += change.properties
}
CALL (p) {
  UNWIND $change.newGoals AS goal
  CREATE (p)-[:HAS_GOAL]->(g:Goal)
  SET g = goal
}
RETURN p.planId AS planId
