// For Neo4j Browser: the network around a customer, as paths Browser draws. The same routes as
// Query.customerNetwork (network_customer_network.cypher): RELATED_TO steps (of the given kinds,
// any when kinds is null) and shared households (when households is true), a RELATED_TO costing 2
// and a MEMBER_OF 1, at most 2 * depth in all (depth 1..3).
// :param network => ({customerId: 'C0000001', depth: 2, kinds: null, households: true});
MATCH (center:Customer {customerId: $network.customerId})
CALL (center) {
  WITH center WHERE $network.depth = 1
  MATCH p = (center)-[route:RELATED_TO|MEMBER_OF WHERE (route:RELATED_TO AND ($network.kinds IS NULL OR route.kind IN $network.kinds))
                                               OR (route:MEMBER_OF AND $network.households)]-{1,2}(reached)
  WHERE reached <> center AND reduce(cost = 0, r IN route | cost + CASE WHEN r:RELATED_TO THEN 2 ELSE 1 END) <= 2 * $network.depth
  RETURN p
  UNION ALL
  WITH center WHERE $network.depth = 2
  MATCH p = (center)-[route:RELATED_TO|MEMBER_OF WHERE (route:RELATED_TO AND ($network.kinds IS NULL OR route.kind IN $network.kinds))
                                               OR (route:MEMBER_OF AND $network.households)]-{1,4}(reached)
  WHERE reached <> center AND reduce(cost = 0, r IN route | cost + CASE WHEN r:RELATED_TO THEN 2 ELSE 1 END) <= 2 * $network.depth
  RETURN p
  UNION ALL
  WITH center WHERE $network.depth = 3
  MATCH p = (center)-[route:RELATED_TO|MEMBER_OF WHERE (route:RELATED_TO AND ($network.kinds IS NULL OR route.kind IN $network.kinds))
                                               OR (route:MEMBER_OF AND $network.households)]-{1,6}(reached)
  WHERE reached <> center AND reduce(cost = 0, r IN route | cost + CASE WHEN r:RELATED_TO THEN 2 ELSE 1 END) <= 2 * $network.depth
  RETURN p
}
RETURN p
