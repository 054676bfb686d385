// The household each given customer belongs to, with the customer's role in it.
UNWIND $customerIds AS customerId
MATCH (c:Customer {customerId: customerId})-[m:MEMBER_OF]->(h:Household)
RETURN customerId, h {.householdId, .name, role: m.role} AS household
