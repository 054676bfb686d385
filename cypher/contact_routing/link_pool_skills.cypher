// Replaces the whole set of skills a servicing pool expects of its members with $skillCodes
// (an empty list expects none).
// In Neo4j Browser:
// :param poolId => 'POOL-PREMIER';
// :param skillCodes => ['ADVICE'];
MATCH (p:ServicingPool {poolId: $poolId})
OPTIONAL MATCH (p)-[old:REQUIRES_SKILL]->(:Skill)
DELETE old
WITH DISTINCT p
CALL (p) {
  UNWIND $skillCodes AS code
  MATCH (s:Skill {code: code})
  CREATE (p)-[:REQUIRES_SKILL]->(s)
}
RETURN p.poolId AS poolId
