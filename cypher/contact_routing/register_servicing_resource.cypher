// Creates a servicing resource, OFFLINE since now, and who registered it when. The uniqueness
// constraint on resourceId turns a concurrent second registration into a constraint error.
// Runs after unknown_references, in the same transaction; link_resource_skills and
// link_resource_pools then link its skills and pools.
CREATE (r:ServicingResource {
  resourceId: $resourceId, name: $name, kind: $kind, status: 'OFFLINE', statusSince: datetime(),
  languages: $languages, capacityPhone: $capacityPhone, capacityChat: $capacityChat,
  capacityVideo: $capacityVideo, capacityBranch: $capacityBranch, capacityEmail: $capacityEmail,
  registeredAt: datetime(), registeredBy: $by
})
RETURN r.resourceId AS resourceId
