// The incidents of the plan $incidents.planId, each shaped as RelationshipIncident needs it: its
// properties, assignee, plan, customer, age in days (to its closing, or to now), and the product or
// service activity it CONCERNS (events, allocations, products; whether the customer holds a
// product). Only $incidents.incidentId when not null; only the statuses $incidents.statuses when
// not null. Highest priority first, then oldest first.
// In Neo4j Browser:
// :param incidents => ({planId: 'RP-C0000001', incidentId: null, statuses: ['OPEN', 'IN_PROGRESS']});
MATCH (c:Customer)-[:HAS_PLAN]->(plan:RelationshipPlan {planId: $incidents.planId})-[:HAS_INCIDENT]->(i:Incident)
WHERE ($incidents.incidentId IS NULL OR i.incidentId = $incidents.incidentId)
  AND ($incidents.statuses IS NULL OR i.status IN $incidents.statuses)
RETURN i {
  .*,
  ageDays: duration.inDays(i.createdAt, coalesce(i.closedAt, datetime())).days,
  assignee: [(i)-[:ASSIGNED_TO]->(r:ServicingResource) | r {.resourceId, .name}][0],
  plan: plan {.planId, .status, .planType},
  customer: c {.customerId, .name},
  activity: [(i)-[:CONCERNS]->(x) WHERE x:Event OR x:Allocation OR x:Product |
    CASE
      WHEN x:Event THEN {kind: 'EVENT', id: x.eventId, type: x.type, at: x.occurredAt, status: x.result,
                         description: x.record, heldByCustomer: null}
      WHEN x:Allocation THEN {kind: 'ALLOCATION', id: x.allocationId,
                              type: coalesce(x.channel, '') + coalesce(' ' + x.purpose, ''), at: x.requestedAt,
                              status: x.status, description: null, heldByCustomer: null}
      ELSE {kind: 'PRODUCT', id: x.productId, type: x.family, at: null,
            status: [(c)-[h:HOLDS]->(x) | h.status][0], description: x.name,
            heldByCustomer: EXISTS { (c)-[:HOLDS]->(x) }}
    END]
} AS incident
ORDER BY i.priority DESC, i.createdAt ASC, i.incidentId ASC
