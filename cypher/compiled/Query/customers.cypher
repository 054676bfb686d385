// Query.customers(first, after, filter): one page in customerId order, the nodes paged BEFORE anything
// is projected ({{limit}} = page size + 1, to tell whether a next page exists). The filter and the book
// rule are list_customers.cypher's (tests/test_cypher_rules.py keeps the book rule alike).
MATCH (c:Customer)
WHERE c.customerId > {{after}}
  AND ({{segment}} IS NULL OR c.segment = {{segment}})
  AND ({{status}} IS NULL OR c.status = {{status}})
  AND ({{kind}} IS NULL OR c.kind = {{kind}})
  AND ({{namePrefix}} IS NULL OR c.searchName STARTS WITH toLower({{namePrefix}}))
  AND ($bookOf IS NULL
        OR EXISTS { (:ServicingResource {resourceId: $bookOf})-[:MANAGES]->(c) }
        OR EXISTS { (:ServicingResource {resourceId: $bookOf})-[:BACKUP_FOR]->(:ServicingResource)-[:MANAGES]->(c) }
        OR EXISTS { MATCH (:ServicingResource {resourceId: $bookOf})<-[:ASSIGNED_TO]-(a:Allocation)
                    WHERE a.customerId = c.customerId AND a.status IN ['PENDING', 'ACCEPTED'] }
        OR EXISTS { MATCH (:ServicingResource {resourceId: $bookOf})<-[:OWNED_BY]-(l:Lead)<-[:HAS_LEAD]-(c)
                    WHERE l.status IN ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'] })
WITH c ORDER BY c.customerId LIMIT {{limit}}
WITH collect(c) AS {{rows}}
RETURN {{projection}} AS {{column}}
