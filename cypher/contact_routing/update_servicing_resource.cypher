// Changes some properties of a servicing resource and records who did it when; $properties
// holds only the properties to change. Runs after lock_servicing_resource.
// In Neo4j Browser:
// :param resourceId => 'R000001';
// :param properties => ({capacityPhone: 2});
// :param by => 'analyst';
MATCH (r:ServicingResource {resourceId: $resourceId})
SET r += $properties, r.updatedAt = datetime(), r.updatedBy = $by
RETURN r.resourceId AS resourceId
