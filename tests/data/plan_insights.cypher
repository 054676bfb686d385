// For tests/resolvers/customer_relationship_management/test_relationship_plan.py (load after small_bank and relationship_plans):
// what a plan's insights and a campaign grant read.
// Products: P-SAVER is for PREMIER customers only, P-BIZ-LOAN for CORPORATE ones; the small bank's
// three suit everyone. So Alice (PREMIER, holding the current account and the mortgage) holds 2 of
// the 4 products suiting her segment.
// Routing profiles: Alice has a CREDIT_RATING 7 and a VALUE_TIER GOLD in force (SILVER ended);
// Acme Holdings (C0000006) is IN_ARREARS (blocks sales) and under a confidential POSSIBLE_FRAUD alert.
// Ann (R000304) is an AGENT: she may not own a plan.
CREATE (:Product {productId: 'P-SAVER', name: 'Premier Saver', family: 'DEPOSITS', segments: ['PREMIER']})
CREATE (:Product {productId: 'P-BIZ-LOAN', name: 'Business Loan', family: 'LENDING', segments: ['CORPORATE']})
CREATE (:ServicingResource {resourceId: 'R000304', name: 'Ann Agent', kind: 'AGENT', status: 'AVAILABLE',
        languages: ['en'], capacityPhone: 1, capacityVideo: 1, capacityBranch: 1})
MERGE (rating:IndicatorType {code: 'CREDIT_RATING'})
  ON CREATE SET rating.kind = 'RATING', rating.blocksSales = false, rating.priorityBoost = 0, rating.confidential = false
MERGE (tier:IndicatorType {code: 'VALUE_TIER'})
  ON CREATE SET tier.kind = 'RATING', tier.blocksSales = false, tier.priorityBoost = 0, tier.confidential = false
MERGE (arrears:IndicatorType {code: 'IN_ARREARS'})
  ON CREATE SET arrears.kind = 'STATUS', arrears.blocksSales = true, arrears.priorityBoost = 1, arrears.confidential = false
MERGE (fraud:IndicatorType {code: 'POSSIBLE_FRAUD'})
  ON CREATE SET fraud.kind = 'ALERT', fraud.blocksSales = true, fraud.priorityBoost = 3, fraud.confidential = true
WITH rating, tier, arrears, fraud
MATCH (alice:Customer {customerId: 'C0000001'}), (group:Customer {customerId: 'C0000006'})
CREATE (alice)-[:HAS_PROFILE]->(aliceState:PartyState {partyStateId: 'PS-C0000001', customerId: 'C0000001',
                                                       createdAt: datetime() - duration({days: 400})})
CREATE (aliceState)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-PLAN-1', type: 'CREDIT_RATING', value: '7',
  validFrom: datetime() - duration({days: 300}), capturedAt: datetime() - duration({days: 300}), source: 'RISK_ENGINE'})
  -[:OF_TYPE]->(rating)
CREATE (aliceState)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-PLAN-2', type: 'VALUE_TIER', value: 'SILVER',
  validFrom: datetime() - duration({days: 300}), validTo: datetime() - duration({days: 100}),
  capturedAt: datetime() - duration({days: 300}), source: 'CRM'})-[:OF_TYPE]->(tier)
CREATE (aliceState)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-PLAN-3', type: 'VALUE_TIER', value: 'GOLD',
  validFrom: datetime() - duration({days: 100}), capturedAt: datetime() - duration({days: 100}), source: 'CRM'})
  -[:OF_TYPE]->(tier)
CREATE (group)-[:HAS_PROFILE]->(groupState:PartyState {partyStateId: 'PS-C0000006', customerId: 'C0000006',
                                                       createdAt: datetime() - duration({days: 400})})
CREATE (groupState)-[:HAS_INDICATOR]->(:Indicator:Status {indicatorId: 'IN-PLAN-4', type: 'IN_ARREARS', value: '30_DPD',
  validFrom: datetime() - duration({days: 10}), capturedAt: datetime() - duration({days: 10}), source: 'CORE_BANKING'})
  -[:OF_TYPE]->(arrears)
CREATE (groupState)-[:HAS_INDICATOR]->(:Indicator:Alert {indicatorId: 'IN-PLAN-5', type: 'POSSIBLE_FRAUD',
  value: 'ACCOUNT_TAKEOVER', validFrom: datetime() - duration({days: 5}), capturedAt: datetime() - duration({days: 5}),
  source: 'FRAUD_ENGINE'})-[:OF_TYPE]->(fraud)
