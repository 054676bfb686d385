// For Neo4j Browser: the shortest path between two customers through RELATED_TO and shared
// households, at most maxHops relationships (1..6), as a path Browser draws. No row: no such path.
// The same path as Query.customerPath (network_customer_path.cypher).
// :param route => ({fromCustomerId: 'C0000005', toCustomerId: 'C0000003', maxHops: 6});
MATCH (a:Customer {customerId: $route.fromCustomerId}), (b:Customer {customerId: $route.toCustomerId})
MATCH p = SHORTEST 1 (a)-[:RELATED_TO|MEMBER_OF]-{1,6}(b)
WHERE length(p) <= $route.maxHops
RETURN p
