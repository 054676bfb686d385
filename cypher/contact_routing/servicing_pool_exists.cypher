// Whether a servicing pool exists: one row when it does, none when it does not
// (a subscription to its activity checks this once, when it starts).
// :param poolId => 'POOL-SALES';
MATCH (p:ServicingPool {poolId: $poolId})
RETURN p.poolId AS poolId
