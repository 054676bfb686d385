// The allocations made from a pool (BIAN: the pool's assignments), newest first, at most $first.
// :param poolId => 'POOL-SALES';
// :param first => 50;
MATCH (a:Allocation)-[:IN_POOL]->(:ServicingPool {poolId: $poolId})
RETURN a {.allocationId, .status, .requestedAt,
          customerId: [(a)-[:FOR_CUSTOMER]->(c:Customer) | c.customerId][0],
          resourceId: [(a)-[:ASSIGNED_TO]->(r:ServicingResource) | r.resourceId][0]} AS assignment
ORDER BY a.requestedAt DESC, a.allocationId DESC
LIMIT $first
