// make bench-vs-neo4j-graphql, the floor of its case "profile and events": one customer with the
// routing indicators in force at $at and its $limit latest events (newest first, ties by eventId
// descending; a backward seek on the event_customer_timeline index, as the gateway's timeline reads
// it), hand-written as one statement. Not used by the gateway.
// In Neo4j Browser:
// :param customerId => 'C0000001';
// :param at => datetime('2026-01-01T00:00:00Z');
// :param limit => 10;
MATCH (c:Customer {customerId: $customerId})
CALL (c) {
  MATCH (e:Event)
  USING INDEX e:Event(customerId, occurredAt)
  WHERE e.customerId = c.customerId AND e.occurredAt <= datetime('9999-12-31T23:59:59.999999999Z')
  WITH e
  ORDER BY e.customerId DESC, e.occurredAt DESC, e.eventId DESC
  LIMIT $limit
  RETURN collect({node: e {.eventId, .category, .type, .occurredAt, .channel}}) AS edges
}
RETURN c {.customerId, .name,
  routingProfile: head([(c)-[:HAS_PROFILE]->(ps:PartyState) | {activeIndicators:
    [(ps)-[:HAS_INDICATOR]->(i:Indicator) WHERE i.validFrom <= $at AND (i.validTo IS NULL OR $at < i.validTo)
      | i {.indicatorId, .type, .value, .validFrom, .validTo}]}]),
  events: {edges: edges}
} AS customer
