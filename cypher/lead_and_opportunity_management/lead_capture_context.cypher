// What initiateLead checks, read under the customer's lock (lead_lock_customer): the database's
// clock, the customer (status, segment, value tier in force, whether an RM MANAGES them), the
// product, the campaign, the owner asked for, the holding an up-sell names, the event or
// allocation the lead originated from (with the customer it belongs to), the open lead the
// customer already has for the product, and an earlier lead made with the same idempotency key.
// One map parameter, $input (its members may be null; see contact_routing/routing_candidates).
// :param input => ({
//   customerId: 'C0000001', productId: 'P-MORTGAGE-FIXED', campaignId: null, ownerId: null,
//   productInstanceReference: null, originatedFromEventId: null, originatedFromAllocationId: null,
//   idempotencyKey: null, openStatuses: ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED']
// })
WITH datetime.realtime() AS now
OPTIONAL MATCH (c:Customer {customerId: $input.customerId})
OPTIONAL MATCH (p:Product {productId: $input.productId})
OPTIONAL MATCH (campaign:Campaign {campaignId: $input.campaignId})
OPTIONAL MATCH (owner:ServicingResource {resourceId: $input.ownerId})
OPTIONAL MATCH (event:Event {eventId: $input.originatedFromEventId})
OPTIONAL MATCH (allocation:Allocation {allocationId: $input.originatedFromAllocationId})
OPTIONAL MATCH (prior:Lead {idempotencyKey: $input.idempotencyKey})
RETURN now,
       c {.customerId, .status, .segment,
          managed: EXISTS { (:ServicingResource)-[:MANAGES]->(c) },
          valueTier: COLLECT {
            MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(tier:Rating {type: 'VALUE_TIER'})
            WHERE tier.validFrom <= now AND (tier.validTo IS NULL OR tier.validTo > now)
            RETURN tier.value ORDER BY tier.validFrom DESC LIMIT 1
          }[0],
          holdsInstance: EXISTS {
            (c)-[h:HOLDS]->(:Product {productId: $input.productInstanceReference}) WHERE h.status = 'ACTIVE'
          },
          openLeadId: COLLECT {
            MATCH (c)-[:HAS_LEAD]->(l:Lead)-[:FOR_PRODUCT]->(:Product {productId: $input.productId})
            WHERE l.status IN $input.openStatuses
            RETURN l.leadId ORDER BY l.createdAt LIMIT 1
          }[0]} AS customer,
       p {.productId, .family} AS product,
       campaign {.campaignId, .type, .version} AS campaign,
       owner IS NOT NULL AS ownerExists,
       CASE WHEN event IS NULL THEN null ELSE coalesce(event.customerId, '') END AS eventCustomerId,
       CASE WHEN allocation IS NULL THEN null ELSE coalesce(allocation.customerId, '') END AS allocationCustomerId,
       prior {.leadId, .fingerprint} AS prior
