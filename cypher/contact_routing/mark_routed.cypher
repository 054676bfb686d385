// A queued contact routed again in vain (nobody with free capacity qualified): when, so the queue's
// servers look at it again only after a resource changed since, or once it is due for a revisit
// (servable_queued_contacts.cypher). Runs under the allocation's lock (lock_allocation).
// :param allocationId => 'AL-example';
// :param now => datetime();
MATCH (a:Allocation {allocationId: $allocationId, status: 'QUEUED'})
SET a.routedAt = $now
