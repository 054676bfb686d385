// The customer network (Query.customerNetwork): the customers and households reached from
// $network.customerId within $network.depth steps, with the relationships that reach them.
// A step is one RELATED_TO (of a kind in $network.kinds, any kind when null) or one shared
// household (Customer-[:MEMBER_OF]->Household<-[:MEMBER_OF]-Customer, followed only when
// $network.households): RELATED_TO costs 2, MEMBER_OF 1, a route may cost at most 2 * depth, so
// a household shows when a member is less than depth steps away, with its members.
// Nodes come nearest first and at most $network.limit of them (the centre included); truncated
// says some were left out, so a hub cannot blow up the response. Edges join two kept nodes.
// A route has at most 2 * depth relationships: one branch per depth bounds the expansion, so
// depth 1 (the default) never walks the longer routes depth 3 needs.
// One map parameter: kinds is null or a list (one cached plan for both). No row: unknown customer.
// Agrees with network_around_customer.cypher (the same routes, returned as paths for Browser).
// In Neo4j Browser:
// :param network => ({customerId: 'C0000001', depth: 2, kinds: null, households: true, limit: 500});
MATCH (center:Customer {customerId: $network.customerId})
OPTIONAL CALL (center) {
  WITH center WHERE $network.depth = 1
  MATCH p = (center)-[route:RELATED_TO|MEMBER_OF WHERE (route:RELATED_TO AND ($network.kinds IS NULL OR route.kind IN $network.kinds))
                                               OR (route:MEMBER_OF AND $network.households)]-{1,2}(reached)
  WHERE reached <> center AND reduce(cost = 0, r IN route | cost + CASE WHEN r:RELATED_TO THEN 2 ELSE 1 END) <= 2 * $network.depth
  RETURN reached, route, reduce(cost = 0, r IN route | cost + CASE WHEN r:RELATED_TO THEN 2 ELSE 1 END) AS cost
  UNION ALL
  WITH center WHERE $network.depth = 2
  MATCH p = (center)-[route:RELATED_TO|MEMBER_OF WHERE (route:RELATED_TO AND ($network.kinds IS NULL OR route.kind IN $network.kinds))
                                               OR (route:MEMBER_OF AND $network.households)]-{1,4}(reached)
  WHERE reached <> center AND reduce(cost = 0, r IN route | cost + CASE WHEN r:RELATED_TO THEN 2 ELSE 1 END) <= 2 * $network.depth
  RETURN reached, route, reduce(cost = 0, r IN route | cost + CASE WHEN r:RELATED_TO THEN 2 ELSE 1 END) AS cost
  UNION ALL
  WITH center WHERE $network.depth = 3
  MATCH p = (center)-[route:RELATED_TO|MEMBER_OF WHERE (route:RELATED_TO AND ($network.kinds IS NULL OR route.kind IN $network.kinds))
                                               OR (route:MEMBER_OF AND $network.households)]-{1,6}(reached)
  WHERE reached <> center AND reduce(cost = 0, r IN route | cost + CASE WHEN r:RELATED_TO THEN 2 ELSE 1 END) <= 2 * $network.depth
  RETURN reached, route, reduce(cost = 0, r IN route | cost + CASE WHEN r:RELATED_TO THEN 2 ELSE 1 END) AS cost
}
WITH center, reached, min(cost) AS cost, collect(route) AS routes
ORDER BY cost, coalesce(reached.customerId, reached.householdId)
WITH center, collect(reached) AS everyone, collect(routes) AS routeLists
WITH center, [center] + everyone[..$network.limit - 1] AS kept, size(everyone) + 1 > $network.limit AS truncated, routeLists
CALL (kept, routeLists) {
  UNWIND routeLists AS routes
  UNWIND routes AS route
  UNWIND route AS r
  WITH DISTINCT r
  WHERE startNode(r) IN kept AND endNode(r) IN kept
  RETURN collect(r) AS edges
}
RETURN [n IN kept | {id: coalesce(n.customerId, n.householdId), label: CASE WHEN n:Household THEN 'HOUSEHOLD' ELSE 'CUSTOMER' END,
                     caption: n.name, kind: n.kind, segment: n.segment, status: n.status}] AS nodes,
       [r IN edges | {from: coalesce(startNode(r).customerId, startNode(r).householdId),
                      to: coalesce(endNode(r).customerId, endNode(r).householdId),
                      type: type(r), kind: r.kind, role: r.role, since: r.since}] AS edges,
       truncated
