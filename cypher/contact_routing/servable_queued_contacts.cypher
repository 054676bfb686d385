// Queued contacts someone could take now, in queue order: highest priority first, then longest
// waiting (requestedAt, then allocationId): those waiting in a pool with an AVAILABLE member that
// has free capacity on the contact's channel, speaks the contact's language and never declined
// it, or whose customer's RM is such a resource. With $resourceId, only those that resource could
// take (it just freed capacity). $examined: those the caller has looked at already. A candidate
// list, not a decision (skills are left to routing): each is routed in turn with the full rules.
// A contact routed in vain (nobody qualified) is looked at again only once such a resource changed
// after that routing (its status set, its profile updated, capacity freed: statusSince, updatedAt,
// freedAt later than the contact's routedAt less $settle, since a transaction that freed capacity
// commits some time after it stamped freedAt, and a routing meanwhile saw the capacity taken), or
// once its last routing is older than $revisitBefore (what no resource's stamp shows: an indicator
// coming into force, a new RM, an edit in Neo4j Browser). Without it every dispatcher pass routed
// the same unservable contacts again.
// :param resourceId => null;
// :param examined => [];
// :param limit => 10;
// :param revisitBefore => datetime() - duration({seconds: 30});
// :param settle => duration({seconds: 5});
MATCH (a:Allocation {status: 'QUEUED'})
WHERE NOT a.allocationId IN $examined
// Contacts waiting for the same seats (pools, channel, language, declined resources) are checked
// once together: a burst queues hundreds for one full pool.
WITH a, COLLECT { MATCH (a)-[:QUEUED_IN]->(p:ServicingPool) RETURN p.poolId AS poolId ORDER BY poolId } AS poolIds
WITH poolIds, a.channel AS channel, a.language AS language, coalesce(a.excludedResourceIds, []) AS excluded,
     collect(a) AS waiting, min(a.routedAt) AS routedSince,
     // Never routed (queued before routedAt was kept) or due for a revisit: any resource will do.
     max(CASE WHEN a.routedAt IS NULL OR a.routedAt < $revisitBefore THEN 1 ELSE 0 END) = 1 AS due
WITH collect({poolIds: poolIds, channel: channel, language: language, excluded: excluded, waiting: waiting,
              routedSince: routedSince, due: due}) AS groups
WHERE groups <> []
// Only resources that changed after the oldest routing can serve anyone, unless a contact is due.
WITH groups, CASE WHEN any(g IN groups WHERE g.due) THEN null
                  ELSE reduce(oldest = null, g IN groups | CASE WHEN g.routedSince < oldest OR oldest IS NULL
                                                                THEN g.routedSince ELSE oldest END) END AS changedSince
// The free seats, read once, not once per group and member: each AVAILABLE resource ($resourceId:
// that one only) with free capacity on some channel (capacity<Channel> above the allocations that
// OCCUPIES it there), its pools, its languages and when it last changed.
CALL (changedSince) {
  CALL () {
    MATCH (r:ServicingResource {resourceId: $resourceId})
    WHERE r.status = 'AVAILABLE'
    RETURN r
    UNION
    MATCH (r:ServicingResource {status: 'AVAILABLE'})
    WHERE $resourceId IS NULL
    RETURN r
  }
  WITH r, reduce(latest = null, t IN [r.statusSince, r.updatedAt, r.freedAt]
                 | CASE WHEN t > latest OR latest IS NULL THEN t ELSE latest END) AS changedAt
  WHERE changedSince IS NULL OR changedAt + $settle > changedSince
  WITH r, changedAt, [(r)<-[held:OCCUPIES]-(:Allocation) | held.channel] AS held
  WITH r, changedAt, [channel IN ['PHONE', 'CHAT', 'VIDEO', 'BRANCH', 'EMAIL']
           WHERE coalesce(r['capacity' + substring(channel, 0, 1) + toLower(substring(channel, 1))], 0)
                 > size([h IN held WHERE h = channel])] AS free
  WHERE free <> []
  RETURN collect({resourceId: r.resourceId, free: free, languages: coalesce(r.languages, []),
                  pools: [(r)-[:MEMBER_OF]->(p:ServicingPool) | p.poolId],
                  changedAt: changedAt}) AS seats
}
UNWIND groups AS g
WITH seats, g, any(s IN seats WHERE g.channel IN s.free AND any(p IN s.pools WHERE p IN g.poolIds)
                                   AND (g.language IS NULL OR g.language IN s.languages)
                                   AND NOT s.resourceId IN g.excluded
                                   AND (g.due OR s.changedAt + $settle > g.routedSince)) AS aPoolServes
UNWIND g.waiting AS a
WITH a, aPoolServes, seats,
     CASE WHEN aPoolServes THEN [] ELSE [(a)-[:FOR_CUSTOMER]->(:Customer)<-[:MANAGES]-(rm:ServicingResource) | rm.resourceId] END AS rms
WHERE aPoolServes OR any(s IN seats WHERE s.resourceId IN rms
                                     AND a.channel IN s.free
                                     AND (a.language IS NULL OR a.language IN s.languages)
                                     AND NOT s.resourceId IN coalesce(a.excludedResourceIds, [])
                                     AND (a.routedAt IS NULL OR a.routedAt < $revisitBefore OR s.changedAt + $settle > a.routedAt))
RETURN a.allocationId AS allocationId
ORDER BY a.priority DESC, a.requestedAt, a.allocationId
LIMIT $limit
