// Links each relationship manager to the one it stands in for: (backup)-[:BACKUP_FOR]->(rm).
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{resourceId: 'R000007', backupFor: 'R000001'}];
UNWIND $rows AS row
MATCH (backup:ServicingResource {resourceId: row.resourceId})
MATCH (rm:ServicingResource {resourceId: row.backupFor})
CREATE (backup)-[:BACKUP_FOR]->(rm)
