// Records a new value of one indicator type on a routing profile: every value of the type
// still in force at $validFrom is closed then (so windows never overlap and the history has
// no gap), the new value SUPERSEDES them, and the profile's version moves on.
// Runs under the profile's lock, after the checks of indicator_change_context.
// In Neo4j Browser:
// :param partyStateId => 'PS-C0000168';
// :param type => 'IN_ARREARS';
// :param label => 'Status';
// :param indicatorId => 'IN-example';
// :param value => 'true';
// :param narrative => 'Two instalments missed';
// :param validFrom => datetime();
// :param validTo => null;
// :param now => datetime();
// :param source => 'BROWSER';
// :param capturedBy => 'analyst';
// :param idempotencyKey => null;
// :param idempotencyFingerprint => null;
MATCH (ps:PartyState {partyStateId: $partyStateId}), (t:IndicatorType {code: $type})
CALL (ps) {
  OPTIONAL MATCH (ps)-[:HAS_INDICATOR]->(open:Indicator {type: $type})
  WHERE open.validTo IS NULL OR open.validTo > $validFrom
  SET open.validTo = $validFrom, open.closedAt = $now, open.closedBy = $capturedBy
  RETURN collect(open) AS superseded
}
CREATE (ps)-[:HAS_INDICATOR]->(i:Indicator:$($label) {
  indicatorId: $indicatorId, type: $type, value: $value, narrative: $narrative,
  validFrom: $validFrom, validTo: $validTo, capturedAt: $now, source: $source, capturedBy: $capturedBy,
  idempotencyKey: $idempotencyKey, idempotencyFingerprint: $idempotencyFingerprint
})-[:OF_TYPE]->(t)
FOREACH (old IN superseded | CREATE (i)-[:SUPERSEDES]->(old))
SET ps.version = coalesce(ps.version, 0) + 1, ps.updatedAt = $now
RETURN i {.indicatorId, .type, .value, .narrative, .validFrom, .validTo, .capturedAt, .source, .capturedBy,
          .closedAt, .closedBy, category: toUpper($label), confidential: coalesce(t.confidential, false)} AS indicator
