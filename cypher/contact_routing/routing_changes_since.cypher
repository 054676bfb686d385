// The live routing feed's one poll: allocations changed (updatedAt) and servicing resources whose
// status changed (statusSince) after $since, oldest first and at most $limit, with the server's
// clock (now) for the next sweep's start. Both reads use a range index (allocation_updated_at,
// servicing_resource_status_since).
//
// A poll re-reads its whole window (docs/contact-routing.md), most of it delivered already, so
// every change comes as a key only (changes: kind, elementId, stamp in epoch nanoseconds), and
// as a whole row (rows) only when stamped after $fresh or when the poller asks for its node
// ($wanted: a late commit it found in the previous poll). An allocation row carries what its
// subscribers filter on: the resource it is ASSIGNED_TO, the pool it is IN_POOL and the pools it
// QUEUED_IN; a resource row carries the pools it is a MEMBER_OF.
// :param since => datetime() - duration('PT40S');
// :param fresh => datetime() - duration('PT1S');
// :param wanted => [];
// :param limit => 2000;
CALL () {
  MATCH (a:Allocation)
  WHERE a.updatedAt > $since
  RETURN a.updatedAt AS at, 'ALLOCATION' AS kind, a AS node
  UNION ALL
  MATCH (r:ServicingResource)
  WHERE r.statusSince > $since
  RETURN r.statusSince AS at, 'RESOURCE_STATUS' AS kind, r AS node
}
WITH at, kind, node
ORDER BY at
LIMIT $limit
WITH at, kind, node, elementId(node) AS id, at.epochSeconds * 1000000000 + at.nanosecond AS nanos
WITH at, kind, id, nanos,
     CASE
       WHEN NOT (at > $fresh OR id IN $wanted) THEN null
       WHEN kind = 'ALLOCATION' THEN
         node {.allocationId, .contactId, .customerId, .status, .channel, .priority, .requestedAt, .offerExpiresAt,
               .updatedAt,
               resourceId: head([(node)-[:ASSIGNED_TO]->(r:ServicingResource) | r.resourceId]),
               poolId: head([(node)-[:IN_POOL]->(p:ServicingPool) | p.poolId]),
               queuedInPoolIds: [(node)-[:QUEUED_IN]->(p:ServicingPool) | p.poolId]}
       ELSE node {.resourceId, .status, .statusSince, poolIds: [(node)-[:MEMBER_OF]->(p:ServicingPool) | p.poolId]}
     END AS row
// Collect first: with datetime() beside it, the aggregation would group by it and return no row
// at all when nothing changed. collect() leaves out the nulls: the changes sent as keys only.
WITH collect([kind, id, nanos]) AS changes,
     collect(CASE WHEN row IS NOT NULL THEN {kind: kind, id: id, nanos: nanos, at: at, row: row} END) AS rows
RETURN datetime() AS now, changes, rows
