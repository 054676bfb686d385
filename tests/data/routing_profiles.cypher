// Routing profiles for the small bank (load small_bank.cypher first): Alice has history in
// every category and a confidential fraud alert; Bob has an empty profile; Chloe has none.
MATCH (alice:Customer {customerId: 'C0000001'}), (bob:Customer {customerId: 'C0000002'})
CREATE (arrears:IndicatorType {code: 'IN_ARREARS', kind: 'STATUS', blocksSales: true, priorityBoost: 1, confidential: false})
CREATE (tier:IndicatorType {code: 'VALUE_TIER', kind: 'RATING', blocksSales: false, priorityBoost: 0, confidential: false})
CREATE (fraud:IndicatorType {code: 'POSSIBLE_FRAUD', kind: 'ALERT', blocksSales: true, priorityBoost: 3, confidential: true})
CREATE (vulnerable:IndicatorType {code: 'VULNERABLE_CUSTOMER', kind: 'ALERT', blocksSales: false, priorityBoost: 1, confidential: false})
CREATE (alice)-[:HAS_PROFILE]->(ps:PartyState {partyStateId: 'PS-C0000001', customerId: 'C0000001', createdAt: datetime('2015-03-01T09:00:00Z')})
CREATE (bob)-[:HAS_PROFILE]->(:PartyState {partyStateId: 'PS-C0000002', customerId: 'C0000002', createdAt: datetime('2016-05-10T09:00:00Z')})
CREATE (ps)-[:HAS_INDICATOR]->(:Indicator:Status {indicatorId: 'IN-1', type: 'IN_ARREARS', value: '30_DPD', narrative: 'Missed the January mortgage payment',
  validFrom: datetime('2026-01-10T00:00:00Z'), validTo: datetime('2026-02-10T00:00:00Z'), capturedAt: datetime('2026-01-10T06:00:00Z'), source: 'CORE_BANKING', capturedBy: 'batch'})-[:OF_TYPE]->(arrears)
CREATE (ps)-[:HAS_INDICATOR]->(:Indicator:Status {indicatorId: 'IN-2', type: 'IN_ARREARS', value: '60_DPD', narrative: 'February payment missed too',
  validFrom: datetime('2026-02-10T00:00:00Z'), capturedAt: datetime('2026-02-10T06:00:00Z'), source: 'CORE_BANKING', capturedBy: 'batch'})-[:OF_TYPE]->(arrears)
CREATE (ps)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-3', type: 'VALUE_TIER', value: 'GOLD',
  validFrom: datetime('2025-01-01T00:00:00Z'), validTo: datetime('2026-03-01T00:00:00Z'), capturedAt: datetime('2025-01-01T00:00:00Z'), source: 'RISK_ENGINE'})-[:OF_TYPE]->(tier)
CREATE (ps)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-4', type: 'VALUE_TIER', value: 'PLATINUM',
  validFrom: datetime('2026-03-01T00:00:00Z'), capturedAt: datetime('2026-03-01T00:00:00Z'), source: 'RISK_ENGINE'})-[:OF_TYPE]->(tier)
CREATE (ps)-[:HAS_INDICATOR]->(:Indicator:Alert {indicatorId: 'IN-5', type: 'POSSIBLE_FRAUD', value: 'ACCOUNT_TAKEOVER', narrative: 'Login from a new device abroad',
  validFrom: datetime('2026-03-05T00:00:00Z'), capturedAt: datetime('2026-03-05T00:00:00Z'), source: 'FRAUD_ENGINE', capturedBy: 'fraud-desk'})-[:OF_TYPE]->(fraud)
CREATE (ps)-[:HAS_INDICATOR]->(:Indicator:Alert {indicatorId: 'IN-6', type: 'VULNERABLE_CUSTOMER', value: 'BEREAVEMENT', narrative: 'Partner passed away in January',
  validFrom: datetime('2026-02-01T00:00:00Z'), capturedAt: datetime('2026-02-01T10:00:00Z'), source: 'BRANCH', capturedBy: 'rm-017'})-[:OF_TYPE]->(vulnerable)
