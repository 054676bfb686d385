// Creates Household nodes and their members: (:Customer)-[:MEMBER_OF {role}]->(:Household).
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{householdId: 'H0000001', name: 'Taylor household', members: [{customerId: 'C0000002', role: 'HEAD'}]}];
CYPHER replan=skip
UNWIND $rows AS row
CREATE (h:Household {householdId: row.householdId, name: row.name})
WITH h, row
UNWIND row.members AS member
MATCH (c:Customer {customerId: member.customerId})
CREATE (c)-[:MEMBER_OF {role: member.role}]->(h)
