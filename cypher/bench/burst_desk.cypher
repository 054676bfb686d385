// make bench-routing BURST=...: a desk of $members servicing resources, each with one PHONE seat,
// in a SERVICING pool of their own and the only holders of the skill BURST_DESK, so that a burst of
// contacts asking for that skill can go nowhere else (not to a customer's RM). They speak every
// language the bank's customers speak. Made once and found again on later runs of the same bank.
// In Neo4j Browser:
// :param members => 30;
MERGE (s:Skill {code: 'BURST_DESK'})
  ON CREATE SET s.name = 'Burst desk (routing benchmark)'
MERGE (p:ServicingPool {poolId: 'POOL-BURST'})
  ON CREATE SET p.providedAt = datetime(), p.providedBy = 'routing-bench'
// Offers that never lapse: the seats stay taken for the whole burst.
SET p.name = 'Burst desk (routing benchmark)', p.purpose = 'SERVICING', p.strategy = 'LONGEST_IDLE',
    p.offerTimeoutSeconds = 86400, p.serviceLevelSeconds = 20
WITH s, p, COLLECT { MATCH (c:Customer) WHERE c.language IS NOT NULL RETURN DISTINCT c.language } AS languages
UNWIND range(1, $members) AS n
MERGE (r:ServicingResource {resourceId: 'R-BURST-' + right('00' + toString(n), 3)})
  ON CREATE SET r.name = 'Burst agent ' + toString(n), r.kind = 'AGENT', r.status = 'AVAILABLE',
                r.statusSince = datetime(), r.capacityPhone = 1, r.capacityChat = 0, r.capacityVideo = 0,
                r.capacityBranch = 0, r.capacityEmail = 0
SET r.languages = languages
MERGE (r)-[:MEMBER_OF]->(p)
MERGE (r)-[held:HAS_SKILL]->(s)
  ON CREATE SET held.proficiency = 3
RETURN count(r) AS members
