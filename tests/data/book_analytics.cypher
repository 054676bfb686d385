// For the relationship analytics (load after relationship_plans and book_extras): Bob's plan
// RP-BOOK-REJECTED was REJECTED with an ACHIEVED goal, which must count nowhere in goal attainment.
MATCH (bob:Customer {customerId: 'C0000002'}), (rita:ServicingResource {resourceId: 'R000301'})
CREATE (bob)-[:HAS_PLAN]->(plan:RelationshipPlan {planId: 'RP-BOOK-REJECTED', planType: 'MANAGEMENT', status: 'REJECTED',
  description: 'Rejected draft', reviewDue: date() - duration({days: 1}),
  createdAt: datetime() - duration({days: 30}), createdBy: 'R000301',
  updatedAt: datetime() - duration({days: 25}), updatedBy: 'R000301'})
CREATE (plan)-[:OWNED_BY]->(rita)
CREATE (plan)-[:HAS_GOAL]->(:Goal {goalId: 'RP-BOOK-REJECTED-G1', goalType: 'CROSS_SELL', definition: 'Card',
  target: '1 card', result: 'ACHIEVED'})
