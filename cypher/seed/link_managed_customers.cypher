// Links relationship managers to their book: (rm)-[:MANAGES {since}]->(customer).
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (rm:ServicingResource {resourceId: row.resourceId})
MATCH (c:Customer {customerId: row.customerId})
CREATE (rm)-[:MANAGES {since: date(row.since)}]->(c)
