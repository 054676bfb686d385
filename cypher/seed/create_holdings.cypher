// Records which products each customer HOLDS, since when and whether still ACTIVE.
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{customerId: 'C0000001', productId: 'P-CURRENT-ACCOUNT', since: '2015-11-25', status: 'ACTIVE'}];
CYPHER replan=skip
UNWIND $rows AS row
MATCH (c:Customer {customerId: row.customerId})
MATCH (p:Product {productId: row.productId})
CREATE (c)-[:HOLDS {since: date(row.since), status: row.status}]->(p)
