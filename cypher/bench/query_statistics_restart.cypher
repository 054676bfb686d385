// make bench-vs-neo4j-graphql: Neo4j's own count of the statements each system runs. Stops Neo4j's
// query collector, clears what it collected and starts it afresh, before a measured block;
// query_statistics.cypher reads it after. Neo4j counts every statement it ran, whoever sent it.
CALL db.stats.stop('QUERIES') YIELD success AS stopped
CALL db.stats.clear('QUERIES') YIELD success AS cleared
CALL db.stats.collect('QUERIES') YIELD success AS started
RETURN cleared, started
