// Creates RelationshipPlans of managed customers, OWNED_BY their RM, with the Goals they pursue.
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (c:Customer {customerId: row.customerId})
MATCH (rm:ServicingResource {resourceId: row.ownerId})
CREATE (c)-[:HAS_PLAN]->(plan:RelationshipPlan {
  planId: row.planId, planType: row.planType, status: row.status, description: row.description,
  validFrom: date(row.validFrom), validTo: date(row.validTo), reviewDue: date(row.reviewDue)
})
CREATE (plan)-[:OWNED_BY]->(rm)
WITH plan, row
UNWIND row.goals AS goal
CREATE (plan)-[:HAS_GOAL]->(:Goal {
  goalId: goal.goalId, goalType: goal.goalType, definition: goal.definition, target: goal.target, result: goal.result
})
