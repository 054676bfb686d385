// Presenting-customer check: as the customer presents (e.g. logs in online), does the
// customerId exist, is the customer ACTIVE, and how must the interaction be steered at $at:
// are sales blocked, by how much is priority raised, which skills and pools does it need?
// One row even for an unknown customerId (customerExists = false); the lookup is a seek on
// the customer_id uniqueness constraint. Confidential indicators (e.g. POSSIBLE_FRAUD) always
// count towards salesBlocked and priorityBoost, but they, their skills and their pools are
// listed only when $seesConfidential is true; withheldIndicators counts the hidden ones, and
// alert narratives are null unless $seesConfidential.
// In Neo4j Browser:
// :param customerId => 'C0000042';
// :param at => datetime();
// :param seesConfidential => true;
OPTIONAL MATCH (c:Customer {customerId: $customerId})
WITH c, COLLECT {
  MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator)-[:OF_TYPE]->(t:IndicatorType)
  WHERE i.validFrom <= $at AND (i.validTo IS NULL OR $at < i.validTo)
  WITH i, t, toUpper([label IN labels(i) WHERE label IN ['Status', 'Rating', 'Alert']][0]) AS category
  ORDER BY CASE category WHEN 'STATUS' THEN 0 WHEN 'RATING' THEN 1 ELSE 2 END, i.type, i.validFrom
  RETURN {
    indicator: i {.indicatorId, .type, .value, .validFrom, .validTo, .capturedAt, .source, .capturedBy, .closedAt, .closedBy,
                  category: category,
                  narrative: CASE WHEN category <> 'ALERT' OR $seesConfidential THEN i.narrative END},
    blocksSales: coalesce(t.blocksSales, false),
    priorityBoost: coalesce(t.priorityBoost, 0),
    confidential: coalesce(t.confidential, false),
    skills: [(t)-[need:REQUIRES_SKILL]->(s:Skill) | {code: s.code, name: s.name, minProficiency: need.minProficiency}],
    pool: [(t)-[:ROUTES_TO]->(p:ServicingPool) | p {.poolId, .name}][0]
  }
} AS active
WITH c, active, [a IN active WHERE $seesConfidential OR NOT a.confidential] AS shown
RETURN c IS NOT NULL AS customerExists,
       c.status AS customerStatus,
       c.segment AS segment,
       any(a IN active WHERE a.blocksSales) AS salesBlocked,
       reduce(total = 0, a IN active | total + a.priorityBoost) AS priorityBoost,
       size(active) - size(shown) AS withheldIndicators,
       [a IN shown WHERE a.blocksSales | a.indicator] AS blockingIndicators,
       [a IN shown WHERE a.priorityBoost > 0 OR size(a.skills) > 0 OR a.pool IS NOT NULL | a.indicator] AS steeringIndicators,
       COLLECT {
         UNWIND shown AS a
         UNWIND a.skills AS skill
         WITH skill.code AS code, skill.name AS name, max(skill.minProficiency) AS minProficiency
         ORDER BY code
         RETURN {code: code, name: name, minProficiency: minProficiency}
       } AS requiredSkills,
       COLLECT {
         UNWIND shown AS a
         WITH DISTINCT a.pool AS pool
         WHERE pool IS NOT NULL
         ORDER BY pool.poolId
         RETURN pool
       } AS routesTo
