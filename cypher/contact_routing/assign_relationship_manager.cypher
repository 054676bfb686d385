// Makes the resource the customer's relationship manager since $since, replacing whoever
// managed the customer. Runs after relationship_manager_context, which checked both exist.
// In Neo4j Browser:
// :param customerId => 'C0000001';
// :param resourceId => 'R000001';
// :param since => date();
MATCH (c:Customer {customerId: $customerId}), (r:ServicingResource {resourceId: $resourceId})
OPTIONAL MATCH (:ServicingResource)-[old:MANAGES]->(c)
DELETE old
WITH DISTINCT c, r
CREATE (r)-[m:MANAGES {since: $since}]->(c)
RETURN m.since AS since
