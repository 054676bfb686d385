// What a capture or update of one indicator type must check, read under the profile's lock:
// the database's clock, the type and its policy, the known types of the category, the type's
// latest value on this profile, the indicator being updated, and any earlier result of the
// same idempotency key.
// In Neo4j Browser:
// :param partyStateId => 'PS-C0000168';
// :param type => 'IN_ARREARS';
// :param kind => 'STATUS';
// :param indicatorId => null;
// :param idempotencyKey => null;
MATCH (ps:PartyState {partyStateId: $partyStateId})
OPTIONAL MATCH (t:IndicatorType {code: $type})
CALL (ps) {
  OPTIONAL MATCH (ps)-[:HAS_INDICATOR]->(i:Indicator {type: $type})
  RETURN i AS latest ORDER BY i.validFrom DESC LIMIT 1
}
OPTIONAL MATCH (ps)-[:HAS_INDICATOR]->(target:Indicator {indicatorId: $indicatorId})
OPTIONAL MATCH (prior:Indicator {idempotencyKey: $idempotencyKey})-[:OF_TYPE]->(priorType:IndicatorType)
RETURN datetime.realtime() AS now,
       t {.code, .kind, .allowedValues, .confidential} AS indicatorType,
       COLLECT {
         MATCH (known:IndicatorType) WHERE known.kind = $kind RETURN known.code ORDER BY known.code
       } AS knownTypes,
       latest {.indicatorId, .validFrom, .validTo} AS latest,
       target {.indicatorId, .type, .value, .narrative, .validFrom, .validTo, .capturedAt, .source, .capturedBy,
               .closedAt, .closedBy,
               category: toUpper([label IN labels(target) WHERE label IN ['Status', 'Rating', 'Alert']][0])} AS target,
       prior {.indicatorId, .type, .value, .narrative, .validFrom, .validTo, .capturedAt, .source, .capturedBy,
              .closedAt, .closedBy, .idempotencyFingerprint,
              category: toUpper([label IN labels(prior) WHERE label IN ['Status', 'Rating', 'Alert']][0]),
              confidential: coalesce(priorType.confidential, false)} AS prior
