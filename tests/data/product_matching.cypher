// Product matching (load small_bank and lead_procedure first). Alice (C0000001, PREMIER, credit
// rating 4) shares a household with Bob (PREMIER, also her SPOUSE) and Chloe (MASS, her child);
// Acme (CORPORATE) is related to her as EMPLOYER and DIRECTOR. Four PREMIER peers C0000011-14, of
// whom three hold an investment account; C0000014 is IN_ARREARS (blocks sales). Alice holds the
// current account (Bob too), has an open lead for the home insurance Bob holds, may not have the
// platinum card Bob holds (needs rating 6) nor the business loan Acme holds (CORPORATE only).
MATCH (alice:Customer {customerId: 'C0000001'}), (bob:Customer {customerId: 'C0000002'}),
      (chloe:Customer {customerId: 'C0000003'}), (acme:Customer {customerId: 'C0000004'}),
      (aliceState:PartyState {partyStateId: 'PS-C0000001'}), (rating:IndicatorType {code: 'CREDIT_RATING'}),
      (savings:Product {productId: 'P-SAVINGS'}), (platinum:Product {productId: 'P-CARD-PLATINUM'}),
      (gold:Product {productId: 'P-CARD-GOLD'})
CREATE (aliceState)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-M1', type: 'CREDIT_RATING', value: '4',
  validFrom: datetime('2025-01-01T00:00:00Z'), capturedAt: datetime('2025-01-01T00:00:00Z'), source: 'RISK_ENGINE',
  capturedBy: 'risk'})-[:OF_TYPE]->(rating)
CREATE (invest:Product {productId: 'P-INVEST', name: 'Investment Account', family: 'INVESTMENTS',
                        segments: ['PREMIER', 'PRIVATE']})
CREATE (loan:Product {productId: 'P-BUSINESS-LOAN', name: 'Business Loan', family: 'LENDING',
                      segments: ['SMALL_BUSINESS', 'CORPORATE']})
CREATE (insurance:Product {productId: 'P-HOME-INSURANCE', name: 'Home Insurance', family: 'INSURANCE'})
CREATE (bob)-[:HOLDS {since: date('2020-01-01'), status: 'ACTIVE'}]->(savings)
CREATE (chloe)-[:HOLDS {since: date('2022-01-01'), status: 'ACTIVE'}]->(savings)
CREATE (bob)-[:HOLDS {since: date('2021-01-01'), status: 'ACTIVE'}]->(platinum)
CREATE (bob)-[:HOLDS {since: date('2021-01-01'), status: 'ACTIVE'}]->(insurance)
CREATE (acme)-[:HOLDS {since: date('2018-01-01'), status: 'ACTIVE'}]->(gold)
CREATE (acme)-[:HOLDS {since: date('2018-01-01'), status: 'ACTIVE'}]->(loan)
CREATE (alice)-[:HAS_LEAD]->(:Lead {leadId: 'LD-MATCH-OPEN', status: 'CAPTURED', campaignType: 'CROSS_SELL',
  source: 'MANUAL', priority: 3, suspended: false, score: 45, classification: 'WARM', productType: 'INSURANCE', createdAt: datetime('2026-01-10T09:00:00Z'),
  updatedAt: datetime('2026-01-10T09:00:00Z'), capturedBy: 'tester', updatedBy: 'tester'})-[:FOR_PRODUCT]->(insurance)
WITH invest
UNWIND range(11, 14) AS n
CREATE (peer:Customer {customerId: 'C00000' + n, name: 'Peer ' + n, searchName: 'peer ' + n, kind: 'PERSON',
                       segment: 'PREMIER', status: 'ACTIVE', language: 'en', country: 'GB',
                       customerSince: date('2020-01-01')})
FOREACH (_ IN CASE WHEN n < 14 THEN [1] ELSE [] END |
  CREATE (peer)-[:HOLDS {since: date('2023-01-01'), status: 'ACTIVE'}]->(invest))
WITH peer, n WHERE n = 14
MERGE (arrears:IndicatorType {code: 'IN_ARREARS'})
  ON CREATE SET arrears.kind = 'FLAG', arrears.name = 'In arrears', arrears.blocksSales = true,
                arrears.priorityBoost = 0, arrears.confidential = false
CREATE (peer)-[:HAS_PROFILE]->(ps:PartyState {partyStateId: 'PS-C0000014', customerId: 'C0000014',
                                              createdAt: datetime('2020-01-01T00:00:00Z'), version: 1})
CREATE (ps)-[:HAS_INDICATOR]->(:Indicator:Flag {indicatorId: 'IN-M2', type: 'IN_ARREARS', value: 'true',
  validFrom: datetime('2025-06-01T00:00:00Z'), capturedAt: datetime('2025-06-01T00:00:00Z'), source: 'COLLECTIONS',
  capturedBy: 'collections'})-[:OF_TYPE]->(arrears)
