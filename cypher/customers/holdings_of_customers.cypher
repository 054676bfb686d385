// The product holdings of each given customer.
// In Neo4j Browser:
// :param customerIds => ['C0000001', 'C0000168'];
UNWIND $customerIds AS customerId
MATCH (c:Customer {customerId: customerId})
RETURN customerId,
       [(c)-[h:HOLDS]->(p:Product) | {since: h.since, status: h.status, product: p {.productId, .name, .family}}] AS holdings
