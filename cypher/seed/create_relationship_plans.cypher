// Creates RelationshipPlans of managed customers, OWNED_BY their RM, with the Goals they pursue
// and their work: DevelopmentTasks and PlanContacts with the RM, Incidents about held products.
// Instants arrive as epoch seconds, dates as ISO strings (graph/seed/loader.py wire()).
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{customerId: 'C0000189', planId: 'RP-C0000189', planType: 'MANAGEMENT', status: 'CLOSED', description: 'Premier relationship plan for Jack Wright', validFrom: '2024-02-01', validTo: '2025-04-14', reviewDue: '2026-01-29', createdAt: 1706745600, acceptedAt: 1706745600, closedAt: 1744588800, ownerId: 'R000007', goals: [{goalId: 'RP-C0000189-G1', goalType: 'SERVICE_QUALITY', definition: 'Raise satisfaction with servicing', target: 'satisfaction score at least 8/10', result: 'MISSED'}], tasks: [{taskId: 'DT-RP-C0000189-1', taskType: 'PROPOSAL', status: 'CANCELLED', description: 'Prepare a proposal for the products the plan targets', createdAt: 1723113661, assigneeId: 'R000007', result: null}], incidents: [{incidentId: 'IN-RP-C0000189-1', incidentType: 'COMPLAINT', source: 'RELATIONSHIP_MANAGER', status: 'CLOSED', priority: 1, description: 'Customer complained about the handling of a request', resolution: 'Apologised and refunded the fee', createdAt: 1740561950, resolvedAt: 1741166750, assigneeId: 'R000007', productIds: ['P-CURRENT-ACCOUNT']}], contacts: [{contactId: 'PC-RP-C0000189-1', contactType: 'CALL', status: 'HELD', scheduledAt: 1737685433, purpose: 'Service follow-up', durationMinutes: 30, result: 'Discussed the plan\'s goals', resourceId: 'R000007'}]}];
CYPHER replan=skip
UNWIND $rows AS row
MATCH (c:Customer {customerId: row.customerId})
MATCH (rm:ServicingResource {resourceId: row.ownerId})
CREATE (c)-[:HAS_PLAN]->(plan:RelationshipPlan {
  planId: row.planId, planType: row.planType, status: row.status, description: row.description,
  validFrom: date(row.validFrom), validTo: date(row.validTo), reviewDue: date(row.reviewDue),
  createdAt: datetime({epochSeconds: row.createdAt}), createdBy: 'seed',
  updatedAt: datetime({epochSeconds: coalesce(row.closedAt, row.createdAt)}), updatedBy: 'seed',
  acceptedAt: datetime({epochSeconds: row.acceptedAt}),
  closedAt: CASE WHEN row.closedAt IS NULL THEN null ELSE datetime({epochSeconds: row.closedAt}) END
})
CREATE (plan)-[:OWNED_BY]->(rm)
WITH plan, rm, row
CALL (plan, row) {
  UNWIND row.goals AS goal
  CREATE (plan)-[:HAS_GOAL]->(:Goal {
    goalId: goal.goalId, goalType: goal.goalType, definition: goal.definition, target: goal.target, result: goal.result
  })
}
CALL (plan, rm, row) {
  UNWIND row.tasks AS task
  CREATE (plan)-[:HAS_DEVELOPMENT_TASK]->(t:DevelopmentTask {
    taskId: task.taskId, taskType: task.taskType, status: task.status, description: task.description,
    result: task.result, createdAt: datetime({epochSeconds: task.createdAt}), createdBy: 'seed',
    updatedAt: datetime({epochSeconds: task.createdAt}), updatedBy: 'seed'
  })
  CREATE (t)-[:ASSIGNED_TO]->(rm)
}
CALL (plan, rm, row) {
  UNWIND row.incidents AS incident
  CREATE (plan)-[:HAS_INCIDENT]->(i:Incident {
    incidentId: incident.incidentId, incidentType: incident.incidentType, source: incident.source,
    status: incident.status, priority: incident.priority, description: incident.description,
    resolution: incident.resolution, createdAt: datetime({epochSeconds: incident.createdAt}), createdBy: 'seed',
    updatedAt: datetime({epochSeconds: coalesce(incident.resolvedAt, incident.createdAt)}), updatedBy: 'seed',
    resolvedAt: CASE WHEN incident.resolvedAt IS NULL THEN null ELSE datetime({epochSeconds: incident.resolvedAt}) END,
    closedAt: CASE WHEN incident.status = 'CLOSED' THEN datetime({epochSeconds: incident.resolvedAt}) END
  })
  CREATE (i)-[:ASSIGNED_TO]->(rm)
  WITH i, incident
  UNWIND incident.productIds AS productId
  MATCH (p:Product {productId: productId})
  CREATE (i)-[:CONCERNS]->(p)
}
CALL (plan, rm, row) {
  UNWIND row.contacts AS contact
  CREATE (plan)-[:HAS_CONTACT]->(pc:PlanContact {
    contactId: contact.contactId, contactType: contact.contactType, status: contact.status,
    scheduledAt: datetime({epochSeconds: contact.scheduledAt}), durationMinutes: contact.durationMinutes,
    purpose: contact.purpose, result: contact.result, createdAt: datetime({epochSeconds: contact.scheduledAt}),
    createdBy: 'seed', updatedAt: datetime({epochSeconds: contact.scheduledAt}), updatedBy: 'seed'
  })
  CREATE (pc)-[:WITH_RESOURCE]->(rm)
}
