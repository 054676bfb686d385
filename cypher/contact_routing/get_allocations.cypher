// Allocations by id, as the Allocation type reads them: the node's properties, its customer,
// resource and pools, and the attempts before and after it. Unknown ids give no row. An allocation
// written outside contact routing (Browser, imports) may lack its priorities and bookkeeping: their
// defaults are here (docs/graph-model.md, Allocation).
// :param allocationIds => ['AL-example'];
UNWIND $allocationIds AS allocationId
MATCH (a:Allocation {allocationId: allocationId})
RETURN allocationId,
       a {.*, fingerprint: null,
          requestedPriority: coalesce(a.requestedPriority, 0),
          priority: coalesce(a.priority, a.requestedPriority, 0),
          createdAt: coalesce(a.createdAt, a.requestedAt),
          updatedAt: coalesce(a.updatedAt, a.createdAt, a.requestedAt),
          requestedBy: coalesce(a.requestedBy, 'unknown'),
          updatedBy: coalesce(a.updatedBy, a.requestedBy, 'unknown'),
          resource: [(a)-[:ASSIGNED_TO]->(r:ServicingResource) | r {.resourceId, .name, .kind}][0],
          pool: [(a)-[:IN_POOL]->(p:ServicingPool) | p {.poolId, .name, .purpose, .strategy}][0],
          queuedInPoolIds: COLLECT { MATCH (a)-[:QUEUED_IN]->(p:ServicingPool) RETURN p.poolId ORDER BY p.poolId },
          reroutedFromId: [(a)-[:REROUTED_FROM]->(previous:Allocation) | previous.allocationId][0],
          reroutedToId: [(next:Allocation)-[:REROUTED_FROM]->(a) | next.allocationId][0]} AS allocation
