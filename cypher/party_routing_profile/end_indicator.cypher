// Ends (or moves the end of) the latest value of an indicator type without a new value,
// e.g. arrears cleared. Runs under the profile's lock, after the checks.
// In Neo4j Browser:
// :param partyStateId => 'PS-C0000168';
// :param indicatorId => 'IN-C0000168-01';
// :param validTo => datetime();
// :param now => datetime();
// :param closedBy => 'R000001';
MATCH (ps:PartyState {partyStateId: $partyStateId})-[:HAS_INDICATOR]->(i:Indicator {indicatorId: $indicatorId})
      -[:OF_TYPE]->(t:IndicatorType)
SET i.validTo = $validTo, i.closedAt = $now, i.closedBy = $closedBy,
    ps.version = coalesce(ps.version, 0) + 1, ps.updatedAt = $now
RETURN i {.indicatorId, .type, .value, .narrative, .validFrom, .validTo, .capturedAt, .source, .capturedBy,
          .closedAt, .closedBy,
          category: toUpper([label IN labels(i) WHERE label IN ['Status', 'Rating', 'Alert']][0]),
          confidential: coalesce(t.confidential, false)} AS indicator
