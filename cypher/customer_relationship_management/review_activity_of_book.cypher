// The activity-trend review of the book of the servicing resource $review.resourceId: for each
// customer it MANAGES or covers (BACKUP_FOR their RM), the events of the $review.categories in the
// $review.days days before $review.at (recent window) against the $review.days before that
// (earlier window). Flagged: at least $review.minimumEarlierEvents earlier events and a drop of at
// least $review.minimumDropPercent percent. For each flagged customer, its open plan
// ($review.openPlanStatuses; null if none), the possible internal causes (open incidents of its
// plans; in the recent window, PRODUCT_PROCESSING events with a result in $review.failedResults,
// SERVICING events with a result in $review.servicingResults, and its allocations that ended
// with a status in $review.endedAllocationStatuses) and external ones (LIFE events in either
// window), each oldest first. Flagged customers come steepest drop first.
// Events are read per customer by seeks of the event_customer_timeline index (customerId,
// occurredAt); the SEEK hints stop the planner from scanning the index when statistics are small.
// No row: no such resource.
// In Neo4j Browser:
// :param review => ({resourceId: 'R000001', at: datetime(), days: 90, minimumDropPercent: 25, minimumEarlierEvents: 3, categories: ['RELATIONSHIP', 'SALES', 'SERVICING', 'PRODUCT_PROCESSING', 'FRAUD', 'LIFE'], openPlanStatuses: ['DRAFT', 'VERIFIED', 'ACTIVE', 'SUSPENDED'], openIncidentStatuses: ['OPEN', 'IN_PROGRESS', 'ON_HOLD'], failedResults: ['FAILED', 'DECLINED'], servicingResults: ['ESCALATED', 'UNRESOLVED'], endedAllocationStatuses: ['REJECTED', 'TIMED_OUT', 'CANCELLED']});
MATCH (me:ServicingResource {resourceId: $review.resourceId})
WITH me, $review.at - duration({days: $review.days}) AS recentFrom,
     $review.at - duration({days: 2 * $review.days}) AS earlierFrom
CALL (me) {
  CALL (me) {
    MATCH (me)-[:MANAGES]->(c:Customer)
    RETURN c
    UNION
    MATCH (me)-[:BACKUP_FOR]->(:ServicingResource)-[:MANAGES]->(c:Customer)
    RETURN c
  }
  RETURN collect(c) AS book
}
CALL (book, recentFrom, earlierFrom) {
  UNWIND book AS c
  CALL (c, recentFrom, earlierFrom) {
    MATCH (e:Event)
    USING INDEX SEEK e:Event(customerId, occurredAt)
    WHERE e.customerId = c.customerId AND e.occurredAt >= earlierFrom AND e.occurredAt < $review.at
      AND e.category IN $review.categories
    RETURN count(CASE WHEN e.occurredAt >= recentFrom THEN 1 END) AS recent,
           count(CASE WHEN e.occurredAt < recentFrom THEN 1 END) AS earlier
  }
  WITH c, recent, earlier
  WHERE earlier >= $review.minimumEarlierEvents AND (earlier - recent) * 100 >= $review.minimumDropPercent * earlier
  CALL (c, recentFrom) {
    CALL (c, recentFrom) {
      MATCH (c)-[:HAS_PLAN]->(p:RelationshipPlan)-[:HAS_INCIDENT]->(i:Incident)
      WHERE i.status IN $review.openIncidentStatuses
      RETURN {kind: 'OPEN_INCIDENT', reference: i.incidentId, type: i.incidentType, at: i.createdAt,
              status: i.status, priority: i.priority} AS cause
      UNION ALL
      MATCH (e:Event)
      USING INDEX SEEK e:Event(customerId, occurredAt)
      WHERE e.customerId = c.customerId AND e.occurredAt >= recentFrom AND e.occurredAt < $review.at
        AND ((e.category = 'PRODUCT_PROCESSING' AND e.result IN $review.failedResults)
          OR (e.category = 'SERVICING' AND e.result IN $review.servicingResults))
      RETURN {kind: CASE e.category WHEN 'SERVICING' THEN 'SERVICING_OUTCOME' ELSE 'FAILED_PRODUCT_EVENT' END,
              reference: e.eventId, type: e.type, at: e.occurredAt, result: e.result, record: e.record} AS cause
      UNION ALL
      MATCH (c)<-[:FOR_CUSTOMER]-(a:Allocation)
      WHERE a.status IN $review.endedAllocationStatuses AND a.endedAt >= recentFrom AND a.endedAt < $review.at
      RETURN {kind: 'SERVICING_OUTCOME', source: 'ALLOCATION', reference: a.allocationId, type: a.status, at: a.endedAt,
              channel: a.channel, purpose: a.purpose, reason: a.endReason} AS cause
    }
    WITH cause ORDER BY cause.at, cause.reference
    RETURN collect(cause) AS internalCauses
  }
  CALL (c, earlierFrom) {
    MATCH (e:Event)
    USING INDEX SEEK e:Event(customerId, occurredAt)
    WHERE e.customerId = c.customerId AND e.occurredAt >= earlierFrom AND e.occurredAt < $review.at
      AND e.category = 'LIFE'
    WITH e ORDER BY e.occurredAt, e.eventId
    RETURN collect({kind: 'LIFE_EVENT', reference: e.eventId, type: e.type, at: e.occurredAt,
                    record: e.record}) AS externalCauses
  }
  WITH c, recent, earlier, internalCauses, externalCauses
  ORDER BY toFloat(recent - earlier) / earlier, c.customerId
  RETURN collect(c {.customerId, .name, .segment, recent: recent, earlier: earlier,
           plan: COLLECT {
             MATCH (c)-[:HAS_PLAN]->(p:RelationshipPlan)
             WHERE p.status IN $review.openPlanStatuses
             RETURN p {.planId, .status, .reviewDue} LIMIT 1
           }[0],
           internalCauses: internalCauses, externalCauses: externalCauses}) AS flagged
}
RETURN me {.resourceId, .name, .kind} AS resource, recentFrom, earlierFrom, size(book) AS customersReviewed, flagged
