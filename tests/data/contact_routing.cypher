// Servicing pools and resources for contact routing (load small_bank.cypher, routing_profiles.cypher
// and portfolio.cypher first): the portfolio's pools get their settings, a sales pool is added
// with its skills, Rita and Sam (the portfolio's RMs) become full resources in a premier pool,
// Sam backs Rita up, and Ann is a sales agent, available since 2026-01-05 09:00.
CREATE (sales:Skill {code: 'SALES', name: 'Sales'})
CREATE (mortgages:Skill {code: 'MORTGAGE_SALES', name: 'Mortgage sales'})
CREATE (salesPool:ServicingPool {poolId: 'POOL-SALES', name: 'Sales and cross-sell', purpose: 'SALES', strategy: 'LEAST_LOAD',
  offerTimeoutSeconds: 45, serviceLevelSeconds: 30})
CREATE (salesPool)-[:REQUIRES_SKILL]->(sales)
CREATE (premier:ServicingPool {poolId: 'POOL-PREMIER', name: 'Premier team', purpose: 'PREMIER', strategy: 'LEAST_LOAD'})
CREATE (ann:ServicingResource {resourceId: 'R000010', name: 'Ann Lee', kind: 'AGENT', status: 'AVAILABLE',
  statusSince: datetime('2026-01-05T09:00:00Z'), languages: ['en', 'fr'], capacityPhone: 1, capacityChat: 3,
  capacityVideo: 0, capacityBranch: 0, capacityEmail: 5})
CREATE (ann)-[:HAS_SKILL {proficiency: 4}]->(sales)
CREATE (ann)-[:HAS_SKILL {proficiency: 3}]->(mortgages)
CREATE (ann)-[:MEMBER_OF]->(salesPool)
WITH sales, premier
MATCH (collections:ServicingPool {poolId: 'POOL-COLLECTIONS'}), (fraud:ServicingPool {poolId: 'POOL-FRAUD'}),
      (care:ServicingPool {poolId: 'POOL-VULNERABLE-CARE'})
SET collections.purpose = 'COLLECTIONS', collections.strategy = 'ROUND_ROBIN',
    fraud.purpose = 'FRAUD', fraud.strategy = 'LONGEST_IDLE',
    care.purpose = 'VULNERABLE_CARE', care.strategy = 'LONGEST_IDLE'
WITH sales, premier
MATCH (rita:ServicingResource {resourceId: 'R000001'}), (sam:ServicingResource {resourceId: 'R000002'})
SET rita.status = 'BUSY', rita.statusSince = datetime('2026-01-05T10:00:00Z'), rita.languages = ['en'],
    rita.capacityPhone = 1, rita.capacityChat = 2, rita.capacityVideo = 1, rita.capacityBranch = 1, rita.capacityEmail = 10,
    sam.status = 'OFFLINE', sam.statusSince = datetime('2026-01-04T18:00:00Z'), sam.languages = ['en', 'de'],
    sam.capacityPhone = 1, sam.capacityChat = 2, sam.capacityVideo = 1, sam.capacityBranch = 1, sam.capacityEmail = 10
CREATE (rita)-[:MEMBER_OF]->(premier)
CREATE (sam)-[:MEMBER_OF]->(premier)
CREATE (rita)-[:HAS_SKILL {proficiency: 3}]->(sales)
CREATE (sam)-[:BACKUP_FOR]->(rita)
