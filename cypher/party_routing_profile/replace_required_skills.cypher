// Replaces the whole set of skills an IndicatorType requires with $requiredSkills
// ([{code, minProficiency}]; an empty list requires none).
// In Neo4j Browser:
// :param code => 'IN_ARREARS';
// :param requiredSkills => [{code: 'COLLECTIONS', minProficiency: 3}];
MATCH (t:IndicatorType {code: $code})
OPTIONAL MATCH (t)-[old:REQUIRES_SKILL]->(:Skill)
DELETE old
WITH DISTINCT t
CALL (t) {
  UNWIND $requiredSkills AS required
  MATCH (s:Skill {code: required.code})
  CREATE (t)-[:REQUIRES_SKILL {minProficiency: required.minProficiency}]->(s)
}
RETURN t.code AS code
