// What a change of a relationship plan checks besides the plan itself: its goals (ids and
// results: an update names them, acceptance needs one) and its open incidents (a plan closes only
// when none is open). Run under the plan's lock (plan_lock). No row: no such plan.
// In Neo4j Browser:
// :param plan => ({planId: 'RP-C0000001', openIncidentStatuses: ['OPEN', 'IN_PROGRESS', 'ON_HOLD']});
MATCH (p:RelationshipPlan {planId: $plan.planId})
RETURN COLLECT { MATCH (p)-[:HAS_GOAL]->(g:Goal) RETURN g {.goalId, .result} AS goal ORDER BY g.goalId } AS goals,
       COLLECT { MATCH (p)-[:HAS_INCIDENT]->(i:Incident) WHERE i.status IN $plan.openIncidentStatuses
                 RETURN i {.incidentId, .status} AS incident ORDER BY i.incidentId } AS openIncidents
