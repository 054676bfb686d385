// Records a captured lead: (customer)-[:HAS_LEAD]->(lead)-[:FOR_PRODUCT]->(product), and, when
// given, FROM_CAMPAIGN its campaign, UPSELLS the held product, ORIGINATED_FROM the event or
// allocation it came from, OWNED_BY its owner. Runs after lead_capture_context's checks, in the
// same transaction. The lead is MERGEd on its idempotency key when it has one (the
// lead_idempotency_key constraint makes a concurrent twin fail rather than duplicate).
// :param lead => ({
//   customerId: 'C0000001', productId: 'P-SAVINGS-ACCOUNT', campaignId: null, upsellsProductId: null,
//   originatedFromEventId: null, originatedFromAllocationId: null, ownerId: null,
//   properties: {leadId: 'LD-example', status: 'CAPTURED', priority: 3, createdAt: datetime()}
// })
MATCH (c:Customer {customerId: $lead.customerId}), (p:Product {productId: $lead.productId})
CREATE (c)-[:HAS_LEAD]->(l:Lead)-[:FOR_PRODUCT]->(p)
SET l = $lead.properties
WITH l
CALL (l) {
  MATCH (campaign:Campaign {campaignId: $lead.campaignId})
  CREATE (l)-[:FROM_CAMPAIGN]->(campaign)
}
CALL (l) {
  MATCH (held:Product {productId: $lead.upsellsProductId})
  CREATE (l)-[:UPSELLS]->(held)
}
CALL (l) {
  MATCH (event:Event {eventId: $lead.originatedFromEventId})
  CREATE (l)-[:ORIGINATED_FROM]->(event)
}
CALL (l) {
  MATCH (allocation:Allocation {allocationId: $lead.originatedFromAllocationId})
  CREATE (l)-[:ORIGINATED_FROM]->(allocation)
}
CALL (l) {
  MATCH (owner:ServicingResource {resourceId: $lead.ownerId})
  CREATE (l)-[:OWNED_BY]->(owner)
}
RETURN l.leadId AS leadId
