// Routing candidates: who may serve the customer's contact on $request.channel at $request.at,
// best first, and (with $request.explain) why the others may not. A read only: the dry run
// (Query.routingCandidates) runs it alone, the allocation runs the same text inside its write
// transaction and takes candidates[0].
// One map parameter, $request: Neo4j caches a plan per statement and parameter *types*, so a null
// language here and a string there would each cost a fresh plan (seconds); a map's keys do not.
// No row when the customer is unknown; unknown product, skills and purpose are reported in the
// row (productFound, unknownSkills, purposeKnown) so one round trip also validates.
// Rules (docs/contact-routing.md): required skills = requestSkills + the product's NEEDS_SKILL
// (min 1) + the active indicators' REQUIRES_SKILL; a resource skill S meets required skill X
// when (S)-[:BROADER*0..]->(X). Hard constraints: AVAILABLE, free capacity on the channel
// (capacity minus the allocations that OCCUPIES it on the channel), speaks the language, every
// required skill at its minimum; while an active indicator blocks sales: never a member of a SALES
// pool, and a member of the specialist pool the blocking indicator ROUTES_TO. Preference tier 1
// own RM, 2 RM's backup, 3 household member's RM, 4 related party's RM, 5 member of an eligible
// pool. excludedResourceIds (re-routing: who rejected the contact or let its offer lapse) are
// rejected as DECLINED.
// The score (computed below, its weights explained in docs/contact-routing.md, "The score and the
// order"): preference tier first, then optional skills kept, then matched proficiencies; ties go
// to the pool's strategy key (lower first), then resourceId.
// Cost: the decision (explain false) evaluates only resources that pass the cheap constraints,
// so the same candidates come back without ranking every rejected one; rejected is then [].
// In Neo4j Browser:
// :param request => ({
//   customerId: 'C0000001', at: datetime(), channel: 'PHONE', language: null,
//   productId: 'P-MORTGAGE-FIXED', requestSkills: [{code: 'SALES', minProficiency: 2}], optionalSkills: [],
//   purpose: null, priority: 0, excludedResourceIds: [], limit: 5, explain: true
// })
MATCH (c:Customer {customerId: $request.customerId})
OPTIONAL MATCH (product:Product {productId: $request.productId})
WITH c, product, coalesce($request.language, c.language) AS language,
     'capacity' + substring($request.channel, 0, 1) + toLower(substring($request.channel, 1)) AS capacityKey,
     [s IN $request.requestSkills + $request.optionalSkills WHERE NOT EXISTS { MATCH (:Skill {code: s.code}) } | s.code] AS unknownSkills,
     COLLECT { MATCH (p:ServicingPool)
               RETURN p {.poolId, .name, .purpose, .strategy}
               ORDER BY p.poolId } AS pools,
     COLLECT {
       MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator)-[:OF_TYPE]->(t:IndicatorType)
       WHERE i.validFrom <= $request.at AND (i.validTo IS NULL OR $request.at < i.validTo)
       RETURN {type: t.code, confidential: coalesce(t.confidential, false), blocksSales: coalesce(t.blocksSales, false),
               priorityBoost: coalesce(t.priorityBoost, 0),
               skills: [(t)-[need:REQUIRES_SKILL]->(s:Skill) | {code: s.code, minProficiency: need.minProficiency}],
               pool: [(t)-[:ROUTES_TO]->(p:ServicingPool) | p.poolId][0]}
       ORDER BY t.code
     } AS active
WITH *,
     [s IN $request.requestSkills | {code: s.code, minProficiency: s.minProficiency, source: 'REQUEST', reference: null, confidential: false}]
     + COLLECT { MATCH (product)-[:NEEDS_SKILL]->(s:Skill)
                 RETURN {code: s.code, minProficiency: 1, source: 'PRODUCT', reference: product.productId, confidential: false} }
     + COLLECT { UNWIND active AS a UNWIND a.skills AS s
                 RETURN {code: s.code, minProficiency: s.minProficiency, source: 'INDICATOR', reference: a.type,
                         confidential: a.confidential} } AS demands,
     any(a IN active WHERE a.blocksSales) AS salesBlocked,
     COLLECT { UNWIND active AS a WITH a WHERE a.blocksSales AND a.pool IS NOT NULL
               RETURN a ORDER BY a.priorityBoost DESC, a.type LIMIT 1 } AS forcing
