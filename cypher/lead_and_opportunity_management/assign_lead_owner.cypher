// Makes the resource the lead's owner (one OWNED_BY at a time) and stores the assignment's
// explanation (JSON: resource, preference, path, matched skills, score, reason) on the lead.
// Runs after evaluate_lock_lead, in the same transaction.
// In Neo4j Browser:
// :param leadId => 'LD-C0000001-1';
// :param resourceId => 'R000011';
// :param assignment => '{"resource": {"resourceId": "R000011"}}';
// :param at => datetime();
// :param by => 'local-developer';
MATCH (l:Lead {leadId: $leadId}), (r:ServicingResource {resourceId: $resourceId})
OPTIONAL MATCH (l)-[old:OWNED_BY]->(:ServicingResource)
DELETE old
WITH DISTINCT l, r
CREATE (l)-[:OWNED_BY]->(r)
SET l.assignment = $assignment, l.assignedAt = $at, l.updatedAt = $at, l.updatedBy = $by
RETURN l.leadId AS leadId
