// Creates the skill taxonomy's Skill nodes (reference data, MERGE so a re-run adds nothing).
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{code: 'SALES', name: 'Sales'}];
UNWIND $rows AS row
MERGE (s:Skill {code: row.code})
SET s.name = row.name
