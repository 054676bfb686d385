// Event activity of one customer: per period bucket (DAY, WEEK = ISO week from Monday, or
// MONTH; UTC) and event category, how many events the customer had. The window is whole
// buckets: from the start of the bucket holding $fromDate to the end of the one holding
// $toDate. Every bucket of the window is returned, in order; a quiet bucket has an empty list,
// and within a bucket only categories with events appear, by category code. Only events of
// the $categories count (the gateway leaves FRAUD out for principals who may not see it).
// One seek of the event_customer_timeline index (customerId, occurredAt range); the SEEK
// hint stops the planner from scanning the whole index when statistics are small. An event
// stored with another offset falls in the bucket of its UTC date. No row: no such customer.
// In Neo4j Browser:
// :param customerId => 'C0000001';
// :param period => 'WEEK';
// :param fromDate => date('2026-01-01');
// :param toDate => date('2026-03-31');
// :param categories => ['RELATIONSHIP', 'SALES', 'SERVICING', 'PRODUCT_PROCESSING', 'FRAUD', 'LIFE'];
MATCH (c:Customer {customerId: $customerId})
WITH toLower($period) AS unit,
     CASE $period WHEN 'DAY' THEN duration('P1D') WHEN 'WEEK' THEN duration('P7D') ELSE duration('P1M') END AS step
WITH unit, step, date.truncate(unit, $fromDate) AS firstBucket, date.truncate(unit, $toDate) AS lastBucket
WITH unit, step, firstBucket,
     CASE $period WHEN 'DAY' THEN duration.inDays(firstBucket, lastBucket).days
                  WHEN 'WEEK' THEN duration.inDays(firstBucket, lastBucket).days / 7
                  ELSE duration.inMonths(firstBucket, lastBucket).months END + 1 AS buckets
WITH unit, [i IN range(0, buckets - 1) | firstBucket + step * i] AS starts,
     datetime({date: firstBucket, timezone: 'UTC'}) AS windowStart,
     datetime({date: firstBucket + step * buckets, timezone: 'UTC'}) AS windowEnd
CALL (unit, windowStart, windowEnd) {
  MATCH (e:Event)
  USING INDEX SEEK e:Event(customerId, occurredAt)
  WHERE e.customerId = $customerId AND e.occurredAt >= windowStart AND e.occurredAt < windowEnd
    AND e.category IN $categories
  WITH date.truncate(unit, datetime({datetime: e.occurredAt, timezone: 'UTC'})) AS start, e.category AS category,
       count(*) AS events
  ORDER BY start, category
  RETURN collect({start: start, category: category, events: events}) AS activity
}
UNWIND starts AS start
RETURN start, [a IN activity WHERE a.start = start | a {.category, .events}] AS categories
ORDER BY start
