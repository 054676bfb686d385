// Links each Skill to its broader Skill: (MORTGAGE_SALES)-[:BROADER]->(LENDING_SALES).
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{code: 'LENDING_SALES', broader: 'SALES'}];
UNWIND $rows AS row
MATCH (narrower:Skill {code: row.code})
MATCH (broader:Skill {code: row.broader})
MERGE (narrower)-[:BROADER]->(broader)
