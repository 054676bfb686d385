// What granting a campaign to a relationship plan (grantRelationshipPlan, BIAN Grant: qualify for a
// campaign) checks, under the plan's lock: the campaign (null when unknown), whether the plan
// already QUALIFIES_FOR it, and the customer's sales blocks at $grant.at (an indicator in force
// whose IndicatorType blocksSales; the same check as evaluate_lead.cypher, kept alike by
// tests/test_cypher_rules.py). No row: no such plan.
// In Neo4j Browser:
// :param grant => ({planId: 'RP-C0000001', campaignId: 'CMP-2026-SAVE-MORE', at: datetime()});
MATCH (c:Customer)-[:HAS_PLAN]->(p:RelationshipPlan {planId: $grant.planId})
OPTIONAL MATCH (campaign:Campaign {campaignId: $grant.campaignId})
RETURN campaign {.campaignId, .name, .startsOn, .endsOn} AS campaign,
       campaign IS NOT NULL AND EXISTS { (p)-[:QUALIFIES_FOR]->(campaign) } AS granted,
       COLLECT {
         MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(i:Indicator)-[:OF_TYPE]->(t:IndicatorType)
         WHERE t.blocksSales AND i.validFrom <= $grant.at AND (i.validTo IS NULL OR $grant.at < i.validTo)
         RETURN DISTINCT {type: t.code, confidential: coalesce(t.confidential, false)} AS block
         ORDER BY block.type
       } AS blocks
