// One servicing resource with its skills, pools, capacity per channel, status, the number
// of customers it manages and its backup; no row when the resource is unknown.
// :param resourceId => 'R000011';
MATCH (r:ServicingResource {resourceId: $resourceId})
RETURN r {.resourceId, .name, .kind, .status, .statusSince,
          languages: coalesce(r.languages, []),
          capacityPhone: coalesce(r.capacityPhone, 0), capacityChat: coalesce(r.capacityChat, 0),
          capacityVideo: coalesce(r.capacityVideo, 0), capacityBranch: coalesce(r.capacityBranch, 0),
          capacityEmail: coalesce(r.capacityEmail, 0),
          skills: [(r)-[h:HAS_SKILL]->(s:Skill) | {code: s.code, name: s.name, proficiency: h.proficiency}],
          pools: [(r)-[:MEMBER_OF]->(p:ServicingPool) | p {.poolId, .name}],
          managedCustomers: count { (r)-[:MANAGES]->(:Customer) },
          backup: [(b:ServicingResource)-[:BACKUP_FOR]->(r) | b {.resourceId, .name}][0]
         } AS resource
