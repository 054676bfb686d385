// A lead with everything Query.lead shows (BIAN Retrieve of the LeadandOpportunityProcedure), in
// one round trip: its properties, customer, product, campaign, owner, the held product it
// up-sells, the event or allocation it originated from, its offer and its SALES_PROSPECT status.
// No row when the lead is unknown. A lead written outside the gateway (Browser, imports) may lack
// priority and the bookkeeping properties: their defaults are here (docs/graph-model.md, Lead); a
// missing score and classification are derived from the priority by the Lead type (lead_scoring).
// :param leadId => 'LD-C0000001-1';
MATCH (c:Customer)-[:HAS_LEAD]->(l:Lead {leadId: $leadId})-[:FOR_PRODUCT]->(p:Product)
RETURN l {.*,
          priority: coalesce(l.priority, 3),
          capturedBy: coalesce(l.capturedBy, 'unknown'),
          updatedAt: coalesce(l.updatedAt, l.createdAt),
          updatedBy: coalesce(l.updatedBy, l.capturedBy, 'unknown'),
          customer: c {.customerId, .name},
          product: p {.productId, .name, .family},
          campaign: [(l)-[:FROM_CAMPAIGN]->(m:Campaign) | m {.campaignId, .name, .type, .version, .startsOn, .endsOn}][0],
          owner: [(l)-[:OWNED_BY]->(o:ServicingResource) | o {.resourceId, .name, .kind}][0],
          upsells: [(l)-[:UPSELLS]->(h:Product) | h {.productId, .name, .family}][0],
          originatedFrom: [(l)-[:ORIGINATED_FROM]->(x) WHERE x:Event OR x:Allocation |
                           {kind: CASE WHEN x:Event THEN 'EVENT' ELSE 'ALLOCATION' END,
                            id: coalesce(x.eventId, x.allocationId), type: coalesce(x.type, x.channel),
                            at: coalesce(x.occurredAt, x.requestedAt)}][0],
          offer: [(l)-[:INITIATED]->(f:Offer) | f {.offerId, .status, .createdAt}][0],
          prospectStatus: COLLECT {
            MATCH (l)-[:SETS]->(s:Status) RETURN s {.indicatorId, .value, .validFrom, .validTo}
            ORDER BY s.validFrom DESC LIMIT 1
          }[0]} AS lead
