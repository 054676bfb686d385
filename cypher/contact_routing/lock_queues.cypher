// Write-locks the queues a transaction is about to serve, in poolId order (as record_allocation
// locks pools, so they never deadlock on each other): the pools $resourceId is a MEMBER_OF (it
// just freed capacity), or every pool when $resourceId is null (the dispatcher). Serving one
// queue is then one transaction after another, and each reads the queue after the previous one
// committed: its head is really waiting, not being served by a transaction still open.
// :param resourceId => 'R000011';
MATCH (p:ServicingPool)
WHERE $resourceId IS NULL OR EXISTS { (p)<-[:MEMBER_OF]-(:ServicingResource {resourceId: $resourceId}) }
WITH p ORDER BY p.poolId
SET p.locked = true
REMOVE p.locked
RETURN count(p) AS pools
