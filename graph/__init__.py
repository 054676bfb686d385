"""Neo4j access: settings, the driver, Cypher by name, schema, local Neo4j and seeding."""
