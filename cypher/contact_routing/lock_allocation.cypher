// Write-locks an allocation (setting and removing a property) and returns what a lifecycle step
// checks and what re-routing needs, read under the lock. No row when the allocation is unknown.
// :param allocationId => 'AL-example';
MATCH (a:Allocation {allocationId: $allocationId})
SET a.locked = true
REMOVE a.locked
RETURN a {.*, resourceId: [(a)-[:ASSIGNED_TO]->(r:ServicingResource) | r.resourceId][0],
       successorId: [(next:Allocation)-[:REROUTED_FROM]->(a) | next.allocationId][0]} AS allocation
