// A lead's development tasks, newest first, optionally only those in $request.statuses (null: all),
// each with its lead, customer, product and assignee. No row when the lead is unknown; a lead
// without tasks answers one row with an empty list (grouping by the lead: no lead, no row).
// One map parameter: statuses may be null (see contact_routing/routing_candidates.cypher).
// :param request => ({leadId: 'LD-C0000001-1', statuses: null});
MATCH (l:Lead {leadId: $request.leadId})
OPTIONAL MATCH (l)-[:HAS_DEVELOPMENT]->(d:LeadDevelopment)
  WHERE $request.statuses IS NULL OR d.status IN $request.statuses
WITH l, d ORDER BY d.createdAt DESC, d.developmentId
RETURN l.leadId AS leadId, collect(d {.*, leadId: l.leadId,
       customerId: [(c:Customer)-[:HAS_LEAD]->(l) | c.customerId][0],
       productId: [(l)-[:FOR_PRODUCT]->(p:Product) | p.productId][0],
       assignee: [(d)-[:ASSIGNED_TO]->(r:ServicingResource) | r {.resourceId, .name}][0]}) AS developments
