// Routing-profile make-up of each relationship manager's book at $at: how many customers the
// RM manages (whatever their status) and, per indicator type active at $at, how many of them
// have one and what share of the book that is (0..1, 4 decimals). Customers without an RM
// form one more group, last, whose groupKey and name are null. Types no customer of the group
// has are left out. $kind narrows to one category (STATUS, RATING or ALERT; null = all);
// confidential types (e.g. POSSIBLE_FRAUD) count only when $seesConfidential is true.
// In Neo4j Browser:
// :param at => datetime();
// :param kind => null;
// :param seesConfidential => false;
MATCH (c:Customer)
OPTIONAL MATCH (rm:ServicingResource {kind: 'RELATIONSHIP_MANAGER'})-[:MANAGES]->(c)
WITH rm, collect(c) AS members
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
RETURN rm.resourceId AS groupKey, rm.name AS name, size(members) AS customers,
       [x IN indicators | x {.*, share: round(toFloat(x.customers) / size(members), 4)}] AS indicators
ORDER BY groupKey IS NULL, groupKey
