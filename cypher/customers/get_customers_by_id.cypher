// The customers with the given ids (missing ids are simply absent).
// In Neo4j Browser:
// :param customerIds => ['C0000001', 'C0000168'];
UNWIND $customerIds AS customerId
MATCH (c:Customer {customerId: customerId})
RETURN customerId, c {.customerId, .name, .kind, .segment, .status, .language, .country, .customerSince} AS customer
