// Plan contacts for tests/resolvers/customer_relationship_management/test_relationship_contact.py (load after relationship_plans):
// on Alice's plan RP-C0000001, with Rita (R000301), PC-T-DUE is SCHEDULED for two hours ago (its
// outcome can be recorded) and PC-T-CANCELLED was called off.
MATCH (plan:RelationshipPlan {planId: 'RP-C0000001'}), (rita:ServicingResource {resourceId: 'R000301'})
CREATE (plan)-[:HAS_CONTACT]->(due:PlanContact {
  contactId: 'PC-T-DUE', contactType: 'CALL', status: 'SCHEDULED', scheduledAt: datetime() - duration({hours: 2}),
  durationMinutes: 30, purpose: 'Savings follow-up', createdAt: datetime() - duration({days: 3}), createdBy: 'R000301',
  updatedAt: datetime() - duration({days: 3}), updatedBy: 'R000301'})
CREATE (due)-[:WITH_RESOURCE]->(rita)
CREATE (plan)-[:HAS_CONTACT]->(cancelled:PlanContact {
  contactId: 'PC-T-CANCELLED', contactType: 'MEETING', status: 'CANCELLED', statusReason: 'Customer abroad',
  scheduledAt: datetime() + duration({days: 3}), durationMinutes: 60, createdAt: datetime() - duration({days: 3}),
  createdBy: 'R000301', updatedAt: datetime() - duration({days: 1}), updatedBy: 'R000301'})
CREATE (cancelled)-[:WITH_RESOURCE]->(rita)
