// One indicator value by its id, with the customer whose profile holds it (BIAN Retrieve of a
// Status, Rating or Alert).
// :param indicatorId => 'IN-C0000001-01';
MATCH (c:Customer)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator {indicatorId: $indicatorId})
      -[:OF_TYPE]->(t:IndicatorType)
RETURN i {.indicatorId, .type, .value, .narrative, .validFrom, .validTo, .capturedAt, .source, .capturedBy,
          .closedAt, .closedBy,
          category: toUpper([label IN labels(i) WHERE label IN ['Status', 'Rating', 'Alert']][0]),
          confidential: coalesce(t.confidential, false), customerId: c.customerId} AS indicator
