// Records a routing outcome: offers the contact to $resourceId (PENDING, holding one unit of its
// capacity on the channel; the offer lapses after the pool's offerTimeoutSeconds) or queues it
// (QUEUED in $waitingPoolIds; the links stay as a record of where it waited). A new contact or a
// re-route creates the allocation from $contact; a queued allocation being served is the same
// node, moved from QUEUED to PENDING.
// Runs after lock_candidates in the same transaction.
// :param allocationId => 'AL-example';
// :param contact => ({contactId: 'AL-example', customerId: 'C0000001', channel: 'PHONE', language: 'en', requestedAt: datetime(), requestedPriority: 0, requestedBy: 'browser', excludedResourceIds: []});
// :param customerId => 'C0000001';
// :param priority => 0;
// :param now => datetime();
// :param by => 'browser';
// :param resourceId => 'R000011';
// :param poolId => 'POOL-SERVICING';
// :param waitingPoolIds => [];
// :param queueReason => null;
// :param preference => 'QUALIFIED';
// :param score => 1000000;
// :param explanation => null;
// :param reroutedFromId => null;
// :param lockPoolIds => ['POOL-SERVICING'];
MATCH (c:Customer {customerId: $customerId})
// Write-lock the pools it will link to first, in poolId order ($lockPoolIds): a busy pool is a
// dense node, and concurrent transactions adding relationships to it without this would deadlock
// on its relationship groups.
CALL (c) {
  UNWIND $lockPoolIds AS poolId
  MATCH (p:ServicingPool {poolId: poolId})
  SET p.locked = true
  REMOVE p.locked
}
MERGE (a:Allocation {allocationId: $allocationId})
  ON CREATE SET a += $contact, a.createdAt = $now
SET a.status = CASE WHEN $resourceId IS NULL THEN 'QUEUED' ELSE 'PENDING' END,
    a.priority = $priority, a.updatedAt = $now, a.updatedBy = $by, a.routedAt = $now,
    a.queueReason = $queueReason, a.preference = $preference, a.score = $score, a.explanation = $explanation
MERGE (a)-[:FOR_CUSTOMER]->(c)
WITH a
CALL (a) {
  UNWIND $waitingPoolIds AS poolId
  MATCH (p:ServicingPool {poolId: poolId})
  MERGE (a)-[:QUEUED_IN]->(p)
}
CALL (a) {
  MATCH (r:ServicingResource {resourceId: $resourceId})
  OPTIONAL MATCH (p:ServicingPool {poolId: $poolId})
  CREATE (a)-[:ASSIGNED_TO]->(r)
  CREATE (a)-[:OCCUPIES {channel: a.channel}]->(r)
  FOREACH (pool IN CASE WHEN p IS NULL THEN [] ELSE [p] END | CREATE (a)-[:IN_POOL]->(pool))
  SET r.lastAllocatedAt = $now,
      a.offeredAt = $now,
      a.offerExpiresAt = $now + duration({seconds: coalesce(p.offerTimeoutSeconds, 30)})
}
CALL (a) {
  MATCH (previous:Allocation {allocationId: $reroutedFromId})
  MERGE (a)-[:REROUTED_FROM]->(previous)
}
RETURN a.allocationId AS allocationId, a.status AS status, a.offerExpiresAt AS offerExpiresAt
