// Creates a servicing pool with its settings and who provided it when. The uniqueness
// constraint on poolId turns a concurrent second creation into a constraint error.
// Runs after unknown_references, in the same transaction; link_pool_skills then links its skills.
// In Neo4j Browser:
// :param poolId => 'POOL-EXAMPLE';
// :param name => 'Example pool';
// :param purpose => 'SERVICING';
// :param strategy => 'LONGEST_IDLE';
// :param offerTimeoutSeconds => 30;
// :param serviceLevelSeconds => 20;
// :param by => 'analyst';
CREATE (p:ServicingPool {
  poolId: $poolId, name: $name, purpose: $purpose, strategy: $strategy,
  offerTimeoutSeconds: $offerTimeoutSeconds, serviceLevelSeconds: $serviceLevelSeconds,
  providedAt: datetime(), providedBy: $by
})
RETURN p.poolId AS poolId
