// Creates ServicingResource nodes with the skills they HAVE_SKILL in and the pools they are MEMBER_OF.
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
