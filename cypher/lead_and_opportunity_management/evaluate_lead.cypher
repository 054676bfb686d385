// Evaluates a lead through the graph at $at: each check before an offer with its outcome and the
// facts that decided it (docs/lead-and-opportunity.md, "Evaluation and assignment"):
//   CUSTOMER_ACTIVE   the customer's status is ACTIVE
//   NO_SALES_BLOCK    no indicator active at $at (validFrom <= $at < validTo, or open) whose IndicatorType blocksSales
//   PRODUCT_SUITABLE  the customer's segment is one of the product's segments (a product without segments suits all)
//   NOT_ALREADY_HELD  no ACTIVE holding of the product, unless the lead is an UP_SELL that UPSELLS a product
//                     the customer holds (ACTIVE)
//   CREDIT_RATING     the active CREDIT_RATING indicator's value >= the product's minCreditRating (none: passes)
// Every outcome is true or false, never null (a missing status or segment fails).
// A read; the evaluation mutation runs the same text inside its write transaction. No row: unknown lead.
// In Neo4j Browser:
// :param leadId => 'LD-C0000001-1';
// :param at => datetime();
MATCH (c:Customer)-[:HAS_LEAD]->(l:Lead {leadId: $leadId})-[:FOR_PRODUCT]->(p:Product)
WITH c, l, p,
     COLLECT {
       MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator)-[:OF_TYPE]->(t:IndicatorType)
       WHERE t.blocksSales AND i.validFrom <= $at AND (i.validTo IS NULL OR $at < i.validTo)
       RETURN DISTINCT {type: t.code, confidential: coalesce(t.confidential, false)} AS block
       ORDER BY block.type
     } AS blocks,
     COLLECT {
       MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator)-[:OF_TYPE]->(:IndicatorType {code: 'CREDIT_RATING'})
       WHERE i.validFrom <= $at AND (i.validTo IS NULL OR $at < i.validTo)
       RETURN toIntegerOrNull(i.value) AS rating ORDER BY i.validFrom DESC LIMIT 1
     } AS ratings,
     EXISTS { (c)-[h:HOLDS]->(p) WHERE h.status = 'ACTIVE' } AS held,
     [(l)-[:UPSELLS]->(u:Product) | u {.productId, held: EXISTS { (c)-[h:HOLDS]->(u) WHERE h.status = 'ACTIVE' }}] AS upsells
WITH c, l, p, blocks, ratings[0] AS creditRating, held, upsells,
     coalesce(l.campaignType = 'UP_SELL', false) AND any(u IN upsells WHERE u.held) AS upsellOfHolding
RETURN l.leadId AS leadId, l.status AS leadStatus, c.customerId AS customerId, c.status AS customerStatus,
       c.segment AS segment, p.productId AS productId, p.segments AS productSegments,
       p.minCreditRating AS minCreditRating, creditRating, blocks, held, l.campaignType AS campaignType, upsells,
       {CUSTOMER_ACTIVE: coalesce(c.status = 'ACTIVE', false),
        NO_SALES_BLOCK: size(blocks) = 0,
        PRODUCT_SUITABLE: p.segments IS NULL OR coalesce(c.segment IN p.segments, false),
        NOT_ALREADY_HELD: NOT held OR upsellOfHolding,
        CREDIT_RATING: p.minCreditRating IS NULL OR coalesce(creditRating >= p.minCreditRating, false)} AS passed
