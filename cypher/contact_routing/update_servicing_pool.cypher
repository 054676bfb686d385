// Changes some settings of a servicing pool and records who did it when; $properties holds
// only the properties to change. No row when the pool is unknown.
MATCH (p:ServicingPool {poolId: $poolId})
SET p += $properties, p.updatedAt = datetime(), p.updatedBy = $by
RETURN p.poolId AS poolId
