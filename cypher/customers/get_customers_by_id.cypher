// The customers with the given ids (missing ids are simply absent).
UNWIND $customerIds AS customerId
MATCH (c:Customer {customerId: customerId})
RETURN customerId, c {.customerId, .name, .kind, .segment, .status, .language, .country, .customerSince} AS customer
