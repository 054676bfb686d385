// Whether a servicing resource exists: one row when it does, none when it does not
// (a subscription to its offers checks this once, when it starts).
// :param resourceId => 'R000011';
MATCH (r:ServicingResource {resourceId: $resourceId})
RETURN r.resourceId AS resourceId
