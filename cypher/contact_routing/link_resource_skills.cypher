// Replaces the whole set of a servicing resource's skills with $skills ([{code, proficiency}];
// an empty list leaves it none).
// In Neo4j Browser:
// :param resourceId => 'R000001';
// :param skills => [{code: 'ADVICE', proficiency: 4}];
MATCH (r:ServicingResource {resourceId: $resourceId})
OPTIONAL MATCH (r)-[old:HAS_SKILL]->(:Skill)
DELETE old
WITH DISTINCT r
CALL (r) {
  UNWIND $skills AS skill
  MATCH (s:Skill {code: skill.code})
  CREATE (r)-[:HAS_SKILL {proficiency: skill.proficiency}]->(s)
}
RETURN r.resourceId AS resourceId
