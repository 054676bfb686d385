// Links customers: (a)-[:RELATED_TO {kind, since}]->(b) reads "a is the <kind> of b".
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{fromId: 'C0000002', toId: 'C0000003', kind: 'SPOUSE', since: '2023-03-18'}];
CYPHER replan=skip
UNWIND $rows AS row
MATCH (a:Customer {customerId: row.fromId})
MATCH (b:Customer {customerId: row.toId})
CREATE (a)-[:RELATED_TO {kind: row.kind, since: date(row.since)}]->(b)
