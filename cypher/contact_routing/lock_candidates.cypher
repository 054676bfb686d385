// Write-locks the resources routing ranked (setting and removing a property), in the order given
// (the caller sorts by resourceId, so concurrent transactions lock in one order and never
// deadlock), then reads each one's status and free capacity on the channel under its lock: a
// concurrent allocation to it has committed or waits, so the capacity read here is the capacity
// the transaction may take. Unknown resources give no row.
// :param resourceIds => ['R000002', 'R000011'];
// :param channel => 'PHONE';
UNWIND $resourceIds AS resourceId
MATCH (r:ServicingResource {resourceId: resourceId})
SET r.locked = true
REMOVE r.locked
WITH r, coalesce(r['capacity' + substring($channel, 0, 1) + toLower(substring($channel, 1))], 0) AS capacity
RETURN r.resourceId AS resourceId, r.status AS status,
       capacity - count { (r)<-[:OCCUPIES {channel: $channel}]-(:Allocation) } AS freeCapacity
