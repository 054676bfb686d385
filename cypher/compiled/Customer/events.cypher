// Customer.events(first, after, categories, types, from, to): one page of the customer's timeline, newest
// first, ties by eventId descending: the seek, window, keyset cursor and filters of
// customer_event_history/events_of_customers.cypher (its comments say why each is written so), with the
// parameters domains/customer_event_history/timeline.py TimelinePage gives. The page ({{limit}} = size + 1)
// is read before anything is projected; {{rows}} holds it for the edges and the page info.
[{{rows}} IN [COLLECT {
  MATCH (e:Event)
  USING INDEX e:Event(customerId, occurredAt)
  WHERE e.customerId = {{customer}}.customerId
    AND e.occurredAt >= {{from}} AND e.occurredAt < {{to}} AND e.occurredAt <= datetime({{afterAt}})
    AND CASE WHEN e.occurredAt = datetime({{afterAt}}) THEN e.eventId < {{afterId}} ELSE true END
    AND ({{categories}} IS NULL OR e.category IN {{categories}})
    AND ({{types}} IS NULL OR e.type IN {{types}})
    AND ({{seesFraud}} OR e.category <> 'FRAUD')
  WITH e
  ORDER BY e.customerId DESC, e.occurredAt DESC, e.eventId DESC
  LIMIT {{limit}}
  RETURN e
}] | {{projection}}][0]
