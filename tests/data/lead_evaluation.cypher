// Leads to evaluate and assign (load small_bank, routing_profiles, portfolio, contact_routing and
// routing_decision first). The mortgage is sold to persons with a credit rating of 6 or more; the
// current account to anyone. One customer per check that fails, each with one open lead:
//   Nina   (C0000101) MASS, ACTIVE, rating 8, no RM: passes everything; her lead goes to sales (Ann).
//   Omar   (C0000102) DORMANT.
//   Paul   (C0000103) a confidential POSSIBLE_FRAUD alert in force (and an IN_ARREARS that ended).
//   Quinn  (C0000104) SMALL_BUSINESS: the mortgage is not for that segment.
//   Rosa   (C0000105) holds the mortgage; her UP_SELL lead upsells it (passes).
//   Sven   (C0000106) holds the mortgage; his CROSS_SELL lead does not say so (fails).
//   Tom    (C0000107) rating 4 now (9 until 2025).
//   Uma    (C0000108) no credit rating.
//   Vera   (C0000109) speaks Italian, no RM: nobody can take her lead.
// Eva (C0000007, the portfolio's, RM Rita who is BUSY) has an open lead owned by nobody; Nina's
// current-account lead is owned by Ben (R000011); her earlier mortgage lead was won (closed).
MATCH (mortgage:Product {productId: 'P-MORTGAGE-FIXED'}), (current:Product {productId: 'P-CURRENT'}),
      (fraud:IndicatorType {code: 'POSSIBLE_FRAUD'}), (arrears:IndicatorType {code: 'IN_ARREARS'}),
      (eva:Customer {customerId: 'C0000007'}), (ben:ServicingResource {resourceId: 'R000011'})
SET mortgage.segments = ['MASS', 'AFFLUENT', 'PREMIER', 'PRIVATE'], mortgage.minCreditRating = 6
MERGE (rating:IndicatorType {code: 'CREDIT_RATING'})
  SET rating.kind = 'RATING', rating.blocksSales = false, rating.priorityBoost = 0, rating.confidential = false
WITH *
UNWIND [
  {id: 'C0000101', name: 'Nina Berg', segment: 'MASS', status: 'ACTIVE', language: 'en', ratings: [{value: '8', from: '2024-01-01T00:00:00Z'}]},
  {id: 'C0000102', name: 'Omar Said', segment: 'MASS', status: 'DORMANT', language: 'en', ratings: [{value: '8', from: '2024-01-01T00:00:00Z'}]},
  {id: 'C0000103', name: 'Paul Roux', segment: 'MASS', status: 'ACTIVE', language: 'en', ratings: [{value: '8', from: '2024-01-01T00:00:00Z'}]},
  {id: 'C0000104', name: 'Quinn Supplies Ltd', segment: 'SMALL_BUSINESS', status: 'ACTIVE', language: 'en', ratings: [{value: '8', from: '2024-01-01T00:00:00Z'}]},
  {id: 'C0000105', name: 'Rosa Lind', segment: 'AFFLUENT', status: 'ACTIVE', language: 'en', ratings: [{value: '8', from: '2024-01-01T00:00:00Z'}]},
  {id: 'C0000106', name: 'Sven Aal', segment: 'AFFLUENT', status: 'ACTIVE', language: 'en', ratings: [{value: '8', from: '2024-01-01T00:00:00Z'}]},
  {id: 'C0000107', name: 'Tom Hale', segment: 'MASS', status: 'ACTIVE', language: 'en',
   ratings: [{value: '9', from: '2022-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z'}, {value: '4', from: '2025-01-01T00:00:00Z'}]},
  {id: 'C0000108', name: 'Uma Dev', segment: 'MASS', status: 'ACTIVE', language: 'en', ratings: []},
  {id: 'C0000109', name: 'Vera Conti', segment: 'MASS', status: 'ACTIVE', language: 'it', ratings: [{value: '8', from: '2024-01-01T00:00:00Z'}]}
] AS row
CREATE (c:Customer {customerId: row.id, name: row.name, searchName: toLower(row.name), kind: 'PERSON', segment: row.segment,
  status: row.status, language: row.language, country: 'GB', customerSince: date('2020-01-01')})
