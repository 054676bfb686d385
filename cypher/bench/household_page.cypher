// make bench-vs-neo4j-graphql, the floor of its case "household page": a page of $limit customers
// in customerId order after $after (keyset paging), each with its household and members and its
// holdings with their products, hand-written as one statement. Not used by the gateway.
// In Neo4j Browser:
// :param after => '';
// :param limit => 10;
MATCH (c:Customer)
WHERE c.customerId > $after
WITH c
ORDER BY c.customerId
LIMIT $limit
RETURN c {.customerId, .name,
  household: head([(c)-[m:MEMBER_OF]->(hh:Household) | hh {.householdId, .name, role: m.role,
    members: [(x:Customer)-[mm:MEMBER_OF]->(hh) | {role: mm.role, customer: x {.customerId, .name}}]}]),
  holdings: [(c)-[h:HOLDS]->(p:Product) | {since: h.since, status: h.status, product: p {.productId, .name, .family}}]
} AS customer
