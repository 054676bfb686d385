// Creates Household nodes and their members: (:Customer)-[:MEMBER_OF {role}]->(:Household).
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
CYPHER replan=skip
UNWIND $rows AS row
CREATE (h:Household {householdId: row.householdId, name: row.name})
WITH h, row
UNWIND row.members AS member
MATCH (c:Customer {customerId: member.customerId})
CREATE (c)-[:MEMBER_OF {role: member.role}]->(h)
