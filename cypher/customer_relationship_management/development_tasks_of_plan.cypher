// A relationship plan's development tasks (BIAN RetrieveDevelopment: Query.relationshipDevelopment and
// Query.relationshipDevelopments; every development step also reads the task it changes with it),
// each with its plan, customer and assignee: the one task $tasks.taskId when given, else every task
// of the plan whose status is in $tasks.statuses (all when null). Due first (tasks without a due
// date last), then the oldest first.
// One map parameter: taskId and statuses may be null (one cached plan for every shape).
// No row: no such task on the plan, or no task matches.
// In Neo4j Browser:
// :param tasks => ({planId: 'RP-C0000001', taskId: null, statuses: null});
MATCH (c:Customer)-[:HAS_PLAN]->(plan:RelationshipPlan {planId: $tasks.planId})
      -[:HAS_DEVELOPMENT_TASK]->(d:DevelopmentTask)
WHERE ($tasks.taskId IS NULL OR d.taskId = $tasks.taskId)
  AND ($tasks.statuses IS NULL OR d.status IN $tasks.statuses)
RETURN d {.*,
          plan: plan {.planId, .status, .planType},
          customer: c {.customerId, .name},
          assignee: [(d)-[:ASSIGNED_TO]->(r:ServicingResource) | r {.resourceId, .name}][0]} AS task
ORDER BY d.dueOn IS NULL, d.dueOn, d.createdAt, d.taskId
