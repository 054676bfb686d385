// Creates a development task on a relationship plan (BIAN CreateDevelopment), ASSIGNED_TO a
// servicing resource: $create.task holds the node's properties (taskId, taskType, description,
// status, workProducts as JSON, dueOn, created/updated at/by). Runs after plan_lock, in the same
// transaction. No row: no servicing resource has the id $create.assigneeId (nothing was created).
// One map parameter: the task's dueOn may be null.
// In Neo4j Browser:
// :param create => ({planId: 'RP-C0000001', assigneeId: 'R000001', task: {taskId: 'DT-example', taskType: 'PROPOSAL', status: 'OPEN', description: 'Draft a savings proposal', workProducts: '[]', dueOn: date() + duration({days: 14}), createdAt: datetime(), createdBy: 'R000001', updatedAt: datetime(), updatedBy: 'R000001'}});
MATCH (plan:RelationshipPlan {planId: $create.planId})
MATCH (r:ServicingResource {resourceId: $create.assigneeId})
CREATE (plan)-[:HAS_DEVELOPMENT_TASK]->(d:DevelopmentTask)
SET d = $create.task
CREATE (d)-[:ASSIGNED_TO]->(r)
RETURN d.taskId AS taskId