WITH *,
     COLLECT { UNWIND demands AS d
               WITH d.code AS code, max(d.minProficiency) AS minProficiency, collect(d) AS sources
               MATCH (s:Skill {code: code})
               WITH code, minProficiency, sources, s, COLLECT { MATCH (n:Skill)-[:BROADER*0..]->(s) RETURN n } AS meeting
               RETURN {code: code, name: s.name, minProficiency: minProficiency, sources: sources,
                       meets: [n IN meeting | n.code],
                       holders: reduce(total = 0, n IN meeting | total + COUNT { (n)<-[:HAS_SKILL]-() })}
               ORDER BY code } AS required,
     [o IN $request.optionalSkills | {code: o.code, minProficiency: o.minProficiency,
                              meets: [(n:Skill)-[:BROADER*0..]->(:Skill {code: o.code}) | n.code]}] AS optional,
     forcing[0] AS forcedBy,
     CASE WHEN salesBlocked AND $request.purpose = 'SALES' THEN null ELSE $request.purpose END AS purpose
WITH *, [p IN pools WHERE CASE WHEN forcedBy IS NOT NULL THEN p.poolId = forcedBy.pool
                              WHEN purpose IS NOT NULL THEN p.purpose = purpose
                              ELSE true END
                          AND NOT (salesBlocked AND p.purpose = 'SALES') | p.poolId] AS eligiblePools
// Searched: the eligible pools, and the pools sales-blocking ruled out, so their members are explained.
WITH *, [p IN pools WHERE p.poolId IN eligiblePools OR (forcedBy IS NULL AND purpose IS NULL)
                          OR (salesBlocked AND $request.purpose = 'SALES' AND p.purpose = 'SALES') | p.poolId] AS searchedPools
// Connected resources (tiers 1-4), each by its best path: few, so always evaluated in full.
WITH *, COLLECT {
  CALL (c) {
    MATCH (c)<-[:MANAGES]-(r:ServicingResource)
    RETURN r, 1 AS tier, [{kind: 'ServicingResource', id: r.resourceId, relationship: 'MANAGES', direction: 'IN'}] AS steps
    UNION
    MATCH (c)<-[:MANAGES]-(rm:ServicingResource)<-[:BACKUP_FOR]-(r:ServicingResource)
    RETURN r, 2 AS tier, [{kind: 'ServicingResource', id: rm.resourceId, relationship: 'MANAGES', direction: 'IN'},
                          {kind: 'ServicingResource', id: r.resourceId, relationship: 'BACKUP_FOR', direction: 'IN'}] AS steps
    UNION
    MATCH (c)-[:MEMBER_OF]->(h:Household)<-[:MEMBER_OF]-(m:Customer)<-[:MANAGES]-(r:ServicingResource)
    WHERE m <> c
    RETURN r, 3 AS tier, [{kind: 'Household', id: h.householdId, relationship: 'MEMBER_OF', direction: 'OUT'},
                          {kind: 'Customer', id: m.customerId, relationship: 'MEMBER_OF', direction: 'IN'},
                          {kind: 'ServicingResource', id: r.resourceId, relationship: 'MANAGES', direction: 'IN'}] AS steps
    UNION
    MATCH (c)-[rel:RELATED_TO]-(m:Customer)<-[:MANAGES]-(r:ServicingResource)
    WHERE m <> c
    RETURN r, 4 AS tier, [{kind: 'Customer', id: m.customerId, relationship: 'RELATED_TO',
                           direction: CASE WHEN startNode(rel) = c THEN 'OUT' ELSE 'IN' END},
                          {kind: 'ServicingResource', id: r.resourceId, relationship: 'MANAGES', direction: 'IN'}] AS steps
  }
  WITH r, tier, steps ORDER BY tier, size(steps), [s IN steps | s.id]
  WITH r, collect({tier: tier, steps: steps})[0] AS best
  RETURN {r: r, tier: best.tier, steps: best.steps}
} AS connected
// Pool members (tier 5). The explanation ($request.explain) evaluates every member of the searched pools so
// that the best rejected can be ranked; the decision looks only at AVAILABLE members of the eligible
// pools, found from the pools or, when it holds fewer, from the rarest required skill's holders.
WITH *, [x IN connected | x.r] AS connectedResources,
     reduce(total = 0, n IN COLLECT { MATCH (p:ServicingPool) WHERE p.poolId IN eligiblePools
                                      RETURN COUNT { (p)<-[:MEMBER_OF]-() } AS members } | total + n) AS eligibleMembers,
     COLLECT { UNWIND required AS x RETURN x ORDER BY x.holders LIMIT 1 }[0] AS rarest
