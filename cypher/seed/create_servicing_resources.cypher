// Creates ServicingResource nodes with the skills they HAVE_SKILL in and the pools they are MEMBER_OF.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{resourceId: 'R000003', name: 'George Williams', kind: 'AGENT', status: 'BUSY', statusSince: 1767200211, languages: ['en'], capacityPhone: 1, capacityChat: 3, capacityVideo: 0, capacityBranch: 0, capacityEmail: 5, skills: [{code: 'SERVICING', proficiency: 4}], pools: ['POOL-SERVICING']}];
UNWIND $rows AS row
CREATE (r:ServicingResource {
  resourceId: row.resourceId, name: row.name, kind: row.kind, status: row.status,
  statusSince: datetime({epochSeconds: row.statusSince}), languages: row.languages,
  capacityPhone: row.capacityPhone, capacityChat: row.capacityChat, capacityVideo: row.capacityVideo,
  capacityBranch: row.capacityBranch, capacityEmail: row.capacityEmail
})
WITH r, row
CALL (r, row) {
  UNWIND row.skills AS skill
  MATCH (s:Skill {code: skill.code})
  CREATE (r)-[:HAS_SKILL {proficiency: skill.proficiency}]->(s)
}
CALL (r, row) {
  UNWIND row.pools AS poolId
  MATCH (pool:ServicingPool {poolId: poolId})
  CREATE (r)-[:MEMBER_OF]->(pool)
}
