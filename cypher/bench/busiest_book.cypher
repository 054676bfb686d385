// make bench-vs-neo4j-graphql: the relationship manager who MANAGES the most customers, with up to
// $limit of them, for the benchmark's "rules cost" case (the book rule on, every customer in the book).
// In Neo4j Browser:
// :param limit => 50;
MATCH (r:ServicingResource)-[:MANAGES]->(c:Customer)
WITH r, count(c) AS managed
ORDER BY managed DESC, r.resourceId
LIMIT 1
MATCH (r)-[:MANAGES]->(c:Customer)
WITH r, c
ORDER BY c.customerId
RETURN r.resourceId AS resourceId, collect(c.customerId)[..$limit] AS customerIds
