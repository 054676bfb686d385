// Leads' graph (load small_bank first): the routing policy's SALES_PROSPECT, VALUE_TIER and
// CREDIT_RATING types; Alice's profile (PLATINUM) and her RM Rita; a resource whose id is the test
// principal's subject ('tester', so the tester owns what it is given); two more products (savings
// for everyone but corporates, a platinum card needing credit rating 6); three campaigns; an event
// and an allocation each for Alice and Bob; Sam, the one sales agent, in POOL-SALES (Bob has no RM).
MATCH (alice:Customer {customerId: 'C0000001'}), (bob:Customer {customerId: 'C0000002'}),
      (mortgage:Product {productId: 'P-MORTGAGE-FIXED'}), (card:Product {productId: 'P-CARD-GOLD'})
CREATE (prospect:IndicatorType {code: 'SALES_PROSPECT', kind: 'STATUS', name: 'Sales prospect', blocksSales: false,
                                priorityBoost: 0, confidential: false})
CREATE (tier:IndicatorType {code: 'VALUE_TIER', kind: 'RATING', name: 'Value tier', blocksSales: false, priorityBoost: 0,
                            confidential: false, allowedValues: ['BRONZE', 'SILVER', 'GOLD', 'PLATINUM']})
CREATE (:IndicatorType {code: 'CREDIT_RATING', kind: 'RATING', name: 'Credit rating', blocksSales: false,
                        priorityBoost: 0, confidential: false})
CREATE (alice)-[:HAS_PROFILE]->(ps:PartyState {partyStateId: 'PS-C0000001', customerId: 'C0000001',
                                                createdAt: datetime('2015-03-01T09:00:00Z'), version: 1})
CREATE (ps)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-L1', type: 'VALUE_TIER', value: 'PLATINUM',
  validFrom: datetime('2025-01-01T00:00:00Z'), capturedAt: datetime('2025-01-01T00:00:00Z'), source: 'RISK_ENGINE',
  capturedBy: 'risk'})-[:OF_TYPE]->(tier)
CREATE (rita:ServicingResource {resourceId: 'R000091', name: 'Rita Lowe', kind: 'RELATIONSHIP_MANAGER',
  status: 'AVAILABLE', statusSince: datetime('2026-01-05T08:00:00Z'), languages: ['en'], capacityPhone: 1,
  capacityChat: 1, capacityVideo: 1, capacityBranch: 1, capacityEmail: 1})
CREATE (rita)-[:MANAGES]->(alice)
CREATE (:ServicingResource {resourceId: 'tester', name: 'Tess Ter', kind: 'AGENT', status: 'AVAILABLE',
  statusSince: datetime('2026-01-05T08:00:00Z'), languages: ['en'], capacityPhone: 1, capacityChat: 1,
  capacityVideo: 0, capacityBranch: 0, capacityEmail: 1})
CREATE (sam:ServicingResource {resourceId: 'R000092', name: 'Sam Sellers', kind: 'AGENT', status: 'AVAILABLE',
  statusSince: datetime('2026-01-05T08:00:00Z'), languages: ['en'], capacityPhone: 1, capacityChat: 1,
  capacityVideo: 0, capacityBranch: 0, capacityEmail: 1})
CREATE (sam)-[:MEMBER_OF]->(:ServicingPool {poolId: 'POOL-SALES', name: 'Sales', purpose: 'SALES',
  strategy: 'LEAST_LOAD', offerTimeoutSeconds: 600, serviceLevelSeconds: 20})
CREATE (:Product {productId: 'P-SAVINGS', name: 'Instant Saver', family: 'DEPOSITS',
                  segments: ['MASS', 'AFFLUENT', 'PREMIER', 'PRIVATE']})
CREATE (:Product {productId: 'P-CARD-PLATINUM', name: 'Platinum Credit Card', family: 'CARDS',
                  segments: ['PREMIER', 'PRIVATE'], minCreditRating: 6})
CREATE (:Campaign {campaignId: 'CMP-SAVE-2026', name: 'Save for 2026', type: 'CROSS_SELL', version: 2,
                   startsOn: date('2026-01-01'), endsOn: date('2026-12-31')})
CREATE (:Campaign {campaignId: 'CMP-MORTGAGE-UPGRADE', name: 'Mortgage upgrade', type: 'UP_SELL', version: 1,
                   startsOn: date('2026-01-01'), endsOn: date('2026-06-30')})
CREATE (:Campaign {campaignId: 'CMP-STAY', name: 'Stay with us', type: 'RETENTION', version: 1,
                   startsOn: date('2026-01-01'), endsOn: date('2026-12-31')})
CREATE (alice)-[:HAS_EVENT_LOG]->(aliceLog:CustomerEventLog {eventLogId: 'EL-C0000001', customerId: 'C0000001',
                                                             status: 'ACTIVE'})
CREATE (aliceLog)-[:RECORDED]->(:Event:LifeEvent {eventId: 'EV-L1', customerId: 'C0000001', category: 'LIFE',
  type: 'RELOCATION', occurredAt: datetime('2026-02-01T10:00:00Z'), record: 'Moving to Leeds in May'})
CREATE (bob)-[:HAS_EVENT_LOG]->(bobLog:CustomerEventLog {eventLogId: 'EL-C0000002', customerId: 'C0000002',
                                                         status: 'ACTIVE'})
CREATE (bobLog)-[:RECORDED]->(:Event:LifeEvent {eventId: 'EV-L2', customerId: 'C0000002', category: 'LIFE',
  type: 'MARRIAGE', occurredAt: datetime('2026-02-02T10:00:00Z')})
CREATE (:Allocation {allocationId: 'AL-L1', contactId: 'AL-L1', customerId: 'C0000001', status: 'COMPLETED',
                     channel: 'PHONE', requestedAt: datetime('2026-02-03T09:00:00Z')})-[:FOR_CUSTOMER]->(alice)
CREATE (:Allocation {allocationId: 'AL-L2', contactId: 'AL-L2', customerId: 'C0000002', status: 'COMPLETED',
                     channel: 'CHAT', requestedAt: datetime('2026-02-03T09:30:00Z')})-[:FOR_CUSTOMER]->(bob)
