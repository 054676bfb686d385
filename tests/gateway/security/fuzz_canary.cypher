// A canary the fuzzer plants before and looks for after every request: an injection that deleted
// or rewrote nodes or relationships would take it (or its relationship) with it.
// :param token => 'fuzz-canary'
MERGE (a:FuzzCanary {token: $token})
MERGE (b:FuzzCanary {token: $token + '-peer'})
MERGE (a)-[:FUZZ_CANARY_LINK {token: $token}]->(b)
