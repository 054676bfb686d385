// A customer's timeline: the events of one customerId by time, newest first, a page at a time
// (seek on customerId, range and order on occurredAt; see cypher/customer_event_history/).
CREATE INDEX event_customer_timeline IF NOT EXISTS FOR (e:Event) ON (e.customerId, e.occurredAt)
