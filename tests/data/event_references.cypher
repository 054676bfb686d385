// What captured events may reference in the small bank (load after small_bank.cypher):
// a servicing resource and Bob's open mortgage lead.
MATCH (bob:Customer {customerId: 'C0000002'}), (mortgage:Product {productId: 'P-MORTGAGE-FIXED'})
CREATE (:ServicingResource {resourceId: 'R000900', name: 'Sam Agent', kind: 'AGENT', status: 'AVAILABLE'})
CREATE (bob)-[:HAS_LEAD]->(:Lead {leadId: 'L0000001', status: 'QUALIFYING'})-[:FOR_PRODUCT]->(mortgage)
