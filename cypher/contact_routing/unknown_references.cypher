// Which of the skill codes and pool ids a servicing pool or resource would be linked to name
// nothing in the graph (both lists empty when everything exists).
// :param skillCodes => ['SALES', 'TELEPATHY'];
// :param poolIds => ['POOL-SALES'];
RETURN [code IN $skillCodes WHERE NOT EXISTS { MATCH (:Skill {code: code}) }] AS unknownSkills,
       [id IN $poolIds WHERE NOT EXISTS { MATCH (:ServicingPool {poolId: id}) }] AS unknownPools
