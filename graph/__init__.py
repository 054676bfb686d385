"""Neo4j access: the driver, Cypher by name, schema, availability, the local Neo4j and seeding."""
