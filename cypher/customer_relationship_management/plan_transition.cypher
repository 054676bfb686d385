// Moves a relationship plan to another status (controlRelationshipPlan, exchangeRelationshipPlan),
// after plan_lock and the checks, in the same transaction: $move.properties are set (a null one is
// removed, e.g. an earlier statusReason). Closing ($move.cancelOpenWork) also cancels the plan's
// open development tasks and its SCHEDULED contacts with $move.cancelReason; their ids come back.
// In Neo4j Browser:
// :param move => ({planId: 'RP-C0000001', properties: {status: 'CLOSED', statusReason: 'customer left', closedAt: datetime(), updatedAt: datetime(), updatedBy: 'R000001'}, cancelOpenWork: true, cancelReason: 'plan closed', openTaskStatuses: ['OPEN', 'REQUESTED', 'SUBMITTED'], at: datetime(), by: 'R000001'});
MATCH (p:RelationshipPlan {planId: $move.planId})
SET p += $move.properties
WITH p
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_DEVELOPMENT_TASK]->(t:DevelopmentTask)
  WHERE $move.cancelOpenWork AND t.status IN $move.openTaskStatuses
  SET t.status = 'CANCELLED', t.statusReason = $move.cancelReason, t.updatedAt = $move.at, t.updatedBy = $move.by
  RETURN collect(t.taskId) AS cancelledTasks
}
CALL (p) {
  OPTIONAL MATCH (p)-[:HAS_CONTACT]->(pc:PlanContact)
  WHERE $move.cancelOpenWork AND pc.status = 'SCHEDULED'
  SET pc.status = 'CANCELLED', pc.statusReason = $move.cancelReason, pc.updatedAt = $move.at, pc.updatedBy = $move.by
  RETURN collect(pc.contactId) AS cancelledContacts
}
RETURN p.planId AS planId, cancelledTasks, cancelledContacts
