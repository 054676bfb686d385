// Changes a development task of a relationship plan (BIAN UpdateDevelopment, ExchangeDevelopment,
// RequestDevelopment): sets $change.properties (only those that change, with updatedAt and
// updatedBy; a null removes one) and, when $change.assigneeId is given, moves ASSIGNED_TO to that
// servicing resource. Runs after plan_lock, in the same transaction.
// assigned is false when the named servicing resource does not exist: the caller answers NOT_FOUND
// and the transaction (this change included) rolls back. No row: no such task on the plan.
// One map parameter: assigneeId may be null and the properties vary.
// In Neo4j Browser:
// :param change => ({planId: 'RP-C0000001', taskId: 'DT-RP-C0000001-1', assigneeId: 'R000007', properties: {updatedAt: datetime(), updatedBy: 'R000001'}});
MATCH (:RelationshipPlan {planId: $change.planId})-[:HAS_DEVELOPMENT_TASK]->(d:DevelopmentTask {taskId: $change.taskId})
SET d += $change.properties
WITH d
CALL (d) {
  WITH d WHERE $change.assigneeId IS NOT NULL
  MATCH (r:ServicingResource {resourceId: $change.assigneeId})
  OPTIONAL MATCH (d)-[old:ASSIGNED_TO]->()
  DELETE old
  WITH DISTINCT d, r
  CREATE (d)-[:ASSIGNED_TO]->(r)
}
RETURN $change.assigneeId IS NULL
       OR EXISTS { (d)-[:ASSIGNED_TO]->(:ServicingResource {resourceId: $change.assigneeId}) } AS assigned
