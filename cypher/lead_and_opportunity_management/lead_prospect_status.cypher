// When a lead closes: the customer's routing profile, the SALES_PROSPECT status the lead SETS if it
// is still in force, and the customer's most recently captured other open lead (which then takes
// the status over; see docs/lead-and-opportunity.md). Runs under the lead's lock.
// :param lead => ({leadId: 'LD-C0000001-1', openStatuses: ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED']});
WITH datetime.realtime() AS now
MATCH (c:Customer)-[:HAS_LEAD]->(l:Lead {leadId: $lead.leadId})
OPTIONAL MATCH (c)-[:HAS_PROFILE]->(ps:PartyState)
RETURN ps.partyStateId AS partyStateId, c.customerId AS customerId,
       COLLECT {
         MATCH (l)-[:SETS]->(s:Status {type: 'SALES_PROSPECT'})
         WHERE s.validFrom <= now AND (s.validTo IS NULL OR s.validTo > now)
         RETURN s {.indicatorId, .value}
       }[0] AS status,
       COLLECT {
         MATCH (c)-[:HAS_LEAD]->(other:Lead)-[:FOR_PRODUCT]->(p:Product)
         WHERE other <> l AND other.status IN $lead.openStatuses
         RETURN other {.leadId, productId: p.productId} ORDER BY other.createdAt DESC LIMIT 1
       }[0] AS nextOpenLead
