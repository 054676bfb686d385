// The indicator vocabulary with its routing policy: skills required (with minimum
// proficiency), the servicing pool contacts are routed to, the values allowed and how
// long an indicator stays valid unless renewed. Optionally one category.
// In Neo4j Browser:
// :param kind => 'ALERT';
MATCH (t:IndicatorType)
WHERE $kind IS NULL OR t.kind = $kind
RETURN t {.code, .kind, .name, .description, .blocksSales, .priorityBoost, .severity, .confidential,
          .allowedValues, .validityDays, .definedAt, .definedBy, .updatedAt, .updatedBy,
          requiredSkills: [(t)-[r:REQUIRES_SKILL]->(s:Skill) | {code: s.code, name: s.name, minProficiency: r.minProficiency}],
          routesTo: [(t)-[:ROUTES_TO]->(p:ServicingPool) | p {.poolId, .name}][0]} AS indicatorType
ORDER BY t.kind, t.code
