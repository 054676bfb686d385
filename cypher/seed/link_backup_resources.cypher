// Links each relationship manager to the one it stands in for: (backup)-[:BACKUP_FOR]->(rm).
UNWIND $rows AS row
MATCH (backup:ServicingResource {resourceId: row.resourceId})
MATCH (rm:ServicingResource {resourceId: row.backupFor})
CREATE (backup)-[:BACKUP_FOR]->(rm)
