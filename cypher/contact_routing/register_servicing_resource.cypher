// Creates a servicing resource, OFFLINE since now, and who registered it when. The uniqueness
// constraint on resourceId turns a concurrent second registration into a constraint error.
// Runs after unknown_references, in the same transaction; link_resource_skills and
// link_resource_pools then link its skills and pools.
// In Neo4j Browser:
// :param resourceId => 'R-example';
// :param name => 'Example Agent';
// :param kind => 'AGENT';
// :param languages => ['en'];
// :param capacityPhone => 1;
// :param capacityChat => 2;
// :param capacityVideo => 0;
// :param capacityBranch => 0;
// :param capacityEmail => 3;
// :param by => 'analyst';
CREATE (r:ServicingResource {
  resourceId: $resourceId, name: $name, kind: $kind, status: 'OFFLINE', statusSince: datetime(),
  languages: $languages, capacityPhone: $capacityPhone, capacityChat: $capacityChat,
  capacityVideo: $capacityVideo, capacityBranch: $capacityBranch, capacityEmail: $capacityEmail,
  registeredAt: datetime(), registeredBy: $by
})
RETURN r.resourceId AS resourceId
