// Applies a checked change to a lead under its lock (lead_lock): the changed properties, and with
// ownerId a new owner (the OWNED_BY to the old one is removed: one owner at a time).
// :param change => ({leadId: 'LD-C0000001-1', ownerId: null, properties: {priority: 4, updatedAt: datetime(), updatedBy: 'me'}});
MATCH (l:Lead {leadId: $change.leadId})
SET l += $change.properties
WITH l
CALL (l) {
  WITH l WHERE $change.ownerId IS NOT NULL
  MATCH (l)-[old:OWNED_BY]->(:ServicingResource)
  DELETE old
}
CALL (l) {
  MATCH (owner:ServicingResource {resourceId: $change.ownerId})
  CREATE (l)-[:OWNED_BY]->(owner)
}
RETURN l.leadId AS leadId
