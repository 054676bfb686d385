// The incident $incidentId of the plan $planId as it stands, with its assignee, to check a change
// against. Runs under the plan's lock (plan_lock), so the incident cannot change meanwhile.
// No row: the plan has no such incident.
// In Neo4j Browser:
// :param planId => 'RP-C0000001';
// :param incidentId => 'IN-RP-C0000001-1';
MATCH (:RelationshipPlan {planId: $planId})-[:HAS_INCIDENT]->(i:Incident {incidentId: $incidentId})
RETURN i {.*} AS incident, [(i)-[:ASSIGNED_TO]->(r:ServicingResource) | r.resourceId][0] AS assigneeId
