// Makes $backupResourceId the one resource that stands in for $resourceId
// ((backup)-[:BACKUP_FOR]->(resource)); a null $backupResourceId leaves it without a backup.
// In Neo4j Browser:
// :param resourceId => 'R000001';
// :param backupResourceId => 'R000007';
MATCH (r:ServicingResource {resourceId: $resourceId})
OPTIONAL MATCH (:ServicingResource)-[old:BACKUP_FOR]->(r)
DELETE old
WITH DISTINCT r
CALL (r) {
  MATCH (b:ServicingResource {resourceId: $backupResourceId})
  CREATE (b)-[:BACKUP_FOR]->(r)
}
RETURN r.resourceId AS resourceId
