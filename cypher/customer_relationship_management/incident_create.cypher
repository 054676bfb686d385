// Creates an incident on the plan $incident.planId: (plan)-[:HAS_INCIDENT]->(:Incident) with the
// properties $incident.properties, ASSIGNED_TO the servicing resource $incident.assigneeId, and
// CONCERNS each event, allocation and product named (checked beforehand by incident_references).
// Runs under the plan's lock (plan_lock), in the same transaction.
// In Neo4j Browser:
// :param incident => ({planId: 'RP-C0000001', assigneeId: 'R000001', eventIds: ['EV-C0000001-03'], allocationIds: [], productIds: [], properties: {incidentId: 'IN-example', incidentType: 'COMPLAINT', source: 'CUSTOMER', description: 'Charged twice', priority: 3, status: 'OPEN', createdAt: datetime(), createdBy: 'browser', updatedAt: datetime(), updatedBy: 'browser'}});
MATCH (plan:RelationshipPlan {planId: $incident.planId})
MATCH (assignee:ServicingResource {resourceId: $incident.assigneeId})
CREATE (plan)-[:HAS_INCIDENT]->(i:Incident)
SET i = $incident.properties
CREATE (i)-[:ASSIGNED_TO]->(assignee)
WITH i
CALL (i) {
  UNWIND $incident.eventIds AS id
  MATCH (e:Event {eventId: id})
  MERGE (i)-[:CONCERNS]->(e)
}
CALL (i) {
  UNWIND $incident.allocationIds AS id
  MATCH (a:Allocation {allocationId: id})
  MERGE (i)-[:CONCERNS]->(a)
}
CALL (i) {
  UNWIND $incident.productIds AS id
  MATCH (p:Product {productId: id})
  MERGE (i)-[:CONCERNS]->(p)
}
RETURN i.incidentId AS incidentId
