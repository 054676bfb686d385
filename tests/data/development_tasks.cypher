// Extra development tasks for tests/resolvers/customer_relationship_management/test_relationship_development.py (load after
// relationship_plans): on Alice's ACTIVE plan RP-C0000001, DT-RP-C0000001-2 REQUESTED of Tom, due
// three days ago (overdue), with two work products, and DT-RP-C0000001-3 ACCEPTED (final), due in
// ten days; on Dieter's CLOSED plan RP-C0000005, DT-RP-C0000005-1 SUBMITTED to Sam.
MATCH (alicePlan:RelationshipPlan {planId: 'RP-C0000001'}), (dieterPlan:RelationshipPlan {planId: 'RP-C0000005'}),
      (rita:ServicingResource {resourceId: 'R000301'}), (sam:ServicingResource {resourceId: 'R000302'}),
      (tom:ServicingResource {resourceId: 'R000303'})
CREATE (alicePlan)-[:HAS_DEVELOPMENT_TASK]->(late:DevelopmentTask {
  taskId: 'DT-RP-C0000001-2', taskType: 'PROPOSAL', status: 'REQUESTED', description: 'Draft a savings proposal',
  workProducts: '[{"type":"DOCUMENT","identification":"DOC-1"},{"type":"FORM","identification":"FORM-7"}]',
  dueOn: date() - duration({days: 3}), requestedAt: datetime() - duration({days: 10}), requestedBy: 'R000301',
  createdAt: datetime() - duration({days: 12}), createdBy: 'R000301',
  updatedAt: datetime() - duration({days: 10}), updatedBy: 'R000301'})
CREATE (late)-[:ASSIGNED_TO]->(tom)
CREATE (alicePlan)-[:HAS_DEVELOPMENT_TASK]->(done:DevelopmentTask {
  taskId: 'DT-RP-C0000001-3', taskType: 'ACCOUNT_REVIEW', status: 'ACCEPTED', description: 'Review the accounts',
  result: 'Accounts in order', dueOn: date() + duration({days: 10}), closedAt: datetime() - duration({days: 1}),
  closedBy: 'R000303', createdAt: datetime() - duration({days: 30}), createdBy: 'R000301',
  updatedAt: datetime() - duration({days: 1}), updatedBy: 'R000303'})
CREATE (done)-[:ASSIGNED_TO]->(rita)
CREATE (dieterPlan)-[:HAS_DEVELOPMENT_TASK]->(closed:DevelopmentTask {
  taskId: 'DT-RP-C0000005-1', taskType: 'DOCUMENTATION', status: 'SUBMITTED', description: 'Collect dormancy forms',
  result: 'Forms collected', createdAt: datetime() - duration({days: 120}), createdBy: 'R000302',
  updatedAt: datetime() - duration({days: 110}), updatedBy: 'R000302'})
CREATE (closed)-[:ASSIGNED_TO]->(sam)
