// Event trend of one customer: how many events the customer had in the $days days before $at
// (recent window: $at - $days days <= occurredAt < $at) against the $days days before that
// (earlier window), in all and per event category (categories with an event in either
// window, by code). Only events of the $categories count (the gateway leaves FRAUD out for
// principals who may not see it). The change and its direction are derived by the gateway.
// One seek of the event_customer_timeline index (customerId, occurredAt range over both
// windows); the SEEK hint stops the planner from scanning the whole index when statistics
// are small. No row: no such customer.
// In Neo4j Browser:
// :param customerId => 'C0000001';
// :param at => datetime();
// :param days => 90;
// :param categories => ['RELATIONSHIP', 'SALES', 'SERVICING', 'PRODUCT_PROCESSING', 'FRAUD', 'LIFE'];
MATCH (c:Customer {customerId: $customerId})
WITH $at - duration({days: $days}) AS recentFrom, $at - duration({days: 2 * $days}) AS earlierFrom
CALL (recentFrom, earlierFrom) {
  MATCH (e:Event)
  USING INDEX SEEK e:Event(customerId, occurredAt)
  WHERE e.customerId = $customerId AND e.occurredAt >= earlierFrom AND e.occurredAt < $at
    AND e.category IN $categories
  WITH e.category AS category,
       count(CASE WHEN e.occurredAt >= recentFrom THEN 1 END) AS recent,
       count(CASE WHEN e.occurredAt < recentFrom THEN 1 END) AS earlier
  ORDER BY category
  RETURN collect({category: category, recent: recent, earlier: earlier}) AS categories
}
RETURN recentFrom, earlierFrom,
       reduce(n = 0, x IN categories | n + x.recent) AS recent,
       reduce(n = 0, x IN categories | n + x.earlier) AS earlier,
       categories
