// Changes a plan contact: the properties in $change.properties are set (a null value removes one).
// Runs after plan_lock, in the same transaction. No row: no such contact on that plan.
// In Neo4j Browser:
// :param change => ({planId: 'RP-C0000001', contactId: 'PC-RP-C0000001-1', properties: {location: 'Video call', updatedAt: datetime(), updatedBy: 'R000001'}});
MATCH (:RelationshipPlan {planId: $change.planId})-[:HAS_CONTACT]->(c:PlanContact {contactId: $change.contactId})
SET c += $change.properties
RETURN c.contactId AS contactId
