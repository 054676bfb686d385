// The live routing feed's one poll: allocations changed (updatedAt) and servicing resources whose
// status changed (statusSince) after $since, oldest first and at most $limit, with the server's
// clock (now) for the next cursor. An allocation row carries what its subscribers filter on: the
// resource it is ASSIGNED_TO, the pool it is IN_POOL and the pools it QUEUED_IN; a resource row
// carries the pools it is a MEMBER_OF. Both reads use a range index (allocation_updated_at,
// servicing_resource_status_since).
// :param since => datetime() - duration('PT5S');
// :param limit => 2000;
CALL () {
  MATCH (a:Allocation)
  WHERE a.updatedAt > $since
  RETURN a.updatedAt AS at, 'ALLOCATION' AS kind,
         a {.allocationId, .contactId, .customerId, .status, .channel, .priority, .requestedAt, .offerExpiresAt,
            .updatedAt,
            resourceId: head([(a)-[:ASSIGNED_TO]->(r:ServicingResource) | r.resourceId]),
            poolId: head([(a)-[:IN_POOL]->(p:ServicingPool) | p.poolId]),
            queuedInPoolIds: [(a)-[:QUEUED_IN]->(p:ServicingPool) | p.poolId]} AS row
  UNION ALL
  MATCH (r:ServicingResource)
  WHERE r.statusSince > $since
  RETURN r.statusSince AS at, 'RESOURCE_STATUS' AS kind,
         r {.resourceId, .status, .statusSince, poolIds: [(r)-[:MEMBER_OF]->(p:ServicingPool) | p.poolId]} AS row
}
WITH at, kind, row
ORDER BY at
LIMIT $limit
// Collect first: with datetime() beside it, the aggregation would group by it and return no row
// at all when nothing changed.
WITH collect({at: at, kind: kind, row: row}) AS changes
RETURN datetime() AS now, changes
