// Creates a development task on a lead, ASSIGNED_TO a servicing resource. $development holds the
// node's properties (developmentId, type, status, description, dueAt, dateTimeLocation, documents,
// createdAt, createdBy, updatedAt, updatedBy, idempotencyKey, fingerprint); runs after
// development_lock_lead, in the same transaction, so the lead and resource are known to exist.
// :param development => ({developmentId: 'DV-example', type: 'FOLLOW_UP', status: 'OPEN', createdAt: datetime(), updatedAt: datetime(), createdBy: 'me', updatedBy: 'me', documents: [], workProducts: []});
// :param leadId => 'LD-C0000001-1';
// :param resourceId => 'R000003';
MATCH (l:Lead {leadId: $leadId})
MATCH (r:ServicingResource {resourceId: $resourceId})
CREATE (l)-[:HAS_DEVELOPMENT]->(d:LeadDevelopment)
SET d = $development
CREATE (d)-[:ASSIGNED_TO]->(r)
RETURN d.developmentId AS developmentId
