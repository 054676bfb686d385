// Goal attainment (CRM analytics): the goals of every relationship plan not in
// $goals.excludedPlanStatuses (rejected plans were never worked), per goal type (groupBy
// 'GOAL_TYPE'), per the plan's owner (OWNED_BY; 'RELATIONSHIP_MANAGER': key the resourceId, label
// the name) or per plan type ('PLAN_TYPE'): how many stand at each result (GoalResult) and the
// attainment rate, ACHIEVED / (ACHIEVED + MISSED), 4 decimals, null while none is final. Only the
// plans of the book of $goals.resourceId (customers it manages or covers as BACKUP_FOR their RM)
// when given; every plan when null. By key.
// In Neo4j Browser:
// :param goals => ({groupBy: 'GOAL_TYPE', resourceId: null, excludedPlanStatuses: ['REJECTED']});
MATCH (c:Customer)-[:HAS_PLAN]->(p:RelationshipPlan)-[:HAS_GOAL]->(g:Goal)
WHERE NOT p.status IN $goals.excludedPlanStatuses
  AND ($goals.resourceId IS NULL
       OR EXISTS { (:ServicingResource {resourceId: $goals.resourceId})-[:MANAGES]->(c) }
       OR EXISTS { (:ServicingResource {resourceId: $goals.resourceId})-[:BACKUP_FOR]->(:ServicingResource)-[:MANAGES]->(c) })
OPTIONAL MATCH (p)-[:OWNED_BY]->(owner:ServicingResource)
WITH g,
     CASE $goals.groupBy WHEN 'GOAL_TYPE' THEN g.goalType WHEN 'PLAN_TYPE' THEN p.planType ELSE owner.resourceId END AS key,
     CASE $goals.groupBy WHEN 'GOAL_TYPE' THEN g.goalType WHEN 'PLAN_TYPE' THEN p.planType ELSE owner.name END AS label
WITH key, label, count(g) AS goals,
     count(CASE WHEN g.result = 'NOT_STARTED' THEN 1 END) AS notStarted,
     count(CASE WHEN g.result = 'ON_TRACK' THEN 1 END) AS onTrack,
     count(CASE WHEN g.result = 'AT_RISK' THEN 1 END) AS atRisk,
     count(CASE WHEN g.result = 'ACHIEVED' THEN 1 END) AS achieved,
     count(CASE WHEN g.result = 'MISSED' THEN 1 END) AS missed
RETURN key, label, goals, notStarted, onTrack, atRisk, achieved, missed,
       CASE WHEN achieved + missed = 0 THEN null ELSE round(toFloat(achieved) / (achieved + missed), 4) END
         AS attainmentRate
ORDER BY key
