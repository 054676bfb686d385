// A servicing resource by id, with its kind: whether it may own a relationship plan (only a
// RELATIONSHIP_MANAGER may). No row: no such resource.
// In Neo4j Browser:
// :param resourceId => 'R000007';
MATCH (r:ServicingResource {resourceId: $resourceId})
RETURN r.resourceId AS resourceId, r.name AS name, r.kind AS kind
