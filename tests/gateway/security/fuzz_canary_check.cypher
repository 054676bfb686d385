// Whether the canary is intact (both nodes, the relationship and its property) and how many nodes
// the graph holds: rejected or injected requests must never delete anything.
// :param token => 'fuzz-canary'
OPTIONAL MATCH (a:FuzzCanary {token: $token})-[r:FUZZ_CANARY_LINK {token: $token}]->(b:FuzzCanary {token: $token + '-peer'})
WITH count(r) AS links
CALL () { MATCH (n) RETURN count(n) AS nodes }
RETURN links, nodes
