// Closes the profile's open indicators whose type lapses (validityDays) and whose time is up:
// each ends validityDays after it took effect. Part of a refresh (BIAN Execute); the profile's
// version moves on only if something lapsed.
// In Neo4j Browser:
// :param partyStateId => 'PS-C0000168';
// :param now => datetime();
// :param closedBy => 'analyst';
MATCH (ps:PartyState {partyStateId: $partyStateId})
CALL (ps) {
  MATCH (ps)-[:HAS_INDICATOR]->(i:Indicator)-[:OF_TYPE]->(t:IndicatorType)
  WHERE i.validTo IS NULL AND t.validityDays IS NOT NULL
    AND i.validFrom + duration({days: t.validityDays}) <= $now
  WITH i, t ORDER BY i.type, i.validFrom
  SET i.validTo = i.validFrom + duration({days: t.validityDays}), i.closedAt = $now, i.closedBy = $closedBy,
      i.closeReason = 'LAPSED'
  RETURN collect(i {.indicatorId, .type, .value, .narrative, .validFrom, .validTo, .capturedAt, .source, .capturedBy,
                    .closedAt, .closedBy,
                    category: toUpper([label IN labels(i) WHERE label IN ['Status', 'Rating', 'Alert']][0]),
                    confidential: coalesce(t.confidential, false)}) AS lapsed
}
FOREACH (changed IN CASE WHEN size(lapsed) > 0 THEN [true] ELSE [] END |
  SET ps.version = coalesce(ps.version, 0) + 1, ps.updatedAt = $now)
RETURN lapsed
