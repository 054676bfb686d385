// The book rule (gateway/security/book.py) as a predicate on one customer node {{customer}}: true when
// the servicing resource $bookOf reaches it. The same text as book_access.cypher and list_customers.cypher
// (tests/test_cypher_rules.py keeps them alike); `c` is bound to the node by the list predicate.
any(c IN [{{customer}}] WHERE $bookOf IS NULL
        OR EXISTS { (:ServicingResource {resourceId: $bookOf})-[:MANAGES]->(c) }
        OR EXISTS { (:ServicingResource {resourceId: $bookOf})-[:BACKUP_FOR]->(:ServicingResource)-[:MANAGES]->(c) }
        OR EXISTS { MATCH (:ServicingResource {resourceId: $bookOf})<-[:ASSIGNED_TO]-(a:Allocation)
                    WHERE a.customerId = c.customerId AND a.status IN ['PENDING', 'ACCEPTED'] }
        OR EXISTS { MATCH (:ServicingResource {resourceId: $bookOf})<-[:OWNED_BY]-(l:Lead)<-[:HAS_LEAD]-(c)
                    WHERE l.status IN ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'] })
