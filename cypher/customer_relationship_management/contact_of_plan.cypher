// A plan contact (Query.relationshipContact, and every contact mutation's answer): its properties,
// the servicing resource it is with, its plan (id, status) and the plan's customer.
// No row: no contact $contactId on plan $planId.
// In Neo4j Browser:
// :param planId => 'RP-C0000001';
// :param contactId => 'PC-RP-C0000001-1';
MATCH (customer:Customer)-[:HAS_PLAN]->(plan:RelationshipPlan {planId: $planId})
      -[:HAS_CONTACT]->(c:PlanContact {contactId: $contactId})
OPTIONAL MATCH (c)-[:WITH_RESOURCE]->(r:ServicingResource)
RETURN c {.*,
          resource: CASE WHEN r IS NULL THEN null ELSE {resourceId: r.resourceId, name: r.name} END,
          plan: {planId: plan.planId, status: plan.status, planType: plan.planType},
          customer: {customerId: customer.customerId, name: customer.name}} AS contact
