// Statistics of one servicing pool (BIAN Contact Routing analytics); no row when the pool is unknown.
// Live, at $now:
//   members by status; availableResources = AVAILABLE members with free capacity on at least one
//   channel (capacity<Channel> minus the PENDING and ACCEPTED allocations that OCCUPIES them on that
//   channel, from any pool); the queue = QUEUED allocations QUEUED_IN the pool, counted per priority
//   (highest first), and the earliest requestedAt among them; offered = PENDING and active =
//   ACCEPTED allocations IN_POOL.
// Over the window [$from, $to), allocations IN_POOL, and allocations cancelled while QUEUED_IN the
// pool (never offered), whose createdAt falls in it, as they stand now:
//   accepted = those with acceptedAt (whatever came after); rejected, timedOut, completed,
//   cancelled by status; answerSeconds = acceptedAt - requestedAt (requestedAt is copied to
//   re-routes, so waiting before a re-route counts); abandoned = CANCELLED without acceptedAt;
//   threshold = the pool's serviceLevelSeconds (absent reads 20).
// Occupancy per member, over the window: the seconds spent on this pool's accepted allocations,
//   acceptedAt to endedAt (to $now while still ACCEPTED), clipped to [$from, $to); handled = the
//   allocations with some of that time in the window.
// In Neo4j Browser:
// :param poolId => 'POOL-SERVICING';
// :param now => datetime();
// :param from => datetime() - duration({hours: 24});
// :param to => datetime();
MATCH (p:ServicingPool {poolId: $poolId})
WITH p, coalesce(p.serviceLevelSeconds, 20) AS threshold, $to.epochMillis - $from.epochMillis AS windowMillis
WITH p, threshold, windowMillis, COLLECT {
  MATCH (r:ServicingResource)-[:MEMBER_OF]->(p)
  WITH r, [(r)<-[held:OCCUPIES]-(:Allocation) | held.channel] AS heldChannels
  OPTIONAL MATCH (a:Allocation)-[:ASSIGNED_TO]->(r)
  WHERE (a)-[:IN_POOL]->(p) AND a.acceptedAt < $to AND coalesce(a.endedAt, $now) > $from
  WITH r, heldChannels, a,
       CASE WHEN a.acceptedAt > $from THEN a.acceptedAt ELSE $from END AS busyFrom,
       CASE WHEN coalesce(a.endedAt, $now) < $to THEN coalesce(a.endedAt, $now) ELSE $to END AS busyTo
  WITH r, heldChannels, CASE WHEN a IS NOT NULL AND busyTo > busyFrom
                             THEN busyTo.epochMillis - busyFrom.epochMillis END AS busyMillis
  WITH r, heldChannels, coalesce(sum(busyMillis), 0) AS busyMillis, count(busyMillis) AS handled
  RETURN r {.resourceId, .name, .status, busyMillis, handled,
            freeCapacity: any(channel IN ['PHONE', 'CHAT', 'VIDEO', 'BRANCH', 'EMAIL']
                              WHERE coalesce(r['capacity' + left(channel, 1) + toLower(substring(channel, 1))], 0)
                                    > size([held IN heldChannels WHERE held = channel]))} AS member
  ORDER BY member.resourceId
} AS members
WITH p, threshold, windowMillis, members, COLLECT {
  MATCH (q:Allocation)-[:QUEUED_IN]->(p)
  WHERE q.status = 'QUEUED'
  WITH q.priority AS priority, count(q) AS contacts
  RETURN {priority: priority, contacts: contacts} AS level
  ORDER BY level.priority DESC
} AS queue
CALL (p, threshold) {
  OPTIONAL CALL (p) {
    MATCH (a:Allocation)-[:IN_POOL]->(p)
    WHERE $from <= a.createdAt < $to
    RETURN a
    UNION
    // Abandoned while queued here: never offered, so never IN_POOL anywhere.
    MATCH (a:Allocation {status: 'CANCELLED'})-[:QUEUED_IN]->(p)
    WHERE $from <= a.createdAt < $to AND NOT EXISTS { (a)-[:IN_POOL]->() }
    RETURN a
  }
  WITH a, CASE WHEN a.acceptedAt IS NOT NULL
               THEN (a.acceptedAt.epochMillis - a.requestedAt.epochMillis) / 1000.0 END AS answerSeconds
  RETURN count(a) AS allocations, count(answerSeconds) AS accepted,
         count(CASE WHEN a.status = 'REJECTED' THEN a END) AS rejected,
         count(CASE WHEN a.status = 'TIMED_OUT' THEN a END) AS timedOut,
         count(CASE WHEN a.status = 'COMPLETED' THEN a END) AS completed,
         count(CASE WHEN a.status = 'CANCELLED' THEN a END) AS cancelled,
         count(CASE WHEN a.status = 'CANCELLED' AND a.acceptedAt IS NULL THEN a END) AS abandoned,
         count(CASE WHEN answerSeconds <= threshold THEN a END) AS answeredInTime,
         avg(answerSeconds) AS averageAnswerSeconds
}
WITH p, threshold, windowMillis, members, queue, allocations, accepted, rejected, timedOut, completed, cancelled,
     abandoned, answeredInTime, averageAnswerSeconds,
     COLLECT { MATCH (q:Allocation)-[:QUEUED_IN]->(p) WHERE q.status = 'QUEUED'
               RETURN q.requestedAt ORDER BY q.requestedAt LIMIT 1 }[0] AS earliestQueued
RETURN p {.poolId, .name,
  live: {
    members: size(members),
    availableResources: size([m IN members WHERE m.status = 'AVAILABLE' AND m.freeCapacity]),
    membersByStatus: [status IN ['AVAILABLE', 'BUSY', 'WRAP_UP', 'AWAY', 'OFFLINE'] |
                      {status: status, count: size([m IN members WHERE m.status = status])}],
    queued: reduce(total = 0, level IN queue | total + level.contacts),
    queuedByPriority: queue,
    longestWaitSeconds: ($now.epochMillis - earliestQueued.epochMillis) / 1000,
    offered: COUNT { (o:Allocation)-[:IN_POOL]->(p) WHERE o.status = 'PENDING' },
    active: COUNT { (o:Allocation)-[:IN_POOL]->(p) WHERE o.status = 'ACCEPTED' }
  },
  window: {
    seconds: windowMillis / 1000.0,
    allocations: allocations, accepted: accepted, rejected: rejected, timedOut: timedOut,
    completed: completed, cancelled: cancelled, abandoned: abandoned,
    averageSpeedOfAnswerSeconds: round(averageAnswerSeconds, 1),
    serviceLevelSeconds: threshold, answeredWithinServiceLevel: answeredInTime,
    serviceLevel: CASE WHEN accepted + abandoned > 0 THEN round(toFloat(answeredInTime) / (accepted + abandoned), 4) END,
    acceptanceRate: CASE WHEN accepted + rejected + timedOut > 0
                         THEN round(toFloat(accepted) / (accepted + rejected + timedOut), 4) END,
    occupancy: [m IN members | {resourceId: m.resourceId, name: m.name, handled: m.handled,
                                busySeconds: m.busyMillis / 1000.0,
                                occupancy: round(toFloat(m.busyMillis) / windowMillis, 4)}]
  }
} AS statistics
