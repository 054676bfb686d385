// make bench-vs-neo4j-graphql, the floor of its case "segment page": a page of $limit customers of
// one segment in customerId order after $after (keyset paging), each with the fields of
// customer_360.cypher, hand-written as one statement. Not used by the gateway.
// In Neo4j Browser:
// :param segment => 'MASS';
// :param after => '';
// :param limit => 20;
// :param at => datetime('2026-01-01T00:00:00Z');
MATCH (c:Customer)
WHERE c.customerId > $after AND c.segment = $segment
WITH c
ORDER BY c.customerId
LIMIT $limit
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
