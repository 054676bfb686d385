// Event logs for event analytics (load small_bank, routing_profiles and portfolio first):
// events of January to March 2026 spread over the segments and RM books. Alice (PREMIER,
// Rita) has thirteen: three FRAUD events in January and one in March, one stored with a
// +02:00 offset whose UTC date is still 31 December 2025, one a second before midnight on
// 9 March and one at exactly 2026-03-10T12:00Z. Bob (PREMIER, Rita) has three, Chloe (MASS,
// no RM) two, Acme (CORPORATE, Sam) three with one FRAUD, Dieter (AFFLUENT, no RM) one in
// 2024; Acme Holdings and Eva have an empty log. Each Event carries customerId.
MATCH (c:Customer)
MERGE (c)-[:HAS_EVENT_LOG]->(:CustomerEventLog {eventLogId: 'EL-' + c.customerId, customerId: c.customerId})
WITH count(*) AS logs
UNWIND [
  ['C0000001', '01', 'SERVICING', 'BALANCE_ENQUIRY', '2026-01-01T01:30:00+02:00', 'MOBILE', 'RESOLVED'],
  ['C0000001', '02', 'SERVICING', 'CARD_REPLACEMENT', '2026-01-05T09:00:00Z', 'PHONE', 'RESOLVED'],
  ['C0000001', '03', 'SALES', 'PRODUCT_ENQUIRY', '2026-01-12T10:00:00Z', 'WEB', 'INTERESTED'],
  ['C0000001', '04', 'FRAUD', 'SUSPICIOUS_TRANSACTION', '2026-01-20T08:00:00Z', 'MOBILE', 'CLEARED'],
  ['C0000001', '05', 'FRAUD', 'CARD_BLOCKED', '2026-01-20T08:05:00Z', 'PHONE', 'COMPLETED'],
  ['C0000001', '06', 'FRAUD', 'FRAUD_CHECK_PASSED', '2026-01-21T09:00:00Z', 'PHONE', 'CLEARED'],
  ['C0000001', '07', 'SERVICING', 'PAYMENT_ISSUE', '2026-02-02T14:00:00Z', 'CHAT', 'RESOLVED'],
  ['C0000001', '08', 'LIFE', 'RELOCATION', '2026-02-15T11:00:00Z', 'BRANCH', 'RECORDED'],
  ['C0000001', '09', 'SERVICING', 'ADDRESS_CHANGE', '2026-02-16T09:00:00Z', 'WEB', 'RESOLVED'],
  ['C0000001', '10', 'RELATIONSHIP', 'REVIEW_MEETING', '2026-03-01T15:00:00Z', 'BRANCH', 'COMPLETED'],
  ['C0000001', '11', 'FRAUD', 'SUSPICIOUS_TRANSACTION', '2026-03-05T10:00:00Z', 'MOBILE', 'UNDER_REVIEW'],
  ['C0000001', '12', 'SERVICING', 'BALANCE_ENQUIRY', '2026-03-09T23:59:59Z', 'MOBILE', 'RESOLVED'],
  ['C0000001', '13', 'SERVICING', 'BALANCE_ENQUIRY', '2026-03-10T12:00:00Z', 'MOBILE', 'RESOLVED'],
  ['C0000002', '01', 'SERVICING', 'COMPLAINT_RAISED', '2026-01-14T09:00:00Z', 'PHONE', 'RESOLVED'],
  ['C0000002', '02', 'SALES', 'OFFER_PRESENTED', '2026-01-15T14:00:00Z', 'BRANCH', 'PENDING'],
  ['C0000002', '03', 'SERVICING', 'PAYMENT_ISSUE', '2026-02-20T10:00:00Z', 'PHONE', 'ESCALATED'],
  ['C0000003', '01', 'SERVICING', 'ONLINE_ACCESS_RESET', '2026-02-12T10:00:00Z', 'BRANCH', 'RESOLVED'],
  ['C0000003', '02', 'LIFE', 'JOB_CHANGE', '2026-03-02T09:00:00Z', 'BRANCH', 'RECORDED'],
  ['C0000004', '01', 'FRAUD', 'SUSPICIOUS_TRANSACTION', '2026-01-20T08:00:00Z', 'MOBILE', 'CLEARED'],
  ['C0000004', '02', 'PRODUCT_PROCESSING', 'PAYMENT_MISSED', '2026-02-11T06:00:00Z', 'WEB', 'FAILED'],
  ['C0000004', '03', 'RELATIONSHIP', 'REVIEW_MEETING', '2026-02-18T15:00:00Z', 'VIDEO', 'COMPLETED'],
  ['C0000005', '01', 'SERVICING', 'BALANCE_ENQUIRY', '2024-11-03T10:00:00Z', 'PHONE', 'RESOLVED']
] AS e
MATCH (log:CustomerEventLog {customerId: e[0]})
WITH log, e, {RELATIONSHIP: 'RelationshipEvent', SALES: 'SalesEvent', SERVICING: 'ServicingEvent',
              PRODUCT_PROCESSING: 'ProductProcessingEvent', FRAUD: 'FraudEvent', LIFE: 'LifeEvent'} AS labels
CREATE (log)-[:RECORDED]->(:Event:$(labels[e[2]]) {
  eventId: 'EV-' + e[0] + '-' + e[1], customerId: e[0], category: e[2], type: e[3], occurredAt: datetime(e[4]),
  channel: e[5], record: toLower(replace(e[3], '_', ' ')), result: e[6]
})
