// What capturing each event must check first: that its customer exists, whether the customer's
// log is open, the category of its type (null: unknown type) with the category's known types,
// and which of the objects it references do not exist. One row per event, by its index.
// In Neo4j Browser:
// :param events => [{index: 0, customerId: 'C0000168', type: 'MEETING', category: 'RELATIONSHIP', productIds: ['P-CURRENT-ACCOUNT'], resourceId: 'R000001', leadId: null, allocationId: null}];
UNWIND $events AS row
OPTIONAL MATCH (c:Customer {customerId: row.customerId})
OPTIONAL MATCH (c)-[:HAS_EVENT_LOG]->(log:CustomerEventLog)
OPTIONAL MATCH (t:EventType {code: row.type})
RETURN row.index AS index,
       c IS NOT NULL AS customerExists,
       log.status AS logStatus,
       t.category AS typeCategory,
       COLLECT { MATCH (k:EventType) WHERE k.category = row.category RETURN k.code ORDER BY k.code } AS knownTypes,
       [id IN row.productIds WHERE NOT EXISTS { MATCH (:Product {productId: id}) }] AS missingProducts,
       [id IN [row.resourceId] WHERE id IS NOT NULL AND NOT EXISTS { MATCH (:ServicingResource {resourceId: id}) }]
         AS missingResources,
       [id IN [row.leadId] WHERE id IS NOT NULL AND NOT EXISTS { MATCH (:Lead {leadId: id}) }] AS missingLeads,
       [id IN [row.allocationId] WHERE id IS NOT NULL AND NOT EXISTS { MATCH (:Allocation {allocationId: id}) }]
         AS missingAllocations
