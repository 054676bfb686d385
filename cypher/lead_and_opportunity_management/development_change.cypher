// Changes a development task: sets $change.properties (only the properties that change, with
// updatedAt and updatedBy) and, when $change.resourceId is given, moves ASSIGNED_TO to that
// servicing resource. Runs after development_lock, in the same transaction.
// One map parameter: resourceId may be null and the properties vary (see
// contact_routing/routing_candidates.cypher).
// :param change => ({developmentId: 'DV-example', properties: {status: 'DONE', updatedAt: datetime(), updatedBy: 'me'}, resourceId: null});
MATCH (d:LeadDevelopment {developmentId: $change.developmentId})
SET d += $change.properties
WITH d
CALL (d) {
  WITH d WHERE $change.resourceId IS NOT NULL
  MATCH (r:ServicingResource {resourceId: $change.resourceId})
  OPTIONAL MATCH (d)-[old:ASSIGNED_TO]->()
  DELETE old
  WITH DISTINCT d, r
  CREATE (d)-[:ASSIGNED_TO]->(r)
}
RETURN d.developmentId AS developmentId
