// Queued contacts someone could take now, in queue order: highest priority first, then longest
// waiting (requestedAt, then allocationId): those waiting in a pool with an AVAILABLE member that
// has free capacity on the contact's channel, speaks the contact's language and never declined
// it, or whose customer's RM is such a resource. With $resourceId, only those that resource could
// take (it just freed capacity). $examined: those the caller has looked at already. A candidate
// list, not a decision (skills are left to routing): each is routed in turn with the full rules.
// A contact routed in vain (nobody qualified) is looked at again only once such a resource changed
// after that routing (its status set, its profile updated, capacity freed: statusSince, updatedAt,
// freedAt after the contact's routedAt), or once its last routing is older than $revisitBefore
// (what no resource's stamp shows: an indicator coming into force, a new RM, an edit in Neo4j
// Browser). Without it every dispatcher pass routed the same unservable contacts again.
// :param resourceId => null;
// :param examined => [];
// :param limit => 10;
// :param revisitBefore => datetime() - duration({seconds: 30});
MATCH (a:Allocation {status: 'QUEUED'})
WHERE NOT a.allocationId IN $examined
// Contacts waiting for the same seats (pools, channel, language, declined resources) are checked
// once together: a burst queues hundreds for one full pool, and checking each contact's pools
// member by member made every dispatcher pass cost as much as the queue is long.
WITH a, COLLECT { MATCH (a)-[:QUEUED_IN]->(p:ServicingPool) RETURN p.poolId AS poolId ORDER BY poolId } AS poolIds
WITH poolIds, a.channel AS channel, a.language AS language, coalesce(a.excludedResourceIds, []) AS excluded,
     collect(a) AS waiting, min(a.routedAt) AS routedSince,
     // Never routed (queued before routedAt was kept) or due for a revisit: any resource will do.
     max(CASE WHEN a.routedAt IS NULL OR a.routedAt < $revisitBefore THEN 1 ELSE 0 END) = 1 AS due
WITH waiting, channel, language, excluded, EXISTS {
  MATCH (p:ServicingPool)<-[:MEMBER_OF]-(r:ServicingResource {status: 'AVAILABLE'})
  WHERE p.poolId IN poolIds
    AND ($resourceId IS NULL OR r.resourceId = $resourceId)
    AND (due OR r.statusSince > routedSince OR r.updatedAt > routedSince OR r.freedAt > routedSince)
    AND (language IS NULL OR language IN coalesce(r.languages, []))
    AND NOT r.resourceId IN excluded
    AND coalesce(r['capacity' + substring(channel, 0, 1) + toLower(substring(channel, 1))], 0)
        > count { (r)<-[:OCCUPIES {channel: channel}]-(:Allocation) }
} AS aPoolServes
UNWIND waiting AS a
WITH a, aPoolServes
WHERE aPoolServes OR EXISTS {
  MATCH (a)-[:FOR_CUSTOMER]->(:Customer)<-[:MANAGES]-(r:ServicingResource {status: 'AVAILABLE'})
  WHERE ($resourceId IS NULL OR r.resourceId = $resourceId)
    AND (a.routedAt IS NULL OR a.routedAt < $revisitBefore
         OR r.statusSince > a.routedAt OR r.updatedAt > a.routedAt OR r.freedAt > a.routedAt)
    AND (a.language IS NULL OR a.language IN coalesce(r.languages, []))
    AND NOT r.resourceId IN coalesce(a.excludedResourceIds, [])
    AND coalesce(r['capacity' + substring(a.channel, 0, 1) + toLower(substring(a.channel, 1))], 0)
        > count { (r)<-[:OCCUPIES {channel: a.channel}]-(:Allocation) }
}
RETURN a.allocationId AS allocationId
ORDER BY a.priority DESC, a.requestedAt, a.allocationId
LIMIT $limit