CREATE (c)-[:HAS_PROFILE]->(ps:PartyState {partyStateId: 'PS-' + row.id, customerId: row.id, createdAt: datetime('2020-01-01T00:00:00Z')})
FOREACH (r IN row.ratings |
  CREATE (ps)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-' + row.id + '-' + r.value, type: 'CREDIT_RATING', value: r.value,
    validFrom: datetime(r.from), validTo: CASE WHEN r.to IS NOT NULL THEN datetime(r.to) END,
    capturedAt: datetime(r.from), source: 'RISK_ENGINE'})-[:OF_TYPE]->(rating))
CREATE (c)-[:HAS_LEAD]->(l:Lead {leadId: 'L' + substring(row.id, 1), status: 'QUALIFYING',
  campaignType: CASE row.id WHEN 'C0000105' THEN 'UP_SELL' ELSE 'CROSS_SELL' END, source: 'MANUAL', priority: 3,
  createdAt: datetime('2026-01-02T09:00:00Z')})-[:FOR_PRODUCT]->(mortgage)
FOREACH (holder IN CASE WHEN row.id IN ['C0000105', 'C0000106'] THEN [c] ELSE [] END |
  CREATE (holder)-[:HOLDS {since: date('2021-01-01'), status: 'ACTIVE'}]->(mortgage))
FOREACH (upsell IN CASE WHEN row.id = 'C0000105' THEN [l] ELSE [] END | CREATE (upsell)-[:UPSELLS]->(mortgage))
FOREACH (blocked IN CASE WHEN row.id = 'C0000103' THEN [ps] ELSE [] END |
  CREATE (blocked)-[:HAS_INDICATOR]->(:Indicator:Alert {indicatorId: 'IN-P1', type: 'POSSIBLE_FRAUD', value: 'ACCOUNT_TAKEOVER',
    validFrom: datetime('2025-06-01T00:00:00Z'), capturedAt: datetime('2025-06-01T00:00:00Z'), source: 'FRAUD_ENGINE'})-[:OF_TYPE]->(fraud)
  CREATE (blocked)-[:HAS_INDICATOR]->(:Indicator:Status {indicatorId: 'IN-P2', type: 'IN_ARREARS', value: '30_DPD',
    validFrom: datetime('2024-01-01T00:00:00Z'), validTo: datetime('2024-03-01T00:00:00Z'), capturedAt: datetime('2024-01-01T00:00:00Z'),
    source: 'CORE_BANKING'})-[:OF_TYPE]->(arrears))
WITH DISTINCT eva, ben, mortgage, current
MATCH (nina:Customer {customerId: 'C0000101'})
CREATE (eva)-[:HAS_LEAD]->(:Lead {leadId: 'L0000007', status: 'CAPTURED', campaignType: 'CROSS_SELL', source: 'MANUAL',
  priority: 3, createdAt: datetime('2026-01-02T09:00:00Z')})-[:FOR_PRODUCT]->(mortgage)
CREATE (nina)-[:HAS_LEAD]->(owned:Lead {leadId: 'L0000201', status: 'CONFIRMED', campaignType: 'CROSS_SELL', source: 'MANUAL',
  priority: 3, createdAt: datetime('2026-01-02T09:00:00Z')})-[:FOR_PRODUCT]->(current)
CREATE (owned)-[:OWNED_BY]->(ben)
CREATE (nina)-[:HAS_LEAD]->(won:Lead {leadId: 'L0000202', status: 'WON', campaignType: 'CROSS_SELL', source: 'MANUAL',
  priority: 3, createdAt: datetime('2025-01-02T09:00:00Z'), closedAt: datetime('2025-02-02T09:00:00Z')})-[:FOR_PRODUCT]->(mortgage)
// What every captured lead carries besides (docs/lead-and-opportunity.md), so Lead reads them whole.
WITH 1 AS done
MATCH (l:Lead) WHERE l.score IS NULL
SET l.score = 55, l.classification = 'WARM', l.suspended = false, l.updatedAt = l.createdAt, l.capturedBy = 'crm',
    l.updatedBy = 'crm'
