// Creates the ServicingPool nodes that routing allocates contacts from, with their strategy
// and timeouts.
UNWIND $rows AS row
MERGE (pool:ServicingPool {poolId: row.poolId})
SET pool.name = row.name, pool.purpose = row.purpose, pool.strategy = row.strategy,
    pool.offerTimeoutSeconds = row.offerTimeoutSeconds, pool.serviceLevelSeconds = row.serviceLevelSeconds
