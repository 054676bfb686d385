// Creates a relationship plan (createRelationshipPlan, BIAN Create) for a customer, OWNED_BY its
// owner, with its goals, after plan_customer_lock and the checks, in the same transaction.
// $plan.properties are the plan's properties (null ones are left unset); $plan.goals each Goal's.
// In Neo4j Browser:
// :param plan => ({customerId: 'C0000002', ownerId: 'R000001', properties: {planId: 'RP-example', planType: 'MANAGEMENT', status: 'DRAFT', validFrom: date(), validTo: date() + duration({years: 1}), reviewDue: date() + duration({days: 182}), createdAt: datetime(), createdBy: 'R000001', updatedAt: datetime(), updatedBy: 'R000001'}, goals: [{goalId: 'RP-example-G1', goalType: 'RETAIN', definition: 'Keep the current account', target: 'Still held in a year', result: 'NOT_STARTED'}]});
MATCH (c:Customer {customerId: $plan.customerId}), (owner:ServicingResource {resourceId: $plan.ownerId})
CREATE (c)-[:HAS_PLAN]->(p:RelationshipPlan)
SET p = $plan.properties
CREATE (p)-[:OWNED_BY]->(owner)
FOREACH (goal IN $plan.goals | CREATE (p)-[:HAS_GOAL]->(g:Goal) SET g = goal)
RETURN p.planId AS planId
