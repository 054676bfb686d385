// Whose book a customer is in: the customer of $access.customerId, or of the plan $access.planId,
// with whether the servicing resource $access.resourceId may work it: it MANAGES the customer, or
// it is BACKUP_FOR the RM who does (a null resourceId: a principal who sees every book). Every
// read and change of a plan, its development, incidents and contacts asks this first.
// No row: no such customer (or plan).
// In Neo4j Browser:
// :param access => {customerId: null, planId: 'RP-C0000001', resourceId: 'R000301'}
OPTIONAL MATCH (byId:Customer {customerId: $access.customerId})
OPTIONAL MATCH (byPlan:Customer)-[:HAS_PLAN]->(:RelationshipPlan {planId: $access.planId})
WITH coalesce(byId, byPlan) AS c
WHERE c IS NOT NULL
OPTIONAL MATCH (rm:ServicingResource)-[:MANAGES]->(c)
RETURN c.customerId AS customerId, c.name AS customerName, rm.resourceId AS relationshipManagerId,
       $access.resourceId IS NULL
       OR rm.resourceId = $access.resourceId
       OR EXISTS { (:ServicingResource {resourceId: $access.resourceId})-[:BACKUP_FOR]->(rm) } AS inBook,
       rm IS NOT NULL AND rm.resourceId <> coalesce($access.resourceId, '') AS coveredAsBackup
