// A customer's relationship plans, newest first (Query.customerRelationshipPlans), each with its
// owner and goal count. Ask book_access first. No row: the customer has no plan.
// In Neo4j Browser:
// :param customerId => 'C0000001';
MATCH (:Customer {customerId: $customerId})-[:HAS_PLAN]->(p:RelationshipPlan)
OPTIONAL MATCH (p)-[:OWNED_BY]->(owner:ServicingResource)
RETURN p {.planId, .planType, .status, .statusReason, .description, .validFrom, .validTo, .reviewDue, .createdAt,
          .closedAt, owner: owner {.resourceId, .name}, goalCount: COUNT { (p)-[:HAS_GOAL]->(:Goal) }} AS plan
ORDER BY p.createdAt DESC, p.planId
