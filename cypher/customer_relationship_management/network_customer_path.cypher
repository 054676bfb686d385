// The shortest path between two customers (Query.customerPath) through RELATED_TO (any kind) and
// shared households (MEMBER_OF), at most $route.maxHops relationships (1..6): its nodes and
// relationships in order from $route.fromCustomerId. One row always: fromFound/toFound say which
// customer is unknown; nodes is null when no path is that short.
// Agrees with network_shortest_path.cypher (the same path, returned as a path for Browser).
// In Neo4j Browser:
// :param route => ({fromCustomerId: 'C0000005', toCustomerId: 'C0000003', maxHops: 6});
OPTIONAL MATCH (a:Customer {customerId: $route.fromCustomerId})
OPTIONAL MATCH (b:Customer {customerId: $route.toCustomerId})
OPTIONAL MATCH p = SHORTEST 1 (a)-[:RELATED_TO|MEMBER_OF]-{1,6}(b)
  WHERE length(p) <= $route.maxHops
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
       CASE WHEN p IS NULL THEN null ELSE
         [n IN nodes(p) | {id: coalesce(n.customerId, n.householdId), label: CASE WHEN n:Household THEN 'HOUSEHOLD' ELSE 'CUSTOMER' END,
                           caption: n.name, kind: n.kind, segment: n.segment, status: n.status}] END AS nodes,
       CASE WHEN p IS NULL THEN null ELSE
         [r IN relationships(p) | {from: coalesce(startNode(r).customerId, startNode(r).householdId),
                                   to: coalesce(endNode(r).customerId, endNode(r).householdId),
                                   type: type(r), kind: r.kind, role: r.role, since: r.since}] END AS edges
