// Routes an IndicatorType's contacts to the pool $poolId instead of wherever they went;
// a null $poolId leaves them routed nowhere in particular.
// In Neo4j Browser:
// :param code => 'IN_ARREARS';
// :param poolId => 'POOL-COLLECTIONS';
MATCH (t:IndicatorType {code: $code})
OPTIONAL MATCH (t)-[old:ROUTES_TO]->(:ServicingPool)
DELETE old
WITH DISTINCT t
CALL (t) {
  MATCH (pool:ServicingPool {poolId: $poolId})
  CREATE (t)-[:ROUTES_TO]->(pool)
}
RETURN t.code AS code
