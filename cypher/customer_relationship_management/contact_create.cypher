// Creates a plan contact: (plan)-[:HAS_CONTACT]->(:PlanContact)-[:WITH_RESOURCE]->(resource), with
// the properties in $contact.properties (contactId, contactType, status, scheduledAt, ...). Runs
// after plan_lock and contact_booking, in the same transaction. No row: no such plan or resource.
// In Neo4j Browser:
// :param contact => ({planId: 'RP-C0000001', resourceId: 'R000001', properties: {contactId: 'PC-try', contactType: 'CALL', status: 'SCHEDULED', scheduledAt: datetime() + duration('P1D'), durationMinutes: 30}});
MATCH (plan:RelationshipPlan {planId: $contact.planId})
MATCH (r:ServicingResource {resourceId: $contact.resourceId})
CREATE (plan)-[:HAS_CONTACT]->(c:PlanContact)
SET c = $contact.properties
CREATE (c)-[:WITH_RESOURCE]->(r)
RETURN c.contactId AS contactId
