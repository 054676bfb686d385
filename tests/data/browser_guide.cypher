// The relationship managers and alerts the Neo4j Browser guide (docs/browser/guide.html) names,
// as the demo bank has them (graph/seed/story.py), on top of small_bank.cypher: R000001 manages
// Alice and Bob and is backup for R000002, who manages Acme and its holding. Alice has an open
// complaint (in force) and a vulnerable-customer alert that ended last month; Acme a fraud alert
// in force; Bob a current rating (not an alert). Dates count from now, as the demo bank's do.
MATCH (alice:Customer {customerId: 'C0000001'}), (bob:Customer {customerId: 'C0000002'}),
      (acme:Customer {customerId: 'C0000004'}), (group:Customer {customerId: 'C0000006'})
CREATE (premier:ServicingResource {resourceId: 'R000001', name: 'Priya Shah', kind: 'RELATIONSHIP_MANAGER', status: 'AVAILABLE'})
CREATE (corporate:ServicingResource {resourceId: 'R000002', name: 'Tom Okafor', kind: 'RELATIONSHIP_MANAGER', status: 'AVAILABLE'})
CREATE (premier)-[:MANAGES]->(alice), (premier)-[:MANAGES]->(bob)
CREATE (corporate)-[:MANAGES]->(acme), (corporate)-[:MANAGES]->(group)
CREATE (premier)-[:BACKUP_FOR]->(corporate)
CREATE (complaint:IndicatorType {code: 'COMPLAINT_OPEN', kind: 'ALERT', blocksSales: false, priorityBoost: 1, confidential: false})
CREATE (vulnerable:IndicatorType {code: 'VULNERABLE_CUSTOMER', kind: 'ALERT', blocksSales: false, priorityBoost: 1, confidential: false})
CREATE (fraud:IndicatorType {code: 'POSSIBLE_FRAUD', kind: 'ALERT', blocksSales: true, priorityBoost: 3, confidential: true})
CREATE (tier:IndicatorType {code: 'VALUE_TIER', kind: 'RATING', blocksSales: false, priorityBoost: 0, confidential: false})
CREATE (alice)-[:HAS_PROFILE]->(ps1:PartyState {partyStateId: 'PS-C0000001', customerId: 'C0000001', createdAt: datetime() - duration({days: 400})})
CREATE (bob)-[:HAS_PROFILE]->(ps2:PartyState {partyStateId: 'PS-C0000002', customerId: 'C0000002', createdAt: datetime() - duration({days: 400})})
CREATE (acme)-[:HAS_PROFILE]->(ps4:PartyState {partyStateId: 'PS-C0000004', customerId: 'C0000004', createdAt: datetime() - duration({days: 400})})
CREATE (ps1)-[:HAS_INDICATOR]->(:Indicator:Alert {indicatorId: 'IN-C0000001-01', type: 'COMPLAINT_OPEN', value: 'FEES', narrative: 'Disputes the account fees',
  validFrom: datetime() - duration({days: 20}), capturedAt: datetime() - duration({days: 20}), source: 'CONTACT_CENTRE', capturedBy: 'contact-centre'})-[:OF_TYPE]->(complaint)
CREATE (ps1)-[:HAS_INDICATOR]->(:Indicator:Alert {indicatorId: 'IN-C0000001-02', type: 'VULNERABLE_CUSTOMER', value: 'ILL_HEALTH', narrative: 'In hospital, back home since',
  validFrom: datetime() - duration({days: 90}), validTo: datetime() - duration({days: 30}), capturedAt: datetime() - duration({days: 90}), source: 'CRM', capturedBy: 'R000001'})-[:OF_TYPE]->(vulnerable)
CREATE (ps4)-[:HAS_INDICATOR]->(:Indicator:Alert {indicatorId: 'IN-C0000004-01', type: 'POSSIBLE_FRAUD', value: 'UNUSUAL_TRANSFER', narrative: 'Large transfer to a new payee',
  validFrom: datetime() - duration({days: 2}), capturedAt: datetime() - duration({days: 2}), source: 'RISK_ENGINE', capturedBy: 'risk-engine'})-[:OF_TYPE]->(fraud)
CREATE (ps2)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-C0000002-01', type: 'VALUE_TIER', value: 'GOLD',
  validFrom: datetime() - duration({days: 200}), capturedAt: datetime() - duration({days: 200}), source: 'RISK_ENGINE', capturedBy: 'risk-engine'})-[:OF_TYPE]->(tier)
