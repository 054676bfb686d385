// Whose book each customer is in, and whether the servicing resource $resourceId may reach it:
// THE object-level rule for relationship managers (gateway/security/book.py). Each of $accesses
// names a customer directly (customerId) or through one object it owns: a relationship plan, lead,
// lead development, event, event log, routing profile (partyStateId), indicator or allocation; its
// other keys are null. The resource reaches the customer when it MANAGES it, is BACKUP_FOR the RM
// who does, currently serves it through an allocation offered to it (PENDING or ACCEPTED), or owns
// one of its open leads (the statuses of OPEN_STATUSES in resolvers/lead_and_opportunity_management).
// A null $resourceId: a principal who sees every book. list_customers.cypher filters by the same
// rule (tests/test_cypher_rules.py keeps the two alike).
// One row per access that names an existing customer, with its position in $accesses; no row for a
// position: no such customer (or object).
// In Neo4j Browser:
// :param accesses => [{customerId: null, planId: 'RP-C0000001', leadId: null, developmentId: null, eventId: null, eventLogId: null, partyStateId: null, indicatorId: null, allocationId: null}];
// :param resourceId => 'R000001';
UNWIND range(0, size($accesses) - 1) AS position
WITH position, $accesses[position] AS access
// Each branch looks the customer up through one kind of key; the access's other keys are null and
// find nothing. Branches, not a chain of OPTIONAL MATCHes: Neo4j plans this in a fraction of the time.
CALL (access) {
  CALL (access) {
    MATCH (c:Customer {customerId: access.customerId}) RETURN c
    UNION
    MATCH (c:Customer)-[:HAS_PLAN]->(:RelationshipPlan {planId: access.planId}) RETURN c
    UNION
    MATCH (c:Customer)-[:HAS_LEAD]->(:Lead {leadId: access.leadId}) RETURN c
    UNION
    MATCH (c:Customer)-[:HAS_LEAD]->(:Lead)-[:HAS_DEVELOPMENT]->(:LeadDevelopment {developmentId: access.developmentId}) RETURN c
    UNION
    MATCH (c:Customer)-[:HAS_EVENT_LOG]->(:CustomerEventLog)-[:RECORDED]->(:Event {eventId: access.eventId}) RETURN c
    UNION
    MATCH (c:Customer)-[:HAS_EVENT_LOG]->(:CustomerEventLog {eventLogId: access.eventLogId}) RETURN c
    UNION
    MATCH (c:Customer)-[:HAS_PROFILE]->(:PartyState {partyStateId: access.partyStateId}) RETURN c
    UNION
    MATCH (c:Customer)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(:Indicator {indicatorId: access.indicatorId}) RETURN c
    UNION
    MATCH (allocation:Allocation {allocationId: access.allocationId})
    MATCH (c:Customer {customerId: allocation.customerId}) RETURN c
  }
  RETURN c
  LIMIT 1
}
CALL (c) {
  OPTIONAL MATCH (rm:ServicingResource)-[:MANAGES]->(c)
  RETURN rm
  LIMIT 1
}
WITH position, c, rm, $resourceId AS bookOf
RETURN position, c.customerId AS customerId, c.name AS customerName, rm.resourceId AS relationshipManagerId,
       (bookOf IS NULL
        OR EXISTS { (:ServicingResource {resourceId: bookOf})-[:MANAGES]->(c) }
        OR EXISTS { (:ServicingResource {resourceId: bookOf})-[:BACKUP_FOR]->(:ServicingResource)-[:MANAGES]->(c) }
        OR EXISTS { MATCH (:ServicingResource {resourceId: bookOf})<-[:ASSIGNED_TO]-(a:Allocation)
                    WHERE a.customerId = c.customerId AND a.status IN ['PENDING', 'ACCEPTED'] }
        OR EXISTS { MATCH (:ServicingResource {resourceId: bookOf})<-[:OWNED_BY]-(l:Lead)<-[:HAS_LEAD]-(c)
                    WHERE l.status IN ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'] }) AS inBook,
       rm IS NOT NULL AND rm.resourceId <> coalesce(bookOf, '') AS coveredAsBackup
ORDER BY position
