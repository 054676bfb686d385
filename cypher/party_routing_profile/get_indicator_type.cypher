// One IndicatorType with its routing policy, in the shape list_indicator_types returns;
// no row when the code is unknown.
// In Neo4j Browser:
// :param code => 'IN_ARREARS';
MATCH (t:IndicatorType {code: $code})
RETURN t {.code, .kind, .name, .description, .blocksSales, .priorityBoost, .severity, .confidential,
          .allowedValues, .validityDays, .definedAt, .definedBy, .updatedAt, .updatedBy,
          requiredSkills: [(t)-[r:REQUIRES_SKILL]->(s:Skill) | {code: s.code, name: s.name, minProficiency: r.minProficiency}],
          routesTo: [(t)-[:ROUTES_TO]->(p:ServicingPool) | p {.poolId, .name}][0]} AS indicatorType
