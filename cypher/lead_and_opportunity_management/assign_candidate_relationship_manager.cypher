// The customer's relationship manager (MANAGES), whatever their availability: a lead goes to the
// RM who owns the relationship. With the product's NEEDS_SKILL skills the RM meets (a skill S
// meets X when (S)-[:BROADER*0..]->(X)), at the RM's best proficiency. No row: the customer has
// no RM. Several RMs (should not happen): the lowest resourceId.
// In Neo4j Browser:
// :param customerId => 'C0000168';
// :param productId => 'P-MORTGAGE-FIXED';
MATCH (c:Customer {customerId: $customerId})<-[:MANAGES]-(r:ServicingResource)
WITH c, r ORDER BY r.resourceId LIMIT 1
OPTIONAL MATCH (p:Product {productId: $productId})
RETURN r {.resourceId, .name, .kind, .status} AS resource, c.customerId AS customerId,
       COLLECT {
         MATCH (p)-[:NEEDS_SKILL]->(need:Skill)
         WITH need, COLLECT { MATCH (r)-[has:HAS_SKILL]->(:Skill)-[:BROADER*0..]->(need) RETURN has.proficiency } AS levels
         WHERE size(levels) > 0
         RETURN {code: need.code, proficiency: reduce(top = 0, x IN levels | CASE WHEN x > top THEN x ELSE top END),
                 required: true} AS matched
         ORDER BY matched.code
       } AS matchedSkills
