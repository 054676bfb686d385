// What an incident's activity references and assignee point at, for the customer $refs.customerId:
// each event found (with whose it is), each allocation found (whether it is FOR_CUSTOMER that
// customer), each product found (whether the customer HOLDS it), and whether the servicing resource
// $refs.assigneeId exists. References not found are simply absent; the caller names them.
// One row. Runs under the plan's lock, before an incident is created, reassigned or captured on.
// In Neo4j Browser:
// :param refs => ({customerId: 'C0000001', eventIds: ['EV-C0000168-03'], allocationIds: [], productIds: ['P-MORTGAGE-FIXED'], assigneeId: 'R000001'});
WITH $refs AS refs
CALL (refs) {
  UNWIND refs.eventIds AS id
  MATCH (e:Event {eventId: id})
  RETURN collect({id: id, customerId: e.customerId}) AS events
}
CALL (refs) {
  UNWIND refs.allocationIds AS id
  MATCH (a:Allocation {allocationId: id})
  RETURN collect({id: id, forCustomer: EXISTS { (a)-[:FOR_CUSTOMER]->(:Customer {customerId: refs.customerId}) }})
         AS allocations
}
CALL (refs) {
  UNWIND refs.productIds AS id
  MATCH (p:Product {productId: id})
  RETURN collect({id: id, held: EXISTS { (:Customer {customerId: refs.customerId})-[:HOLDS]->(p) }}) AS products
}
OPTIONAL MATCH (r:ServicingResource {resourceId: refs.assigneeId})
RETURN events, allocations, products, r IS NOT NULL AS assigneeFound
