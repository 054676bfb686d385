// The leads each given (life) event suggests through the rules kept in the graph,
// (EventType)-[:SUGGESTS {reason}]->(Product): products suiting the customer's segment that the
// customer neither holds nor already has an open lead for.
// :param eventIds => ['EV-C0000003-01'];
UNWIND $eventIds AS eventId
MATCH (e:Event {eventId: eventId})
MATCH (t:EventType {code: e.type})-[s:SUGGESTS]->(p:Product)
MATCH (c:Customer {customerId: e.customerId})
WHERE (p.segments IS NULL OR c.segment IN p.segments)
  AND NOT EXISTS { (c)-[h:HOLDS]->(p) WHERE h.status = 'ACTIVE' }
  AND NOT EXISTS { (c)-[:HAS_LEAD]->(l:Lead)-[:FOR_PRODUCT]->(p)
                   WHERE l.status IN ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'] }
WITH eventId, p, s ORDER BY p.productId
RETURN eventId, collect({productId: p.productId, name: p.name, reason: s.reason}) AS suggestions
