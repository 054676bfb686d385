// make bench-vs-neo4j-graphql: the floor's fixed cost, one round trip to Neo4j that reads nothing
// (the GraphQL servers' fixed cost is `{ __typename }`, which reaches no database).
// In Neo4j Browser:
// :param one => 1;
RETURN $one AS one
