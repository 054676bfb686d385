// Queued contacts someone could take now, in queue order: highest priority first, then longest
// waiting (requestedAt, then allocationId): those waiting in a pool with an AVAILABLE member that
// has free capacity on the contact's channel, speaks the contact's language and never declined
// it, or whose customer's RM is such a resource. With $resourceId, only those that resource could
// take (it just freed capacity). $examined: those the caller has looked at already. A candidate
// list, not a decision (skills are left to routing): each is routed in turn with the full rules.
// :param resourceId => null;
// :param examined => [];
// :param limit => 10;
MATCH (a:Allocation {status: 'QUEUED'})
WHERE NOT a.allocationId IN $examined
// Contacts waiting for the same seats (pools, channel, language, declined resources) are checked
// once together: a burst queues hundreds for one full pool, and checking each contact's pools
// member by member made every dispatcher pass cost as much as the queue is long.
WITH a, COLLECT { MATCH (a)-[:QUEUED_IN]->(p:ServicingPool) RETURN p.poolId AS poolId ORDER BY poolId } AS poolIds
WITH poolIds, a.channel AS channel, a.language AS language, coalesce(a.excludedResourceIds, []) AS excluded,
     collect(a) AS waiting
WITH waiting, channel, language, excluded, EXISTS {
  MATCH (p:ServicingPool)<-[:MEMBER_OF]-(r:ServicingResource {status: 'AVAILABLE'})
  WHERE p.poolId IN poolIds
    AND ($resourceId IS NULL OR r.resourceId = $resourceId)
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
    AND (a.language IS NULL OR a.language IN coalesce(r.languages, []))
    AND NOT r.resourceId IN coalesce(a.excludedResourceIds, [])
    AND coalesce(r['capacity' + substring(a.channel, 0, 1) + toLower(substring(a.channel, 1))], 0)
        > count { (r)<-[:OCCUPIES {channel: a.channel}]-(:Allocation) }
}
RETURN a.allocationId AS allocationId
ORDER BY a.priority DESC, a.requestedAt, a.allocationId
LIMIT $limit
