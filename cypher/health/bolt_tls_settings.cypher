// Whether this Neo4j serves Bolt over TLS and with which certificate: what an operator checks
// after turning encryption on (server.bolt.tls_level, and the dbms.ssl.policy.bolt.* policy).
SHOW SETTINGS YIELD name, value
WHERE name = 'server.bolt.tls_level' OR name STARTS WITH 'dbms.ssl.policy.bolt.'
RETURN name, value
ORDER BY name
