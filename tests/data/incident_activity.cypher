// Servicing contacts for the incident tests (load after relationship_plans): Alice's phone call about
// the failed repayment, and a chat of Bob's (another customer's contact).
MATCH (alice:Customer {customerId: 'C0000001'}), (bob:Customer {customerId: 'C0000002'})
CREATE (:Allocation {allocationId: 'AL-IN-ALICE', contactId: 'AL-IN-ALICE', customerId: 'C0000001',
                     status: 'COMPLETED', channel: 'PHONE', purpose: 'PAYMENT_QUERY',
                     requestedAt: datetime('2026-01-10T09:00:00Z')})-[:FOR_CUSTOMER]->(alice)
CREATE (:Allocation {allocationId: 'AL-IN-BOB', contactId: 'AL-IN-BOB', customerId: 'C0000002',
                     status: 'COMPLETED', channel: 'CHAT',
                     requestedAt: datetime('2026-01-11T09:00:00Z')})-[:FOR_CUSTOMER]->(bob)
