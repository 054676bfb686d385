// A portfolio for analytics and the presenting check (load small_bank.cypher, then
// routing_profiles.cypher, first). It sets the routing policy of the indicator types
// (skills, pools), adds DORMANT and COMPLAINT_OPEN, a seventh customer (Eva, PREMIER, no
// profile), two relationship managers (Rita: Alice, Bob, Eva; Sam: the two Acme companies;
// Chloe and Dieter have none) and indicators spread over January to March 2026.
MERGE (arrears:IndicatorType {code: 'IN_ARREARS'})
  SET arrears.kind = 'STATUS', arrears.blocksSales = true, arrears.priorityBoost = 1, arrears.confidential = false
MERGE (tier:IndicatorType {code: 'VALUE_TIER'})
  SET tier.kind = 'RATING', tier.blocksSales = false, tier.priorityBoost = 0, tier.confidential = false
MERGE (fraud:IndicatorType {code: 'POSSIBLE_FRAUD'})
  SET fraud.kind = 'ALERT', fraud.blocksSales = true, fraud.priorityBoost = 3, fraud.confidential = true
MERGE (vulnerable:IndicatorType {code: 'VULNERABLE_CUSTOMER'})
  SET vulnerable.kind = 'ALERT', vulnerable.blocksSales = false, vulnerable.priorityBoost = 1, vulnerable.confidential = false
MERGE (dormant:IndicatorType {code: 'DORMANT'})
  SET dormant.kind = 'STATUS', dormant.blocksSales = false, dormant.priorityBoost = 0, dormant.confidential = false
MERGE (complaint:IndicatorType {code: 'COMPLAINT_OPEN'})
  SET complaint.kind = 'ALERT', complaint.blocksSales = false, complaint.priorityBoost = 1, complaint.confidential = false
CREATE (collections:Skill {code: 'COLLECTIONS', name: 'Collections'})
CREATE (investigation:Skill {code: 'FRAUD_INVESTIGATION', name: 'Fraud investigation'})
CREATE (care:Skill {code: 'VULNERABLE_CUSTOMER_CARE', name: 'Vulnerable customer care'})
CREATE (complaints:Skill {code: 'COMPLAINTS_HANDLING', name: 'Complaints handling'})
CREATE (collectionsPool:ServicingPool {poolId: 'POOL-COLLECTIONS', name: 'Collections'})
CREATE (fraudPool:ServicingPool {poolId: 'POOL-FRAUD', name: 'Fraud desk'})
CREATE (carePool:ServicingPool {poolId: 'POOL-VULNERABLE-CARE', name: 'Vulnerable customer care'})
// Vulnerable customer care is needed by three types at different levels: the check takes the highest it may show.
CREATE (arrears)-[:REQUIRES_SKILL {minProficiency: 2}]->(collections)
CREATE (arrears)-[:REQUIRES_SKILL {minProficiency: 1}]->(care)
CREATE (arrears)-[:ROUTES_TO]->(collectionsPool)
CREATE (fraud)-[:REQUIRES_SKILL {minProficiency: 3}]->(investigation)
CREATE (fraud)-[:REQUIRES_SKILL {minProficiency: 4}]->(care)
CREATE (fraud)-[:ROUTES_TO]->(fraudPool)
CREATE (vulnerable)-[:REQUIRES_SKILL {minProficiency: 3}]->(care)
CREATE (vulnerable)-[:ROUTES_TO]->(carePool)
CREATE (complaint)-[:REQUIRES_SKILL {minProficiency: 2}]->(complaints)
WITH arrears, tier, fraud, vulnerable, dormant, complaint
MATCH (alice:Customer {customerId: 'C0000001'}), (bob:Customer {customerId: 'C0000002'}),
      (chloe:Customer {customerId: 'C0000003'}), (acme:Customer {customerId: 'C0000004'}),
      (dieter:Customer {customerId: 'C0000005'}), (group:Customer {customerId: 'C0000006'}),
      (:Customer {customerId: 'C0000002'})-[:HAS_PROFILE]->(bobState:PartyState)
CREATE (eva:Customer {customerId: 'C0000007', name: 'Eva Novak', searchName: 'eva novak', kind: 'PERSON', segment: 'PREMIER',
  status: 'ACTIVE', language: 'en', country: 'GB', customerSince: date('2024-04-02')})
