// Qualifies a relationship plan for a campaign (grantRelationshipPlan, BIAN Grant), after
// plan_grant_context and the checks, in the same transaction.
// In Neo4j Browser:
// :param grant => ({planId: 'RP-C0000001', campaignId: 'CMP-2026-SAVE-MORE', at: datetime(), by: 'R000001', reason: 'Premier customer with idle balances'});
MATCH (p:RelationshipPlan {planId: $grant.planId}), (campaign:Campaign {campaignId: $grant.campaignId})
CREATE (p)-[:QUALIFIES_FOR {grantedAt: $grant.at, grantedBy: $grant.by, reason: $grant.reason}]->(campaign)
RETURN p.planId AS planId
