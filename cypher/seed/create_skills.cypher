// Creates the skill taxonomy's Skill nodes (reference data, MERGE so a re-run adds nothing).
UNWIND $rows AS row
MERGE (s:Skill {code: row.code})
SET s.name = row.name
