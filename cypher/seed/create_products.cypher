// Creates the product catalogue and the skills each Product NEEDS_SKILL to be sold or serviced.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{productId: 'P-MORTGAGE-FIXED', name: 'Fixed-rate mortgage', family: 'LENDING', segments: ['MASS'], minCreditRating: 6, needsSkills: ['MORTGAGE_SALES']}];
UNWIND $rows AS row
MERGE (p:Product {productId: row.productId})
SET p.name = row.name, p.family = row.family, p.segments = row.segments, p.minCreditRating = row.minCreditRating
WITH p, row
UNWIND row.needsSkills AS code
MATCH (s:Skill {code: code})
MERGE (p)-[:NEEDS_SKILL]->(s)
