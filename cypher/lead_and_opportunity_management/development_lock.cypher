// Before a development task changes: write-locks it and its lead (setting and removing a property)
// and returns, read under the locks, the task's type, status and assignee, the lead's id, status
// and customer, and the named servicing resource when $request.resourceId is given (null when
// unknown). No row when the task is unknown.
// One map parameter: resourceId may be null (see contact_routing/routing_candidates.cypher).
// :param request => ({developmentId: 'DV-example', resourceId: null});
MATCH (l:Lead)-[:HAS_DEVELOPMENT]->(d:LeadDevelopment {developmentId: $request.developmentId})
SET l.developmentLock = true, d.locked = true
REMOVE l.developmentLock, d.locked
WITH l, d
OPTIONAL MATCH (r:ServicingResource {resourceId: $request.resourceId})
RETURN d.developmentId AS developmentId, d.type AS type, d.status AS status,
       [(d)-[:ASSIGNED_TO]->(a:ServicingResource) | a.resourceId][0] AS assigneeId,
       l.leadId AS leadId, l.status AS leadStatus,
       [(c:Customer)-[:HAS_LEAD]->(l) | c.customerId][0] AS customerId,
       r.resourceId AS resourceId
