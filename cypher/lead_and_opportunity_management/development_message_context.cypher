// What a generated message is rendered from: the message template $templateId (null when unknown)
// and the data its placeholders name: the customer, the product of interest, the lead's owner and
// the task's assignee, for the development task $developmentId. Runs after development_lock.
// :param developmentId => 'DV-example';
// :param templateId => 'TPL-CALL-BACK';
MATCH (c:Customer)-[:HAS_LEAD]->(l:Lead)-[:HAS_DEVELOPMENT]->(d:LeadDevelopment {developmentId: $developmentId})
OPTIONAL MATCH (t:MessageTemplate {templateId: $templateId})
RETURN t {.templateId, .name, .channel, .subject, .body} AS template,
       {customerId: c.customerId, customerName: c.name, leadId: l.leadId, developmentId: d.developmentId,
        productId: [(l)-[:FOR_PRODUCT]->(p:Product) | p.productId][0],
        productName: [(l)-[:FOR_PRODUCT]->(p:Product) | p.name][0],
        productFamily: [(l)-[:FOR_PRODUCT]->(p:Product) | p.family][0],
        ownerId: [(l)-[:OWNED_BY]->(o:ServicingResource) | o.resourceId][0],
        ownerName: [(l)-[:OWNED_BY]->(o:ServicingResource) | o.name][0],
        assigneeId: [(d)-[:ASSIGNED_TO]->(a:ServicingResource) | a.resourceId][0],
        assigneeName: [(d)-[:ASSIGNED_TO]->(a:ServicingResource) | a.name][0]} AS data