WITH *, NOT $request.explain AND rarest IS NOT NULL AND rarest.holders < eligibleMembers AS fromSkill
WITH *, COLLECT {
  CALL (connected, connectedResources, searchedPools, eligiblePools, rarest, fromSkill) {
    UNWIND connected AS x
    RETURN x.r AS r, x.tier AS tier, x.steps AS steps
    UNION ALL
    CALL (connectedResources, searchedPools, eligiblePools, rarest, fromSkill) {
      MATCH (pool:ServicingPool)<-[:MEMBER_OF]-(r:ServicingResource)
      WHERE NOT fromSkill AND ($request.explain OR r.status = 'AVAILABLE')
        AND pool.poolId IN CASE WHEN $request.explain THEN searchedPools ELSE eligiblePools END
        AND NOT r IN connectedResources
      RETURN r, min(pool.poolId) AS poolId
      UNION
      UNWIND CASE WHEN fromSkill THEN rarest.meets ELSE [] END AS code
      MATCH (:Skill {code: code})<-[held:HAS_SKILL]-(r)
      WHERE held.proficiency >= rarest.minProficiency
      // After the DISTINCT, so the planner walks from the skill rather than joining all AVAILABLE resources.
      WITH DISTINCT r
      WHERE r:ServicingResource AND r.status = 'AVAILABLE' AND NOT r IN connectedResources
      MATCH (r)-[:MEMBER_OF]->(pool:ServicingPool)
      WHERE pool.poolId IN eligiblePools
      RETURN r, min(pool.poolId) AS poolId
    }
    RETURN r, 5 AS tier, [{kind: 'ServicingPool', id: poolId, relationship: null, direction: null},
                          {kind: 'ServicingResource', id: r.resourceId, relationship: 'MEMBER_OF', direction: 'IN'}] AS steps
  }
  WITH r, {tier: tier, steps: steps} AS best
  // The decision drops who fails a cheap hard constraint before the costlier walk below.
  WHERE $request.explain OR (r.status = 'AVAILABLE' AND language IN coalesce(r.languages, [])
                     AND NOT r.resourceId IN $request.excludedResourceIds AND coalesce(r[capacityKey], 0) > 0)
  // Per resource, one walk of its relationships reads its pools, its skills and the capacity its
  // allocations occupy (Neo4j reads a node's relationship chain once per expansion, and resources
  // have many: customers managed, events); the skills that meet each asked-for skill (BROADER)
  // were found once, above.
  WITH r, best, COLLECT { MATCH (r)-[link:MEMBER_OF|HAS_SKILL|OCCUPIES]-(other)
                          RETURN CASE type(link)
                                   WHEN 'MEMBER_OF' THEN {type: 'MEMBER_OF', id: other.poolId}
                                   WHEN 'HAS_SKILL' THEN {type: 'HAS_SKILL', id: other.code, proficiency: link.proficiency}
                                   ELSE {type: 'OCCUPIES', channel: link.channel} END } AS links
  WITH r, best, [p IN pools WHERE any(l IN links WHERE l.type = 'MEMBER_OF' AND l.id = p.poolId)] AS memberships,
       coalesce(r[capacityKey], 0) AS capacity,
       size([l IN links WHERE l.type = 'OCCUPIES' AND l.channel = $request.channel]) AS busy,
       [l IN links WHERE l.type = 'HAS_SKILL' | {code: l.id, proficiency: l.proficiency}] AS skills
  WITH r, best, memberships, capacity, busy,
       [x IN required | {code: x.code, min: x.minProficiency, required: true,
                         have: reduce(top = 0, k IN skills | CASE WHEN k.code IN x.meets AND k.proficiency > top
                                                                  THEN k.proficiency ELSE top END)}] AS requiredLevels,
       [x IN optional | {code: x.code, min: x.minProficiency, required: false,
                         have: reduce(top = 0, k IN skills | CASE WHEN k.code IN x.meets AND k.proficiency > top
                                                                  THEN k.proficiency ELSE top END)}] AS optionalLevels
  WITH r, best, memberships, capacity, busy, capacity - busy AS freeCapacity, requiredLevels, optionalLevels,
       coalesce(head([m IN memberships WHERE m.poolId IN eligiblePools]), head(memberships)) AS pool,
       coalesce(head([i IN range(0, size(optionalLevels) - 1) WHERE optionalLevels[i].have < optionalLevels[i].min]),
                size(optionalLevels)) AS optionalKept,
       [x IN requiredLevels + optionalLevels WHERE x.have >= x.min | {code: x.code, proficiency: x.have, required: x.required}] AS matched
  WITH r, best, pool, capacity, busy, freeCapacity, optionalKept, matched,
       CASE WHEN r.status = 'AVAILABLE' THEN [] ELSE [{kind: 'STATUS', message: 'status ' + coalesce(r.status, 'unknown')}] END
       + CASE WHEN capacity <= 0 THEN [{kind: 'CAPACITY', message: 'does not serve ' + $request.channel}]
              WHEN freeCapacity <= 0 THEN [{kind: 'CAPACITY', message: 'no free ' + $request.channel + ' capacity (' + toString(busy)
                                                                         + ' of ' + toString(capacity) + ' in use)'}]
              ELSE [] END
       + CASE WHEN language IN coalesce(r.languages, []) THEN [] ELSE [{kind: 'LANGUAGE', message: 'does not speak ' + language}] END
       + [x IN requiredLevels WHERE x.have < x.min
          | {kind: 'SKILL', message: x.code + ' ' + toString(x.have) + ' < ' + toString(x.min)}]
       + CASE WHEN salesBlocked AND any(m IN memberships WHERE m.purpose = 'SALES')
              THEN [{kind: 'SALES_BLOCKED', message: 'member of a SALES pool while sales are blocked'}] ELSE [] END
       + CASE WHEN forcedBy IS NOT NULL AND NOT any(m IN memberships WHERE m.poolId = forcedBy.pool)
              THEN [{kind: 'POOL', message: 'not a member of ' + forcedBy.pool + ', the pool sales-blocked contacts go to'}]
              ELSE [] END
       + CASE WHEN r.resourceId IN $request.excludedResourceIds
              THEN [{kind: 'DECLINED', message: 'rejected this contact or let its offer lapse'}] ELSE [] END AS reasons
  RETURN r {.resourceId, .name, .kind, .status, .statusSince, .lastAllocatedAt,
            pool: pool, tier: best.tier,
            steps: [{kind: 'Customer', id: c.customerId, relationship: null, direction: null}] + best.steps, matchedSkills: matched, freeCapacity: freeCapacity,
            activeAllocations: busy, capacity: capacity, optionalKept: optionalKept, reasons: reasons,
            score: (6 - best.tier) * 1000000 + optionalKept * 10000 + reduce(total = 0, m IN matched | total + m.proficiency),
            strategy: coalesce(pool.strategy, 'LONGEST_IDLE'),
            strategyKey: CASE coalesce(pool.strategy, 'LONGEST_IDLE')
                           WHEN 'LEAST_LOAD' THEN CASE WHEN capacity > 0 THEN toFloat(busy) / capacity ELSE 1.0 END
                           WHEN 'ROUND_ROBIN' THEN toFloat(coalesce(r.lastAllocatedAt.epochMillis, -1))
                           ELSE toFloat(coalesce(r.statusSince.epochMillis, $request.at.epochMillis)) END}
} AS evaluated
RETURN c.customerId AS customerId, c.name AS customerName, language, $request.channel AS channel,
       $request.priority + reduce(total = 0, a IN active | total + a.priorityBoost) AS priority,
       salesBlocked, $request.purpose AS requestedPurpose, purpose,
       forcedBy {.type, .pool, .confidential} AS forcedBy,
       [a IN active WHERE a.blocksSales | {type: a.type, confidential: a.confidential}] AS blockedBy,
       $request.productId IS NULL OR product IS NOT NULL AS productFound,
       unknownSkills,
       $request.purpose IS NULL OR any(p IN pools WHERE p.purpose = $request.purpose) AS purposeKnown,
       eligiblePools, required, optional,
       COLLECT { UNWIND evaluated AS e WITH e WHERE size(e.reasons) = 0
                 RETURN e ORDER BY e.score DESC, e.strategyKey, e.resourceId LIMIT $request.limit } AS candidates,
       COLLECT { UNWIND evaluated AS e WITH e WHERE $request.explain AND size(e.reasons) > 0
                 RETURN e ORDER BY e.tier, size(e.reasons), e.score DESC, e.resourceId LIMIT $request.limit } AS rejected
