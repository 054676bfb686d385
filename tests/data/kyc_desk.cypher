// A KYC desk for the routing burst tests: $customers customers (C9000001...), one pool POOL-KYC and
// $resources reviewers (R900001...) with $capacity PHONE units each; the first $bilingual of them
// speak French as well as English. Loaded by tests.support.load_kyc_desk.
UNWIND range(1, $customers) AS n
CREATE (:Customer {customerId: 'C9' + right('00000' + toString(n), 6), name: 'Customer ' + n, language: 'en',
                   status: 'ACTIVE', segment: 'RETAIL'})
WITH count(*) AS customers
CREATE (pool:ServicingPool {poolId: 'POOL-KYC', name: 'KYC desk', purpose: 'KYC', strategy: 'LEAST_LOAD',
                            offerTimeoutSeconds: 600, serviceLevelSeconds: 20})
CREATE (skill:Skill {code: 'KYC_REVIEW', name: 'KYC review'})
WITH pool, skill
UNWIND range(1, $resources) AS n
CREATE (r:ServicingResource {resourceId: 'R9' + right('00000' + toString(n), 5), name: 'Reviewer ' + n, kind: 'AGENT',
                             status: 'AVAILABLE', statusSince: datetime('2026-01-01T08:00:00Z'),
                             languages: CASE WHEN n <= $bilingual THEN ['en', 'fr'] ELSE ['en'] END,
                             capacityPhone: $capacity, capacityChat: 0, capacityVideo: 0, capacityBranch: 0,
                             capacityEmail: 0})
CREATE (r)-[:MEMBER_OF]->(pool)
CREATE (r)-[:HAS_SKILL {proficiency: 3}]->(skill)
