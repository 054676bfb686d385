// Write-locks a servicing resource (setting and removing a property) so the checks and changes
// that follow in the transaction see no concurrent change; returns what those checks need.
// No row when the resource is unknown.
// In Neo4j Browser:
// :param resourceId => 'R000001';
MATCH (r:ServicingResource {resourceId: $resourceId})
SET r.locked = true
REMOVE r.locked
RETURN r.kind AS kind, count { (r)-[:MANAGES]->(:Customer) } AS managedCustomers
