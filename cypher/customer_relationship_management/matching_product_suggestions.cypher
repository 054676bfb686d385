// Products to suggest to a customer (docs/product-matching.md): products held (HOLDS, status
// ACTIVE) by the customer's household members (a shared Household), related parties (RELATED_TO,
// either direction) and peers of the same segment, that the customer lacks and may have, scored:
//   3 points per household member holding it, 2 per related party holding it,
//   10 x the product's share among the segment: holders / customers in a sample of the segment, the
//   first $q.peerSample customers the Customer.segment index gives (all of them in a small segment).
// Eligibility is the Lead evaluation's rules (cypher/lead_and_opportunity_management/evaluate_lead.cypher),
// restated here for every product at once (tests/test_cypher_rules.py keeps the copies alike):
// customer ACTIVE, no indicator current at $q.at whose type blocksSales, product suitable for the
// segment (no segments: all), no ACTIVE holding, active CREDIT_RATING >= the product's
// minCreditRating (no minimum: passes; a minimum but no rating: fails).
// A blocked or inactive customer gets one row with no suggestions (blocks / customerStatus say why).
// A product with an open lead (status in $q.openStatuses) is left out unless $q.includeOpenLeads
// (the mutation wants it, to answer with that lead as a duplicate). $q.productId (optional)
// restricts to one product; $q.limit caps the ranked list.
// Cost: bounded whatever the bank's size: one index seek for at most $q.peerSample peers and their
// holdings (counted once for every product), the customer's few household and related neighbours
// checked per product, and the catalog (every Product is a candidate; it is small). No row: unknown customer.
// In Neo4j Browser:
// :param q => ({
//   customerId: 'C0000001', at: datetime(), limit: 10, productId: null, includeOpenLeads: false, peerSample: 1000,
//   openStatuses: ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED']
// })
MATCH (c:Customer {customerId: $q.customerId})
WITH c,
     COLLECT {
       MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator)-[:OF_TYPE]->(t:IndicatorType)
       WHERE t.blocksSales AND i.validFrom <= $q.at AND (i.validTo IS NULL OR $q.at < i.validTo)
       RETURN DISTINCT {type: t.code, confidential: coalesce(t.confidential, false)} AS block
       ORDER BY block.type
     } AS blocks,
     COLLECT {
       MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator)-[:OF_TYPE]->(:IndicatorType {code: 'CREDIT_RATING'})
       WHERE i.validFrom <= $q.at AND (i.validTo IS NULL OR $q.at < i.validTo)
       RETURN toIntegerOrNull(i.value) AS rating ORDER BY i.validFrom DESC LIMIT 1
     } AS ratings
WITH c, blocks, ratings[0] AS creditRating,
     size(blocks) = 0 AND coalesce(c.status = 'ACTIVE', false) AS mayBuy
CALL (c, creditRating, mayBuy) {
  WITH c, creditRating, mayBuy,
       COLLECT {
         MATCH (c)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(m:Customer) WHERE m <> c
         RETURN DISTINCT m ORDER BY m.customerId
       } AS household,
       COLLECT {
         MATCH (c)-[r:RELATED_TO]-(o:Customer) WHERE o <> c
         WITH o, collect(DISTINCT r.kind) AS kinds
         RETURN {customer: o, kinds: kinds} AS party ORDER BY o.customerId
       } AS related,
       COLLECT { MATCH (x:Customer) WHERE mayBuy AND x.segment = c.segment RETURN x LIMIT $q.peerSample } AS peers
  // Segment holders per product, counted once over the bounded sample of peers (not per product).
  WITH c, creditRating, mayBuy, household, related, size(peers) AS segmentSize,
       COLLECT {
         UNWIND peers AS x
         MATCH (x)-[h:HOLDS]->(held:Product) WHERE h.status = 'ACTIVE'
         WITH held.productId AS productId, count(DISTINCT x) AS holders
         RETURN {productId: productId, holders: holders} AS count
       } AS segmentCounts
  MATCH (p:Product)
  WHERE mayBuy
    AND ($q.productId IS NULL OR p.productId = $q.productId)
    AND (p.segments IS NULL OR coalesce(c.segment IN p.segments, false))
    AND (p.minCreditRating IS NULL OR coalesce(creditRating >= p.minCreditRating, false))
    AND NOT EXISTS { (c)-[h:HOLDS]->(p) WHERE h.status = 'ACTIVE' }
  WITH c, p, segmentSize,
       [m IN household WHERE EXISTS { (m)-[h:HOLDS]->(p) WHERE h.status = 'ACTIVE' } | m.customerId] AS householdHolders,
       [o IN [r IN related | r.customer] WHERE EXISTS { (o)-[h:HOLDS]->(p) WHERE h.status = 'ACTIVE' }
          | {customerId: o.customerId, kinds: [r IN related WHERE r.customer = o | r.kinds][0]}] AS relatedHolders,
       coalesce([s IN segmentCounts WHERE s.productId = p.productId | s.holders][0], 0) AS segmentHolders,
       COLLECT {
         MATCH (c)-[:HAS_LEAD]->(l:Lead)-[:FOR_PRODUCT]->(p) WHERE l.status IN $q.openStatuses
         RETURN l.leadId AS leadId ORDER BY leadId LIMIT 1
       } AS openLeads
  WHERE size(householdHolders) + size(relatedHolders) + segmentHolders > 0
    AND (size(openLeads) = 0 OR $q.includeOpenLeads)
  WITH p, householdHolders, relatedHolders, segmentHolders, segmentSize, openLeads[0] AS openLeadId,
       CASE segmentSize WHEN 0 THEN 0.0 ELSE toFloat(segmentHolders) / segmentSize END AS segmentShare
  WITH p, householdHolders, relatedHolders, segmentHolders, segmentSize, openLeadId, segmentShare,
       round(3 * size(householdHolders) + 2 * size(relatedHolders) + 10 * segmentShare, 2) AS score
  ORDER BY score DESC, p.productId
  RETURN collect({productId: p.productId, name: p.name, family: p.family, score: score,
                  householdHolders: householdHolders, relatedHolders: relatedHolders,
                  segmentHolders: segmentHolders, segmentSize: segmentSize, segmentShare: segmentShare,
                  openLeadId: openLeadId})[..$q.limit] AS suggestions
}
RETURN c.customerId AS customerId, c.status AS customerStatus, c.segment AS segment, blocks, suggestions,
       $q.productId IS NULL OR EXISTS { (:Product {productId: $q.productId}) } AS productExists
