// The household each given customer belongs to, with the customer's role in it.
// In Neo4j Browser:
// :param customerIds => ['C0000001', 'C0000168'];
UNWIND $customerIds AS customerId
MATCH (c:Customer {customerId: customerId})-[m:MEMBER_OF]->(h:Household)
RETURN customerId, h {.householdId, .name, role: m.role} AS household
