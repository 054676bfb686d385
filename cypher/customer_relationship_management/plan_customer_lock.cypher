// Write-locks a customer for creating a relationship plan (a property set and removed again: the
// graph is unchanged), so concurrent creations for one customer run one at a time and the second
// sees the first's open plan; read under the lock: the customer's relationship manager (the
// resource that MANAGES it, the default owner), the servicing resource named as owner (null when
// unknown or not named) and the customer's open plans (at most one, the rule this lock keeps).
// No row: unknown customer.
// In Neo4j Browser:
// :param create => ({customerId: 'C0000002', ownerId: null, openStatuses: ['DRAFT', 'VERIFIED', 'ACTIVE', 'SUSPENDED']});
MATCH (c:Customer {customerId: $create.customerId})
SET c.creatingPlan = true
REMOVE c.creatingPlan
WITH c
OPTIONAL MATCH (named:ServicingResource {resourceId: $create.ownerId})
RETURN datetime() AS now, c.customerId AS customerId, c.name AS customerName,
       COLLECT { MATCH (rm:ServicingResource)-[:MANAGES]->(c) RETURN rm.resourceId AS id ORDER BY id LIMIT 1 }[0]
         AS relationshipManagerId,
       named {.resourceId, .kind} AS namedOwner,
       COLLECT { MATCH (c)-[:HAS_PLAN]->(p:RelationshipPlan) WHERE p.status IN $create.openStatuses
                 RETURN p.planId AS id ORDER BY id } AS openPlanIds