CREATE (rita:ServicingResource {resourceId: 'R000001', name: 'Rita Patel', kind: 'RELATIONSHIP_MANAGER'})
CREATE (sam:ServicingResource {resourceId: 'R000002', name: 'Sam Okafor', kind: 'RELATIONSHIP_MANAGER'})
CREATE (rita)-[:MANAGES {since: date('2020-01-01')}]->(alice)
CREATE (rita)-[:MANAGES {since: date('2020-01-01')}]->(bob)
CREATE (rita)-[:MANAGES {since: date('2024-04-02')}]->(eva)
CREATE (sam)-[:MANAGES {since: date('2019-05-01')}]->(acme)
CREATE (sam)-[:MANAGES {since: date('2019-05-01')}]->(group)
CREATE (bobState)-[:HAS_INDICATOR]->(:Indicator:Alert {indicatorId: 'IN-B1', type: 'COMPLAINT_OPEN', value: 'FEES', narrative: 'Disputes the overdraft fee',
  validFrom: datetime('2026-01-14T09:00:00Z'), validTo: datetime('2026-02-04T16:00:00Z'), capturedAt: datetime('2026-01-14T09:00:00Z'),
  source: 'CONTACT_CENTRE', capturedBy: 'contact-centre'})-[:OF_TYPE]->(complaint)
CREATE (bobState)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-B2', type: 'VALUE_TIER', value: 'GOLD',
  validFrom: datetime('2025-06-01T00:00:00Z'), capturedAt: datetime('2025-06-01T00:00:00Z'), source: 'RISK_ENGINE'})-[:OF_TYPE]->(tier)
CREATE (chloe)-[:HAS_PROFILE]->(chloeState:PartyState {partyStateId: 'PS-C0000003', customerId: 'C0000003', createdAt: datetime('2021-09-01T09:00:00Z')})
CREATE (chloeState)-[:HAS_INDICATOR]->(:Indicator:Alert {indicatorId: 'IN-C1', type: 'VULNERABLE_CUSTOMER', value: 'LOW_CAPABILITY', narrative: 'Needs help with online banking',
  validFrom: datetime('2026-02-12T10:00:00Z'), capturedAt: datetime('2026-02-12T10:00:00Z'), source: 'BRANCH', capturedBy: 'R000001'})-[:OF_TYPE]->(vulnerable)
CREATE (acme)-[:HAS_PROFILE]->(acmeState:PartyState {partyStateId: 'PS-C0000004', customerId: 'C0000004', createdAt: datetime('2010-01-15T09:00:00Z')})
CREATE (acmeState)-[:HAS_INDICATOR]->(:Indicator:Alert {indicatorId: 'IN-A1', type: 'POSSIBLE_FRAUD', value: 'UNUSUAL_TRANSFER', narrative: 'Large transfer to a new payee',
  validFrom: datetime('2026-01-20T08:00:00Z'), validTo: datetime('2026-01-28T12:00:00Z'), capturedAt: datetime('2026-01-20T08:00:00Z'),
  source: 'FRAUD_ENGINE', capturedBy: 'fraud-desk'})-[:OF_TYPE]->(fraud)
CREATE (acmeState)-[:HAS_INDICATOR]->(:Indicator:Status {indicatorId: 'IN-A2', type: 'IN_ARREARS', value: '30_DPD', narrative: 'Loan instalment unpaid',
  validFrom: datetime('2026-02-11T00:00:00Z'), capturedAt: datetime('2026-02-11T06:00:00Z'), source: 'CORE_BANKING', capturedBy: 'batch'})-[:OF_TYPE]->(arrears)
CREATE (dieter)-[:HAS_PROFILE]->(dieterState:PartyState {partyStateId: 'PS-C0000005', customerId: 'C0000005', createdAt: datetime('2012-07-07T09:00:00Z')})
CREATE (dieterState)-[:HAS_INDICATOR]->(:Indicator:Status {indicatorId: 'IN-D1', type: 'DORMANT', value: 'NO_ACTIVITY_12M',
  validFrom: datetime('2025-06-01T00:00:00Z'), capturedAt: datetime('2025-06-01T02:00:00Z'), source: 'CORE_BANKING', capturedBy: 'batch'})-[:OF_TYPE]->(dormant)
CREATE (group)-[:HAS_PROFILE]->(groupState:PartyState {partyStateId: 'PS-C0000006', customerId: 'C0000006', createdAt: datetime('2009-11-30T09:00:00Z')})
CREATE (groupState)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-G1', type: 'VALUE_TIER', value: 'PLATINUM',
  validFrom: datetime('2024-01-01T00:00:00Z'), capturedAt: datetime('2024-01-01T00:00:00Z'), source: 'RISK_ENGINE'})-[:OF_TYPE]->(tier)
