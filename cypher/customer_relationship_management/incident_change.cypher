// Changes the incident $change.incidentId of the plan $change.planId: sets $change.properties (a
// null value removes the property), appends $change.capturedDetail to capturedDetails and
// $change.previousResolution to previousResolutions (when not null), reassigns it to the servicing
// resource $change.assigneeId (when not null), and links it to the events, allocations and
// products named (CONCERNS, never twice). References are checked beforehand (incident_references).
// Runs under the plan's lock (plan_lock), in the same transaction.
// In Neo4j Browser:
// :param change => ({planId: 'RP-C0000001', incidentId: 'IN-RP-C0000001-1', properties: {priority: 4, updatedAt: datetime(), updatedBy: 'browser'}, capturedDetail: null, previousResolution: null, assigneeId: null, eventIds: [], allocationIds: [], productIds: []});
MATCH (:RelationshipPlan {planId: $change.planId})-[:HAS_INCIDENT]->(i:Incident {incidentId: $change.incidentId})
SET i += $change.properties,
    i.capturedDetails = coalesce(i.capturedDetails, [])
                        + CASE WHEN $change.capturedDetail IS NULL THEN [] ELSE [$change.capturedDetail] END,
    i.previousResolutions = coalesce(i.previousResolutions, [])
                            + CASE WHEN $change.previousResolution IS NULL THEN [] ELSE [$change.previousResolution] END
WITH i
CALL (i) {
  MATCH (assignee:ServicingResource {resourceId: $change.assigneeId})
  WHERE NOT (i)-[:ASSIGNED_TO]->(assignee)
  OPTIONAL MATCH (i)-[old:ASSIGNED_TO]->()
  DELETE old
  WITH DISTINCT i, assignee
  CREATE (i)-[:ASSIGNED_TO]->(assignee)
}
CALL (i) {
  UNWIND $change.eventIds AS id
  MATCH (e:Event {eventId: id})
  MERGE (i)-[:CONCERNS]->(e)
}
CALL (i) {
  UNWIND $change.allocationIds AS id
  MATCH (a:Allocation {allocationId: id})
  MERGE (i)-[:CONCERNS]->(a)
}
CALL (i) {
  UNWIND $change.productIds AS id
  MATCH (p:Product {productId: id})
  MERGE (i)-[:CONCERNS]->(p)
}
RETURN i.incidentId AS incidentId
