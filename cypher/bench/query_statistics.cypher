// make bench-vs-neo4j-graphql: the statements Neo4j ran since query_statistics_restart.cypher, as
// one row: each distinct query text with its number of invocations, leaving out the collector's own
// calls. The benchmark leaves out too the texts it saw while no request ran (the gateway's
// background work: dispatcher, monitor), and counts the rest per request.
CALL db.stats.retrieve('QUERIES') YIELD data
WITH data
WHERE NOT data.query CONTAINS 'db.stats.'
RETURN collect({query: data.query, invocations: data.invocationSummary.invocationCount}) AS queries
