// Books and review requests for tests/resolvers/compiled (load after small_bank and routing_profiles):
// Rita (R-CR-1) manages Alice (C0000001) and Acme (C0000004), so Bob and Chloe (Alice's household) and
// Acme Holdings and Dieter (Acme's related parties) are outside her book; Sam (R-CR-2) manages Dieter.
// Alice's profile has an open and a completed review request.
MATCH (alice:Customer {customerId: 'C0000001'}), (acme:Customer {customerId: 'C0000004'}),
      (dieter:Customer {customerId: 'C0000005'}), (ps:PartyState {partyStateId: 'PS-C0000001'})
CREATE (rita:ServicingResource {resourceId: 'R-CR-1', name: 'Rita Compiled'})-[:MANAGES]->(alice)
CREATE (rita)-[:MANAGES]->(acme)
CREATE (:ServicingResource {resourceId: 'R-CR-2', name: 'Sam Compiled'})-[:MANAGES]->(dieter)
CREATE (ps)-[:HAS_REVIEW_REQUEST]->(:ProfileReviewRequest {reviewRequestId: 'RR-CR-1', reason: 'Arrears', status: 'COMPLETED',
  requestedAt: datetime('2026-01-11T09:00:00Z'), requestedBy: 'R-CR-1', completedAt: datetime('2026-01-12T09:00:00Z'),
  completedBy: 'R-CR-1', outcome: 'Plan agreed'})
CREATE (ps)-[:HAS_REVIEW_REQUEST]->(:ProfileReviewRequest {reviewRequestId: 'RR-CR-2', reason: 'Fraud alert', status: 'OPEN',
  requestedAt: datetime('2026-03-06T09:00:00Z'), requestedBy: 'R-CR-1'})
