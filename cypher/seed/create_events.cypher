// Records Events in each CustomerEventLog, each CONCERNS the product and/or servicing resource involved.
// Every Event carries its customer's customerId, for the event_customer_timeline index.
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{label: 'ServicingEvent', category: 'SERVICING', type: 'PAYMENT_ISSUE', occurredAt: 1727608496, channel: 'PHONE', record: 'Payment not received by the payee', result: 'ESCALATED', productId: 'P-CURRENT-ACCOUNT', resourceId: 'R000004', eventLogId: 'EL-C0000004', customerId: 'C0000004', eventId: 'EV-C0000004-02'}];
CYPHER replan=skip
UNWIND $rows AS row
MATCH (log:CustomerEventLog {eventLogId: row.eventLogId})
CREATE (log)-[:RECORDED]->(e:Event:$(row.label) {
  eventId: row.eventId, customerId: row.customerId, category: row.category, type: row.type,
  occurredAt: datetime({epochSeconds: row.occurredAt}), channel: row.channel, record: row.record,
  result: row.result
})
WITH e, row
CALL (e, row) {
  MATCH (p:Product {productId: row.productId})
  CREATE (e)-[:CONCERNS]->(p)
}
CALL (e, row) {
  MATCH (r:ServicingResource {resourceId: row.resourceId})
  CREATE (e)-[:CONCERNS]->(r)
}
