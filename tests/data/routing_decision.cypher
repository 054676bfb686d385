// The routing decision's graph (load small_bank, routing_profiles, portfolio and contact_routing
// first). Skills get a BROADER chain (MORTGAGE_SALES -> LENDING_SALES -> SALES); the mortgage
// NEEDS_SKILL MORTGAGE_SALES; SALES_PROSPECT requires SALES 2 and routes to POOL-SALES; Eva is a
// PLATINUM sales prospect for the mortgage from 2026-01-01 (her RM is Rita, Sam backs Rita up);
// Chloe's RM is nobody, Dieter's related party Acme is Sam's. Sales agents Ben, Fay, Gil and Zed
// join Ann; Fia (fraud desk) and Hal (fraud desk and sales) are fraud specialists. Nobody has
// KYC_REVIEW; no pool has the purpose KYC.
MATCH (sales:Skill {code: 'SALES'}), (mortgages:Skill {code: 'MORTGAGE_SALES'}),
      (collections:Skill {code: 'COLLECTIONS'}), (investigation:Skill {code: 'FRAUD_INVESTIGATION'}),
      (care:Skill {code: 'VULNERABLE_CUSTOMER_CARE'}),
      (salesPool:ServicingPool {poolId: 'POOL-SALES'}), (fraudPool:ServicingPool {poolId: 'POOL-FRAUD'}),
      (mortgage:Product {productId: 'P-MORTGAGE-FIXED'}), (tier:IndicatorType {code: 'VALUE_TIER'}),
      (eva:Customer {customerId: 'C0000007'}),
      (rita:ServicingResource {resourceId: 'R000001'}), (sam:ServicingResource {resourceId: 'R000002'})
CREATE (lending:Skill {code: 'LENDING_SALES', name: 'Lending sales'})
CREATE (:Skill {code: 'KYC_REVIEW', name: 'KYC review'})
CREATE (mortgages)-[:BROADER]->(lending)-[:BROADER]->(sales)
CREATE (mortgage)-[:NEEDS_SKILL]->(mortgages)
CREATE (prospect:IndicatorType {code: 'SALES_PROSPECT', kind: 'STATUS', blocksSales: false, priorityBoost: 0, confidential: false})
CREATE (prospect)-[:REQUIRES_SKILL {minProficiency: 2}]->(sales)
CREATE (prospect)-[:ROUTES_TO]->(salesPool)
CREATE (eva)-[:HAS_PROFILE]->(evaState:PartyState {partyStateId: 'PS-C0000007', customerId: 'C0000007', createdAt: datetime('2024-04-02T09:00:00Z')})
CREATE (evaState)-[:HAS_INDICATOR]->(:Indicator:Status {indicatorId: 'IN-E1', type: 'SALES_PROSPECT', value: 'P-MORTGAGE-FIXED',
  validFrom: datetime('2026-01-01T00:00:00Z'), capturedAt: datetime('2026-01-01T00:00:00Z'), source: 'CRM', capturedBy: 'crm'})-[:OF_TYPE]->(prospect)
CREATE (evaState)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-E2', type: 'VALUE_TIER', value: 'PLATINUM',
  validFrom: datetime('2025-01-01T00:00:00Z'), capturedAt: datetime('2025-01-01T00:00:00Z'), source: 'RISK_ENGINE'})-[:OF_TYPE]->(tier)
SET rita.status = 'BUSY', sam.status = 'OFFLINE'
CREATE (rita)-[:HAS_SKILL {proficiency: 3}]->(mortgages)
CREATE (sam)-[:HAS_SKILL {proficiency: 3}]->(sales)
CREATE (sam)-[:HAS_SKILL {proficiency: 2}]->(mortgages)
CREATE (ben:ServicingResource {resourceId: 'R000011', name: 'Ben Cole', kind: 'AGENT', status: 'AVAILABLE',
  statusSince: datetime('2026-01-05T08:00:00Z'), languages: ['en'], capacityPhone: 2, capacityChat: 2,
  capacityVideo: 0, capacityBranch: 0, capacityEmail: 5})
CREATE (ben)-[:HAS_SKILL {proficiency: 5}]->(sales)
CREATE (ben)-[:HAS_SKILL {proficiency: 2}]->(mortgages)
CREATE (ben)-[:MEMBER_OF]->(salesPool)
CREATE (fay:ServicingResource {resourceId: 'R000012', name: 'Fay Dunn', kind: 'AGENT', status: 'BUSY',
  statusSince: datetime('2026-01-05T07:00:00Z'), languages: ['en', 'fr'], capacityPhone: 1, capacityChat: 2,
  capacityVideo: 0, capacityBranch: 0, capacityEmail: 5})
CREATE (fay)-[:HAS_SKILL {proficiency: 5}]->(sales)
CREATE (fay)-[:HAS_SKILL {proficiency: 5}]->(mortgages)
CREATE (fay)-[:MEMBER_OF]->(salesPool)
CREATE (gil:ServicingResource {resourceId: 'R000013', name: 'Gil Roy', kind: 'AGENT', status: 'AVAILABLE',
  statusSince: datetime('2026-01-05T06:00:00Z'), languages: ['fr'], capacityPhone: 0, capacityChat: 2,
  capacityVideo: 0, capacityBranch: 0, capacityEmail: 0})
CREATE (gil)-[:HAS_SKILL {proficiency: 3}]->(sales)
CREATE (gil)-[:HAS_SKILL {proficiency: 4}]->(mortgages)
CREATE (gil)-[:MEMBER_OF]->(salesPool)
CREATE (zed:ServicingResource {resourceId: 'R000014', name: 'Zed Park', kind: 'AGENT', status: 'AVAILABLE',
  statusSince: datetime('2026-01-05T09:30:00Z'), languages: ['en'], capacityPhone: 1, capacityChat: 1,
  capacityVideo: 0, capacityBranch: 0, capacityEmail: 0})
CREATE (zed)-[:HAS_SKILL {proficiency: 5}]->(sales)
CREATE (zed)-[:MEMBER_OF]->(salesPool)
CREATE (fia:ServicingResource {resourceId: 'R000020', name: 'Fia Holm', kind: 'SPECIALIST', status: 'AVAILABLE',
  statusSince: datetime('2026-01-05T08:30:00Z'), languages: ['en'], capacityPhone: 2, capacityChat: 2,
  capacityVideo: 0, capacityBranch: 0, capacityEmail: 2})
CREATE (hal:ServicingResource {resourceId: 'R000021', name: 'Hal Moss', kind: 'SPECIALIST', status: 'AVAILABLE',
  statusSince: datetime('2026-01-05T07:30:00Z'), languages: ['en'], capacityPhone: 2, capacityChat: 2,
  capacityVideo: 0, capacityBranch: 0, capacityEmail: 2})
FOREACH (specialist IN [fia, hal] |
  CREATE (specialist)-[:HAS_SKILL {proficiency: 4}]->(investigation)
  CREATE (specialist)-[:HAS_SKILL {proficiency: 4}]->(care)
  CREATE (specialist)-[:HAS_SKILL {proficiency: 3}]->(collections)
  CREATE (specialist)-[:MEMBER_OF]->(fraudPool))
CREATE (hal)-[:MEMBER_OF]->(salesPool)
