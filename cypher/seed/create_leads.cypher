// Creates each customer's Leads, FOR_PRODUCT the product of interest and OWNED_BY a servicing resource.
// An open lead has no closedAt.
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (c:Customer {customerId: row.customerId})
MATCH (p:Product {productId: row.productId})
MATCH (owner:ServicingResource {resourceId: row.ownerId})
CREATE (c)-[:HAS_LEAD]->(l:Lead {
  leadId: row.leadId, status: row.status, campaignType: row.campaignType, source: row.source,
  priority: row.priority, description: row.description, createdAt: datetime({epochSeconds: row.createdAt}),
  closedAt: CASE WHEN row.closedAt IS NOT NULL THEN datetime({epochSeconds: row.closedAt}) END
})
CREATE (l)-[:FOR_PRODUCT]->(p)
CREATE (l)-[:OWNED_BY]->(owner)
