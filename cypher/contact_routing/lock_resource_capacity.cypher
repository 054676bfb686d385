// Write-locks the resource routing chose (setting and removing a property), then reads its status
// and free capacity on the channel under the lock: a concurrent allocation to it has committed or
// waits, so the capacity checked here is the capacity allocated. No row when the resource is unknown.
// :param resourceId => 'R000011';
// :param channel => 'PHONE';
MATCH (r:ServicingResource {resourceId: $resourceId})
SET r.locked = true
REMOVE r.locked
WITH r, coalesce(r['capacity' + substring($channel, 0, 1) + toLower(substring($channel, 1))], 0) AS capacity
RETURN r.status AS status,
       capacity - count { (a:Allocation)-[:ASSIGNED_TO]->(r) WHERE a.channel = $channel
                                                                AND a.status IN ['PENDING', 'ACCEPTED'] } AS freeCapacity
