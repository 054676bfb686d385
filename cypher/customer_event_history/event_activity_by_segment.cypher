// Event activity of each customer segment from $fromDate to $toDate (whole UTC days, both
// included): how many customers the segment holds (whatever their status), how many of them
// had at least one event (active), how many events they had in all and per customer (2
// decimals), and per event category the events and the customers who had them (categories
// without events are left out; by code). Only events of the $categories count (the gateway
// leaves FRAUD out for principals who may not see it). Per customer, seeks of the
// event_customer_timeline index (customerId, occurredAt range); the SEEK hints stop the
// planner from scanning the whole index when statistics are small.
// In Neo4j Browser:
// :param fromDate => date('2026-01-01');
// :param toDate => date('2026-03-31');
// :param categories => ['RELATIONSHIP', 'SALES', 'SERVICING', 'PRODUCT_PROCESSING', 'FRAUD', 'LIFE'];
WITH datetime({date: $fromDate, timezone: 'UTC'}) AS windowStart,
     datetime({date: $toDate, timezone: 'UTC'}) + duration('P1D') AS windowEnd
MATCH (c:Customer)
WITH windowStart, windowEnd, c.segment AS groupKey, collect(c) AS members
CALL (members, windowStart, windowEnd) {
  UNWIND members AS c
  MATCH (e:Event)
  USING INDEX SEEK e:Event(customerId, occurredAt)
  WHERE e.customerId = c.customerId AND e.occurredAt >= windowStart AND e.occurredAt < windowEnd
    AND e.category IN $categories
  WITH e.category AS category, count(*) AS events, count(DISTINCT c) AS customers
  ORDER BY category
  RETURN collect({category: category, events: events, activeCustomers: customers}) AS categories
}
CALL (members, windowStart, windowEnd) {
  UNWIND members AS c
  WITH c
  WHERE EXISTS {
    MATCH (e:Event)
    USING INDEX SEEK e:Event(customerId, occurredAt)
    WHERE e.customerId = c.customerId AND e.occurredAt >= windowStart AND e.occurredAt < windowEnd
      AND e.category IN $categories
  }
  RETURN count(c) AS activeCustomers
}
WITH groupKey, null AS name, size(members) AS customers, activeCustomers, categories,
     reduce(n = 0, x IN categories | n + x.events) AS events
RETURN groupKey, name, customers, activeCustomers, events,
       round(toFloat(events) / customers, 2) AS eventsPerCustomer, categories
ORDER BY groupKey
