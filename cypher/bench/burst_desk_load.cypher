// make bench-routing BURST=...: the burst desk's resources, each with its PHONE capacity and the
// PENDING and ACCEPTED allocations it holds (more held than capacity is a broken capacity rule),
// and the ids of the desk's open allocations: the contacts QUEUED in its pool, and those holding a
// seat (PENDING or ACCEPTED on a desk resource). Empty lists before the desk is made.
// In Neo4j Browser: no parameters.
OPTIONAL MATCH (p:ServicingPool {poolId: 'POOL-BURST'})
RETURN [(p)<-[:MEMBER_OF]-(r:ServicingResource)
        | {resourceId: r.resourceId, capacity: r.capacityPhone,
           held: count { (r)<-[:ASSIGNED_TO]-(a:Allocation) WHERE a.status IN ['PENDING', 'ACCEPTED'] }}] AS members,
       COLLECT { MATCH (p)<-[:QUEUED_IN]-(a:Allocation {status: 'QUEUED'})
                 RETURN a.allocationId ORDER BY a.allocationId } AS queuedIds,
       COLLECT { MATCH (p)<-[:MEMBER_OF]-(:ServicingResource)<-[:ASSIGNED_TO]-(a:Allocation)
                 WHERE a.status IN ['PENDING', 'ACCEPTED']
                 RETURN a.allocationId ORDER BY a.allocationId } AS holdingIds
