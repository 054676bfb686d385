// Which of the skill codes an IndicatorType would require name no Skill, and whether the
// pool it would route to exists (a null $poolId routes nowhere, so it "exists").
// In Neo4j Browser:
// :param skillCodes => ['COLLECTIONS', 'NO_SUCH_SKILL'];
// :param poolId => 'POOL-COLLECTIONS';
RETURN [code IN $skillCodes WHERE NOT EXISTS { MATCH (:Skill {code: code}) }] AS unknownSkills,
       $poolId IS NULL OR EXISTS { MATCH (:ServicingPool {poolId: $poolId}) } AS poolExists
