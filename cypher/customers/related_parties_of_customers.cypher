// Each given customer's related parties in both directions.
// (a)-[:RELATED_TO {kind: K}]->(b) reads "a is the K of b"; partyIsSubject tells which end the party is.
// In Neo4j Browser:
// :param customerIds => ['C0000001', 'C0000168'];
UNWIND $customerIds AS customerId
MATCH (c:Customer {customerId: customerId})
RETURN customerId,
       [(c)<-[r:RELATED_TO]-(p:Customer) | {kind: r.kind, since: r.since, partyIsSubject: true,
         party: p {.customerId, .name, .kind, .segment, .status, .language, .country, .customerSince}}]
     + [(c)-[r:RELATED_TO]->(p:Customer) | {kind: r.kind, since: r.since, partyIsSubject: false,
         party: p {.customerId, .name, .kind, .segment, .status, .language, .country, .customerSince}}] AS relations
