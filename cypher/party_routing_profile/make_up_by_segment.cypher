// Routing-profile make-up of each customer segment at $at: how many customers the segment
// holds (whatever their status, with or without a profile) and, per indicator type active
// at $at, how many of them have one and what share of the segment that is (0..1, 4 decimals).
// Types no customer of the segment has are left out. $kind narrows to one category
// (STATUS, RATING or ALERT; null = all); confidential types (e.g. POSSIBLE_FRAUD) count only
// when $seesConfidential is true.
// In Neo4j Browser:
// :param at => datetime();
// :param kind => null;
// :param seesConfidential => false;
MATCH (c:Customer)
WITH c.segment AS groupKey, collect(c) AS members
CALL (members) {
  UNWIND members AS c
  MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator)-[:OF_TYPE]->(t:IndicatorType)
  WHERE i.validFrom <= $at AND (i.validTo IS NULL OR $at < i.validTo)
    AND ($kind IS NULL OR t.kind = $kind)
    AND ($seesConfidential OR NOT coalesce(t.confidential, false))
  WITH t, count(DISTINCT c) AS customers
  ORDER BY customers DESC, t.code
  RETURN collect({type: t.code, category: t.kind, customers: customers}) AS indicators
}
RETURN groupKey, null AS name, size(members) AS customers,
       [x IN indicators | x {.*, share: round(toFloat(x.customers) / size(members), 4)}] AS indicators
ORDER BY groupKey
