// Records events in their customers' logs (the log is created on a customer's first event),
// each labelled by its category and linked to what it CONCERNS: products, the servicing
// resource, the lead, the allocation, the relationship plan and the fraud case (a reference node,
// created on first use).
// An event with an idempotency key is MERGEd on it under the event_idempotency_key constraint,
// so a repeat (also a concurrent one) finds the first event and writes nothing: created = false.
// Runs after event_capture_checks, in the same transaction.
// In Neo4j Browser:
// :param events => [{index: 0, customerId: 'C0000168', label: 'RelationshipEvent', properties: {eventId: 'EV-example', customerId: 'C0000168', category: 'RELATIONSHIP', type: 'MEETING', occurredAt: datetime(), idempotencyKey: null}, productIds: [], resourceId: 'R000001', leadId: null, allocationId: null, planId: 'RP-C0000168', fraudCaseId: null}];
// :param now => datetime();
// :param capturedBy => 'analyst';
UNWIND $events AS row
MATCH (c:Customer {customerId: row.customerId})
MERGE (log:CustomerEventLog {eventLogId: 'EL-' + row.customerId})
  ON CREATE SET log.customerId = row.customerId, log.status = 'ACTIVE', log.createdAt = $now, log.createdBy = $capturedBy
MERGE (c)-[:HAS_EVENT_LOG]->(log)
WITH row, log
CALL (row, log) {
  WITH row, log WHERE row.properties.idempotencyKey IS NULL
  CREATE (log)-[:RECORDED]->(e:Event:$(row.label))
  SET e = row.properties, e.capturedAt = $now, e.capturedBy = $capturedBy, e.version = 1
  RETURN e, true AS created
  UNION
  WITH row, log WHERE row.properties.idempotencyKey IS NOT NULL
  MERGE (e:Event {idempotencyKey: row.properties.idempotencyKey})
    ON CREATE SET e = row.properties, e:$(row.label), e.capturedAt = $now, e.capturedBy = $capturedBy, e.version = 1,
                  e.capturing = true
  WITH log, e, e.capturing IS NOT NULL AS created
  REMOVE e.capturing
  WITH log, e, created
  FOREACH (first IN CASE WHEN created THEN [true] ELSE [] END | CREATE (log)-[:RECORDED]->(e))
  RETURN e, created
}
WITH row, e, created
CALL (e, row, created) {
  WITH * WHERE created
  UNWIND row.productIds AS productId
  MATCH (p:Product {productId: productId})
  CREATE (e)-[:CONCERNS]->(p)
}
CALL (e, row, created) {
  WITH * WHERE created AND row.resourceId IS NOT NULL
  MATCH (r:ServicingResource {resourceId: row.resourceId})
  CREATE (e)-[:CONCERNS]->(r)
}
CALL (e, row, created) {
  WITH * WHERE created AND row.leadId IS NOT NULL
  MATCH (l:Lead {leadId: row.leadId})
  CREATE (e)-[:CONCERNS]->(l)
}
CALL (e, row, created) {
  WITH * WHERE created AND row.allocationId IS NOT NULL
  MATCH (a:Allocation {allocationId: row.allocationId})
  CREATE (e)-[:CONCERNS]->(a)
}
CALL (e, row, created) {
  WITH * WHERE created AND row.planId IS NOT NULL
  MATCH (plan:RelationshipPlan {planId: row.planId})
  CREATE (e)-[:CONCERNS]->(plan)
}
CALL (e, row, created) {
  WITH * WHERE created AND row.fraudCaseId IS NOT NULL
  MERGE (f:FraudCase {fraudCaseId: row.fraudCaseId})
  CREATE (e)-[:CONCERNS]->(f)
}
RETURN row.index AS index, created, e {.*} AS event
