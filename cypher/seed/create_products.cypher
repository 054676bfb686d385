// Creates the product catalogue and the skills each Product NEEDS_SKILL to be sold or serviced.
UNWIND $rows AS row
MERGE (p:Product {productId: row.productId})
SET p.name = row.name, p.family = row.family, p.segments = row.segments, p.minCreditRating = row.minCreditRating
WITH p, row
UNWIND row.needsSkills AS code
MATCH (s:Skill {code: code})
MERGE (p)-[:NEEDS_SKILL]->(s)
