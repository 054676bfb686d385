// A relationship manager's book, its make-up and performance (CRM analytics), for the servicing
// resource $performance.resourceId. Make-up now: the customers it MANAGES (the book measured here),
// how many it covers as BACKUP_FOR their RM, the managed ones by segment, kind and VALUE_TIER rating
// in force (null: none), the average of ACTIVE products held (2 decimals), and their plans by status.
// Performance from $performance.since to $performance.now: leads of the managed customers or OWNED_BY
// the resource closed WON or LOST (by closedAt), plan contacts HELD (by scheduledAt), incidents raised
// (createdAt) and resolved (resolvedAt) and the average days from raised to resolved of the latter
// (1 decimal); the attainment of the goals of the plans not in $performance.excludedPlanStatuses
// (ACHIEVED / (ACHIEVED + MISSED), whatever their date); and the book's events of the
// $performance.categories in the window (recent) against as long a window before it (earlier),
// read per customer by seeks of the event_customer_timeline index. No row: no such resource.
// In Neo4j Browser:
// :param performance => ({resourceId: 'R000001', now: datetime(), since: datetime() - duration({days: 90}), earlierFrom: datetime() - duration({days: 180}), categories: ['RELATIONSHIP', 'SALES', 'SERVICING', 'PRODUCT_PROCESSING', 'FRAUD', 'LIFE'], excludedPlanStatuses: ['REJECTED'], won: 'WON', lost: 'LOST', held: 'HELD'});
MATCH (me:ServicingResource {resourceId: $performance.resourceId})
CALL (me) {
  MATCH (me)-[:MANAGES]->(c:Customer)
  RETURN collect(c) AS customers
}
CALL (me) {
  MATCH (me)-[:BACKUP_FOR]->(:ServicingResource)-[:MANAGES]->(c:Customer)
  RETURN count(DISTINCT c) AS covered
}
CALL (customers) {
  UNWIND customers AS c
  WITH c.segment AS key, count(*) AS count ORDER BY key
  RETURN collect({key: key, count: count}) AS bySegment
}
CALL (customers) {
  UNWIND customers AS c
  WITH c.kind AS key, count(*) AS count ORDER BY key
  RETURN collect({key: key, count: count}) AS byKind
}
CALL (customers) {
  UNWIND customers AS c
  WITH COLLECT {
         MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(tier:Indicator)
         WHERE tier.type = 'VALUE_TIER' AND tier.validFrom <= $performance.now
           AND (tier.validTo IS NULL OR tier.validTo > $performance.now)
         WITH tier ORDER BY tier.validFrom DESC LIMIT 1
         RETURN tier.value
       }[0] AS key
  WITH key, count(*) AS count ORDER BY key
  RETURN collect({key: key, count: count}) AS byValueTier
}
CALL (customers) {
  UNWIND customers AS c
  RETURN round(avg(COUNT { (c)-[h:HOLDS]->(:Product) WHERE h.status = 'ACTIVE' }), 2) AS averageProductsHeld
}
CALL (customers) {
  UNWIND customers AS c
  MATCH (c)-[:HAS_PLAN]->(p:RelationshipPlan)
  WITH p.status AS key, count(*) AS count ORDER BY key
  RETURN collect({key: key, count: count}) AS plansByStatus
}
CALL (me, customers) {
  CALL (me, customers) {
    UNWIND customers AS c
    MATCH (c)-[:HAS_LEAD]->(l:Lead)
    RETURN l
    UNION
    MATCH (me)<-[:OWNED_BY]-(l:Lead)
    RETURN l
  }
  WITH l WHERE $performance.since <= l.closedAt < $performance.now
  RETURN count(CASE WHEN l.status = $performance.won THEN 1 END) AS leadsWon,
         count(CASE WHEN l.status = $performance.lost THEN 1 END) AS leadsLost
}
CALL (customers) {
  UNWIND customers AS c
  MATCH (c)-[:HAS_PLAN]->(:RelationshipPlan)-[:HAS_CONTACT]->(k:PlanContact)
  WHERE k.status = $performance.held AND $performance.since <= k.scheduledAt < $performance.now
  RETURN count(k) AS contactsHeld
}
CALL (customers) {
  UNWIND customers AS c
  MATCH (c)-[:HAS_PLAN]->(:RelationshipPlan)-[:HAS_INCIDENT]->(i:Incident)
  WITH i, $performance.since <= i.resolvedAt < $performance.now AS resolved
  RETURN count(CASE WHEN $performance.since <= i.createdAt < $performance.now THEN 1 END) AS incidentsOpened,
         count(CASE WHEN resolved THEN 1 END) AS incidentsResolved,
         round(avg(CASE WHEN resolved THEN duration.inSeconds(i.createdAt, i.resolvedAt).seconds / 86400.0 END), 1)
           AS averageResolutionDays
}
CALL (customers) {
  UNWIND customers AS c
  MATCH (c)-[:HAS_PLAN]->(p:RelationshipPlan)-[:HAS_GOAL]->(g:Goal)
  WHERE NOT p.status IN $performance.excludedPlanStatuses
  WITH count(CASE WHEN g.result = 'ACHIEVED' THEN 1 END) AS achieved,
       count(CASE WHEN g.result = 'MISSED' THEN 1 END) AS missed
  RETURN CASE WHEN achieved + missed = 0 THEN null ELSE round(toFloat(achieved) / (achieved + missed), 4) END
           AS goalAttainmentRate
}
CALL (customers) {
  UNWIND customers AS c
  CALL (c) {
    MATCH (e:Event)
    USING INDEX SEEK e:Event(customerId, occurredAt)
    WHERE e.customerId = c.customerId AND e.occurredAt >= $performance.earlierFrom
      AND e.occurredAt < $performance.now AND e.category IN $performance.categories
    RETURN count(CASE WHEN e.occurredAt >= $performance.since THEN 1 END) AS recent,
           count(CASE WHEN e.occurredAt < $performance.since THEN 1 END) AS earlier
  }
  RETURN sum(recent) AS recent, sum(earlier) AS earlier
}
RETURN me {.resourceId, .name, .kind} AS resource, size(customers) AS customers, covered, bySegment, byKind, byValueTier, averageProductsHeld, plansByStatus,
       leadsWon, leadsLost, contactsHeld, incidentsOpened, incidentsResolved, averageResolutionDays,
       goalAttainmentRate, recent, earlier
