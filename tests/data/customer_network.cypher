// The customer network around the small bank's Martin household (tests/resolvers/customer_relationship_management/test_customer_network.py):
// a subsidiary chain Acme Components -> Acme Widgets -> Acme Holdings, Olga who owns the holding,
// Chloe's second household with Frank, Ivy who is related to no one, and Alice's RM Rita.
MATCH (alice:Customer {customerId: 'C0000001'}), (chloe:Customer {customerId: 'C0000003'}),
      (acme:Customer {customerId: 'C0000004'}), (group:Customer {customerId: 'C0000006'})
CREATE (components:Customer {customerId: 'C0000101', name: 'Acme Components Ltd', kind: 'ORGANIZATION', segment: 'CORPORATE', status: 'ACTIVE', language: 'en', country: 'GB', customerSince: date('2012-02-01'), searchName: 'acme components ltd'})
CREATE (olga:Customer {customerId: 'C0000102', name: 'Olga Owner', kind: 'PERSON', segment: 'PRIVATE', status: 'ACTIVE', language: 'en', country: 'GB', customerSince: date('2008-08-08'), searchName: 'olga owner'})
CREATE (frank:Customer {customerId: 'C0000103', name: 'Frank Moreau', kind: 'PERSON', segment: 'MASS', status: 'ACTIVE', language: 'fr', country: 'FR', customerSince: date('2022-01-10'), searchName: 'frank moreau'})
CREATE (:Customer {customerId: 'C0000104', name: 'Ivy Island', kind: 'PERSON', segment: 'MASS', status: 'ACTIVE', language: 'en', country: 'GB', customerSince: date('2023-03-03'), searchName: 'ivy island'})
CREATE (flat:Household {householdId: 'H0000101', name: 'Martin-Moreau household'})
CREATE (components)-[:RELATED_TO {kind: 'SUBSIDIARY', since: date('2012-02-01')}]->(acme)
CREATE (olga)-[:RELATED_TO {kind: 'OWNER', since: date('2009-11-30')}]->(group)
CREATE (chloe)-[:MEMBER_OF {role: 'HEAD'}]->(flat)
CREATE (frank)-[:MEMBER_OF {role: 'PARTNER'}]->(flat)
CREATE (rita:ServicingResource {resourceId: 'R000101', name: 'Rita Network', kind: 'RELATIONSHIP_MANAGER', status: 'AVAILABLE'})
CREATE (rita)-[:MANAGES]->(alice)
