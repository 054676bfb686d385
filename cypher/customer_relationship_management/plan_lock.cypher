// Write-locks a relationship plan for the rest of the transaction and reads it under the lock:
// every change of a plan, and of its development tasks, incidents and contacts, starts here, so
// two changes of one plan (say, closing it while an incident is added) run one after the other.
// No row: no such plan.
// In Neo4j Browser:
// :param planId => 'RP-C0000001';
MATCH (c:Customer)-[:HAS_PLAN]->(plan:RelationshipPlan {planId: $planId})
SET plan.locked = true
REMOVE plan.locked
WITH c, plan
OPTIONAL MATCH (plan)-[:OWNED_BY]->(owner:ServicingResource)
RETURN datetime() AS now, c.customerId AS customerId, plan.status AS status, owner.resourceId AS ownerId,
       plan {.*} AS plan
