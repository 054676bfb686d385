// Creates the ServicingPool nodes that routing allocates contacts from, with their strategy
// and timeouts.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{poolId: 'POOL-SERVICING', name: 'General servicing', purpose: 'SERVICING', strategy: 'LONGEST_IDLE', offerTimeoutSeconds: 30, serviceLevelSeconds: 20}];
UNWIND $rows AS row
MERGE (pool:ServicingPool {poolId: row.poolId})
SET pool.name = row.name, pool.purpose = row.purpose, pool.strategy = row.strategy,
    pool.offerTimeoutSeconds = row.offerTimeoutSeconds, pool.serviceLevelSeconds = row.serviceLevelSeconds
