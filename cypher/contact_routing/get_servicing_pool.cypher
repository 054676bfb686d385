// One servicing pool with its settings, the skills it expects of its members and its members
// with their status; no row when the pool is unknown. Pools written before the timeouts
// existed read as the defaults (30 s to accept an offer, 20 s service level).
// :param poolId => 'POOL-SALES';
MATCH (p:ServicingPool {poolId: $poolId})
RETURN p {.poolId, .name, .purpose, .strategy,
          offerTimeoutSeconds: coalesce(p.offerTimeoutSeconds, 30),
          serviceLevelSeconds: coalesce(p.serviceLevelSeconds, 20),
          skills: [(p)-[:REQUIRES_SKILL]->(s:Skill) | s {.code, .name}],
          members: [(r:ServicingResource)-[:MEMBER_OF]->(p) | r {.resourceId, .name, .kind, .status, .statusSince}]
         } AS pool
