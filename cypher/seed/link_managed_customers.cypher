// Links relationship managers to their book: (rm)-[:MANAGES {since}]->(customer).
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{resourceId: 'R000007', customerId: 'C0000010', since: '2018-07-26'}];
CYPHER replan=skip
UNWIND $rows AS row
MATCH (rm:ServicingResource {resourceId: row.resourceId})
MATCH (c:Customer {customerId: row.customerId})
CREATE (rm)-[:MANAGES {since: date(row.since)}]->(c)
