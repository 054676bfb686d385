// make bench-vs-neo4j-graphql, the floor of its case "customer-360": one customer by id with its
// holdings and products, household and members, related parties and the routing indicators in
// force at $at, hand-written as one statement in the shape of the gateway's answer
// (bench/vs_neo4j_graphql_bench.py compares the two). Not used by the gateway.
// role: what the party is to the customer; (a)-[:RELATED_TO {kind: K}]->(b) reads "a is the K of b".
// In Neo4j Browser:
// :param customerId => 'C0000001';
// :param at => datetime('2026-01-01T00:00:00Z');
MATCH (c:Customer {customerId: $customerId})
RETURN c {.customerId, .name, .kind, .segment, .status,
  holdings: [(c)-[h:HOLDS]->(p:Product) | {since: h.since, status: h.status, product: p {.productId, .name, .family}}],
  household: head([(c)-[m:MEMBER_OF]->(hh:Household) | hh {.householdId, .name, role: m.role,
    members: [(x:Customer)-[mm:MEMBER_OF]->(hh) | {role: mm.role, customer: x {.customerId, .name}}]}]),
  relatedParties:
    [(c)<-[r:RELATED_TO]-(p:Customer) | {role: r.kind, kind: r.kind, since: r.since, party: p {.customerId, .name}}]
    + [(c)-[r:RELATED_TO]->(p:Customer) | {
        role: {SPOUSE: 'SPOUSE', PARENT: 'CHILD', EMPLOYER: 'EMPLOYEE', DIRECTOR: 'DIRECTED_COMPANY',
               OWNER: 'OWNED_COMPANY', GUARANTOR: 'GUARANTEED_PARTY', SUBSIDIARY: 'PARENT_COMPANY'}[r.kind],
        kind: r.kind, since: r.since, party: p {.customerId, .name}}],
  routingProfile: head([(c)-[:HAS_PROFILE]->(ps:PartyState) | {activeIndicators:
    [(ps)-[:HAS_INDICATOR]->(i:Indicator) WHERE i.validFrom <= $at AND (i.validTo IS NULL OR $at < i.validTo)
      | i {.indicatorId, .type, .value, .validFrom, .validTo}]}])
} AS customer
