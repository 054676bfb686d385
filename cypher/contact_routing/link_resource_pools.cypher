// Replaces the whole set of pools a servicing resource takes contacts from with $poolIds
// (an empty list takes it out of every pool).
// In Neo4j Browser:
// :param resourceId => 'R000001';
// :param poolIds => ['POOL-PREMIER'];
MATCH (r:ServicingResource {resourceId: $resourceId})
OPTIONAL MATCH (r)-[old:MEMBER_OF]->(:ServicingPool)
DELETE old
WITH DISTINCT r
CALL (r) {
  UNWIND $poolIds AS poolId
  MATCH (p:ServicingPool {poolId: poolId})
  CREATE (r)-[:MEMBER_OF]->(p)
}
RETURN r.resourceId AS resourceId
