// Creates each customer's Leads, FOR_PRODUCT the product of interest and OWNED_BY a servicing resource;
// a CAMPAIGN lead comes FROM_CAMPAIGN its campaign, and every lead SETS the SALES_PROSPECT status
// seeded for its life (same product, starting when the lead was captured; indicators are written
// first). An open lead has no closedAt. Score and classification are computed by the generator
// as the gateway computes them at capture (docs/lead-and-opportunity.md).
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{customerId: 'C0000038', leadId: 'LD-C0000038-1', status: 'CONFIRMED', campaignType: 'UP_SELL', source: 'CAMPAIGN', priority: 3, description: 'Instant access savings: response to a campaign', createdAt: 1767035282, closedAt: null, productId: 'P-SAVINGS-ACCOUNT', productType: 'DEPOSITS', ownerId: 'R000006', score: 44, scoreBasis: 20, classification: 'WARM', campaignId: 'CMP-2026-UPGRADE', campaignVersion: 1}];
CYPHER replan=skip
UNWIND $rows AS row
MATCH (c:Customer {customerId: row.customerId})
MATCH (p:Product {productId: row.productId})
MATCH (owner:ServicingResource {resourceId: row.ownerId})
WITH row, c, p, owner, datetime({epochSeconds: row.createdAt}) AS createdAt,
     CASE WHEN row.closedAt IS NOT NULL THEN datetime({epochSeconds: row.closedAt}) END AS closedAt
CREATE (c)-[:HAS_LEAD]->(l:Lead {
  leadId: row.leadId, status: row.status, campaignType: row.campaignType, campaignVersion: row.campaignVersion,
  source: row.source, priority: row.priority, suspended: false, score: row.score, scoreBasis: row.scoreBasis,
  classification: row.classification, productType: row.productType, description: row.description,
  createdAt: createdAt, closedAt: closedAt, updatedAt: coalesce(closedAt, createdAt),
  capturedBy: 'crm', updatedBy: 'crm'
})
CREATE (l)-[:FOR_PRODUCT]->(p)
CREATE (l)-[:OWNED_BY]->(owner)
WITH row, c, l, createdAt
CALL (row, l) {
  MATCH (m:Campaign {campaignId: row.campaignId})
  CREATE (l)-[:FROM_CAMPAIGN]->(m)
}
CALL (row, c, l, createdAt) {
  MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(s:Status {type: 'SALES_PROSPECT', value: row.productId})
  WHERE s.validFrom = createdAt
  WITH s LIMIT 1
  CREATE (l)-[:SETS]->(s)
}
