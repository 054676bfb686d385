// Development tasks by id, each with its lead, customer, product and assignee, in the order asked;
// unknown ids are left out.
// :param developmentIds => ['DV-example'];
UNWIND $developmentIds AS developmentId
MATCH (l:Lead)-[:HAS_DEVELOPMENT]->(d:LeadDevelopment {developmentId: developmentId})
RETURN d {.*, leadId: l.leadId,
       customerId: [(c:Customer)-[:HAS_LEAD]->(l) | c.customerId][0],
       productId: [(l)-[:FOR_PRODUCT]->(p:Product) | p.productId][0],
       assignee: [(d)-[:ASSIGNED_TO]->(r:ServicingResource) | r {.resourceId, .name}][0]} AS development
