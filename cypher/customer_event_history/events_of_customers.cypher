// One page of each given customer's timeline: events newest first, ties by eventId descending.
// Per customer, a seek on the event_customer_timeline index (customerId equality, occurredAt
// range) read in descending index order, so a page costs about $limit index entries however
// many events the customer has. The window is $from <= occurredAt < $to; the keyset cursor
// ($afterAt, $afterId) keeps events strictly after it in that order: occurredAt <= $afterAt
// narrows the seek, the CASE drops the cursor's own instant up to its eventId (not written as
// an OR, which the planner may split into a union of two seeks and a sort of all their rows).
// $afterAt is the text toString(occurredAt) gave, offset and zone included: Neo4j orders equal
// instants in different zones by zone, so only the exact stored value keeps the keyset exact.
// Categories, types and the fraud exclusion filter after the seek: a rare filter reads further
// down the timeline until the page fills (see docs/graph-model.md, Event).
// Without a window or cursor, pass the sentinels below (null would match nothing).
// In Neo4j Browser:
// :param customerIds => ['C0000042'];
// :param from => datetime('0001-01-01T00:00:00Z');
// :param to => datetime('9999-12-31T23:59:59.999999Z');
// :param afterAt => '9999-12-31T23:59:59.999999999Z';
// :param afterId => '';
// :param categories => null;
// :param types => null;
// :param seesFraud => true;
// :param limit => 21;
UNWIND $customerIds AS customerId
CALL (customerId) {
  MATCH (e:Event)
  USING INDEX e:Event(customerId, occurredAt)
  WHERE e.customerId = customerId
    AND e.occurredAt >= $from AND e.occurredAt < $to AND e.occurredAt <= datetime($afterAt)
    AND CASE WHEN e.occurredAt = datetime($afterAt) THEN e.eventId < $afterId ELSE true END
    AND ($categories IS NULL OR e.category IN $categories)
    AND ($types IS NULL OR e.type IN $types)
    AND ($seesFraud OR e.category <> 'FRAUD')
  WITH e
  // customerId is one value here; ordering by it first lets the planner read the index backwards
  // (PartialTop) instead of sorting every event of the customer (Top).
  ORDER BY e.customerId DESC, e.occurredAt DESC, e.eventId DESC
  LIMIT $limit
  RETURN collect({event: e {.*}, at: toString(e.occurredAt)}) AS events
}
RETURN customerId, events
