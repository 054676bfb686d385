// Changes some settings of a servicing pool and records who did it when; $properties holds
// only the properties to change. No row when the pool is unknown.
// In Neo4j Browser:
// :param poolId => 'POOL-PREMIER';
// :param properties => ({serviceLevelSeconds: 30});
// :param by => 'analyst';
MATCH (p:ServicingPool {poolId: $poolId})
SET p += $properties, p.updatedAt = datetime(), p.updatedBy = $by
RETURN p.poolId AS poolId
