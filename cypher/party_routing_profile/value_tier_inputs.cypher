// What the value tier is derived from: the customer's segment and the product family of each
// active holding, with the tier currently in force and when the latest tier took effect. Part of a refresh (BIAN Execute).
// :param customerId => 'C0000001';
// :param now => datetime();
MATCH (c:Customer {customerId: $customerId})
RETURN c.segment AS segment,
       [(c)-[h:HOLDS]->(p:Product) WHERE h.status = 'ACTIVE' | p.family] AS heldFamilies,
       COLLECT {
         MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator {type: 'VALUE_TIER'})
         WHERE i.validFrom <= $now AND (i.validTo IS NULL OR $now < i.validTo)
         RETURN i.value
       }[0] AS currentTier,
       COLLECT {
         MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator {type: 'VALUE_TIER'})
         RETURN i.validFrom ORDER BY i.validFrom DESC LIMIT 1
       }[0] AS latestTierFrom,
       EXISTS { MATCH (:IndicatorType {code: 'VALUE_TIER'}) } AS tierDefined
