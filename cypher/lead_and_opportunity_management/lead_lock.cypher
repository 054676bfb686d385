// Write-locks one lead for the rest of the transaction (a property set and removed again: the
// graph is unchanged), then reads what every change of a lead checks under the lock: the
// database's clock, the lead, its customer, product and owner, and the servicing resource the
// change names ($lock.resourceId: a new owner, a task's assignee; null when none or unknown).
// No row when the lead is unknown. One map parameter (resourceId may be null). A lead written
// without priority (Browser, imports) has initiateLead's default, 3 (as lead_by_id reads it).
// In Neo4j Browser:
// :param lock => ({leadId: 'LD-C0000001-1', resourceId: null});
MATCH (c:Customer)-[:HAS_LEAD]->(l:Lead {leadId: $lock.leadId})-[:FOR_PRODUCT]->(p:Product)
SET l.locked = true
REMOVE l.locked
WITH c, l, p
OPTIONAL MATCH (named:ServicingResource {resourceId: $lock.resourceId})
RETURN datetime.realtime() AS now, c.customerId AS customerId, p.productId AS productId, p.name AS productName,
       l {.leadId, .status, priority: coalesce(l.priority, 3), .suspended, .scoreBasis, .description, .statusReason, .dateTimeLocation,
          .campaignVersion, ownerId: [(l)-[:OWNED_BY]->(o:ServicingResource) | o.resourceId][0]} AS lead,
       named.resourceId AS namedResourceId
