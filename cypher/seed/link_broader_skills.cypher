// Links each Skill to its broader Skill: (MORTGAGE_SALES)-[:BROADER]->(LENDING_SALES).
UNWIND $rows AS row
MATCH (narrower:Skill {code: row.code})
MATCH (broader:Skill {code: row.broader})
MERGE (narrower)-[:BROADER]->(broader)
