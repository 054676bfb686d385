// One page of customers in customerId order, after a cursor, optionally filtered.
// Parameters: $after (customerId or ''), $segment, $status, $kind, $namePrefix (any case; each may be null), $limit,
// $bookOf: a relationship manager's resourceId, listing only its book (null: every customer). The book
// is the one book_access.cypher defines (MANAGES, BACKUP_FOR, a PENDING/ACCEPTED allocation offered to it,
// an open lead it owns);
// tests/test_cypher_rules.py keeps the two alike.
// :param after => '';
// :param segment => null;
// :param status => null;
// :param kind => null;
// :param namePrefix => null;
// :param limit => 21;
// :param bookOf => 'R000001';
MATCH (c:Customer)
WHERE c.customerId > $after
  AND ($segment IS NULL OR c.segment = $segment)
  AND ($status IS NULL OR c.status = $status)
  AND ($kind IS NULL OR c.kind = $kind)
  AND ($namePrefix IS NULL OR c.searchName STARTS WITH toLower($namePrefix))
  AND ($bookOf IS NULL
        OR EXISTS { (:ServicingResource {resourceId: $bookOf})-[:MANAGES]->(c) }
        OR EXISTS { (:ServicingResource {resourceId: $bookOf})-[:BACKUP_FOR]->(:ServicingResource)-[:MANAGES]->(c) }
        OR EXISTS { MATCH (:ServicingResource {resourceId: $bookOf})<-[:ASSIGNED_TO]-(a:Allocation)
                    WHERE a.customerId = c.customerId AND a.status IN ['PENDING', 'ACCEPTED'] }
        OR EXISTS { MATCH (:ServicingResource {resourceId: $bookOf})<-[:OWNED_BY]-(l:Lead)<-[:HAS_LEAD]-(c)
                    WHERE l.status IN ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'] })
RETURN c {.customerId, .name, .kind, .segment, .status, .language, .country, .customerSince} AS customer
ORDER BY c.customerId
LIMIT $limit
