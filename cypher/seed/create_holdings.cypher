// Records which products each customer HOLDS, since when and whether still ACTIVE.
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (c:Customer {customerId: row.customerId})
MATCH (p:Product {productId: row.productId})
CREATE (c)-[:HOLDS {since: date(row.since), status: row.status}]->(p)
