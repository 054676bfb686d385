// Contact allocations of Alice for the activity review (load after book_extras): one that timed out
// 10 days ago (a poor servicing outcome), one completed 12 days ago and one cancelled 200 days ago
// (neither counts).
MATCH (alice:Customer {customerId: 'C0000001'})
UNWIND [['AL-BOOK-1', 'TIMED_OUT', 10, 'nobody answered'], ['AL-BOOK-2', 'COMPLETED', 12, null],
        ['AL-BOOK-3', 'CANCELLED', 200, 'customer hung up']] AS a
CREATE (:Allocation {allocationId: a[0], contactId: a[0], customerId: 'C0000001', status: a[1], channel: 'PHONE',
  purpose: 'SERVICING', requestedAt: datetime() - duration({days: a[2]}), endedAt: datetime() - duration({days: a[2]}),
  endReason: a[3]})-[:FOR_CUSTOMER]->(alice)
