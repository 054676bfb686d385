// The members of each given household with their roles.
// In Neo4j Browser:
// :param householdIds => ['H0000047'];
UNWIND $householdIds AS householdId
MATCH (h:Household {householdId: householdId})
RETURN householdId,
       [(c:Customer)-[m:MEMBER_OF]->(h) | {role: m.role,
         customer: c {.customerId, .name, .kind, .segment, .status, .language, .country, .customerSince}}] AS members
