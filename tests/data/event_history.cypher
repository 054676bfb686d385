// Event logs for the small bank (load after small_bank): Alice has ten events, three of them
// at the same instant (two FRAUD), Bob two (one stored with a +02:00 offset), Acme four (one
// FRAUD, two a nanosecond apart); the others have an empty log. Each Event carries customerId.
MATCH (c:Customer)
CREATE (c)-[:HAS_EVENT_LOG]->(:CustomerEventLog {eventLogId: 'EL-' + c.customerId, customerId: c.customerId})
WITH count(*) AS logs
UNWIND [
  ['C0000001', '01', 'ServicingEvent', 'SERVICING', 'BALANCE_ENQUIRY', '2025-01-10T09:00:00Z', 'PHONE', 'Balance and recent transactions enquiry', 'RESOLVED'],
  ['C0000001', '02', 'SalesEvent', 'SALES', 'PRODUCT_ENQUIRY', '2025-02-14T10:00:00Z', 'WEB', 'Asked about a product', 'INTERESTED'],
  ['C0000001', '03', 'FraudEvent', 'FRAUD', 'SUSPICIOUS_TRANSACTION', '2025-03-01T12:00:00Z', 'MOBILE', 'Card used abroad twice in an hour', 'CLEARED'],
  ['C0000001', '04', 'FraudEvent', 'FRAUD', 'CARD_BLOCKED', '2025-03-01T12:00:00Z', 'PHONE', 'Card blocked after a fraud check', 'COMPLETED'],
  ['C0000001', '05', 'ServicingEvent', 'SERVICING', 'CARD_REPLACEMENT', '2025-03-01T12:00:00Z', 'PHONE', 'Replacement card ordered', 'RESOLVED'],
  ['C0000001', '06', 'LifeEvent', 'LIFE', 'RELOCATION', '2025-05-20T08:30:00Z', 'BRANCH', 'Customer moved home', 'RECORDED'],
  ['C0000001', '07', 'ServicingEvent', 'SERVICING', 'ADDRESS_CHANGE', '2025-06-01T00:00:00Z', 'WEB', 'Postal address updated', 'RESOLVED'],
  ['C0000001', '08', 'RelationshipEvent', 'RELATIONSHIP', 'REVIEW_MEETING', '2025-09-15T15:00:00Z', 'BRANCH', 'Relationship review meeting', 'COMPLETED'],
  ['C0000001', '09', 'ProductProcessingEvent', 'PRODUCT_PROCESSING', 'STATEMENT_ISSUED', '2025-11-30T17:45:00Z', 'WEB', 'Annual statement issued', 'COMPLETED'],
  ['C0000001', '10', 'ServicingEvent', 'SERVICING', 'BALANCE_ENQUIRY', '2026-01-05T11:00:00Z', 'MOBILE', 'Balance and recent transactions enquiry', 'RESOLVED'],
  ['C0000002', '01', 'SalesEvent', 'SALES', 'OFFER_PRESENTED', '2025-04-01T14:00:00Z', 'BRANCH', 'Offer presented', 'PENDING'],
  ['C0000002', '02', 'ServicingEvent', 'SERVICING', 'PAYMENT_ISSUE', '2025-10-10T12:00:00+02:00', 'PHONE', 'Payment not received by the payee', 'ESCALATED'],
  ['C0000004', '01', 'FraudEvent', 'FRAUD', 'SUSPICIOUS_TRANSACTION', '2025-01-20T10:00:00Z', 'MOBILE', 'Unusual transfer to a new payee', 'UNDER_REVIEW'],
  ['C0000004', '02', 'ProductProcessingEvent', 'PRODUCT_PROCESSING', 'PAYMENT_MISSED', '2025-02-11T06:00:00Z', 'WEB', 'Scheduled repayment missed', 'FAILED'],
  ['C0000004', '03', 'LifeEvent', 'LIFE', 'EXPANSION', '2025-07-07T09:00:00.000000002Z', 'BRANCH', 'Business opened a new site', 'RECORDED'],
  ['C0000004', '04', 'RelationshipEvent', 'RELATIONSHIP', 'REVIEW_MEETING', '2025-07-07T09:00:00.000000001Z', 'VIDEO', 'Relationship review meeting', 'COMPLETED']
] AS e
MATCH (log:CustomerEventLog {customerId: e[0]})
CREATE (log)-[:RECORDED]->(:Event:$(e[2]) {
  eventId: 'EV-' + e[0] + '-' + e[1], customerId: e[0], category: e[3], type: e[4], occurredAt: datetime(e[5]),
  channel: e[6], record: e[7], result: e[8]
})
