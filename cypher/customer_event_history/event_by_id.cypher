// One event by its id (BIAN Retrieve of a Relationship, Sales, Servicing, ProductProcessing,
// Fraud or Life event).
// :param eventId => 'EV-C0000001-03';
MATCH (e:Event {eventId: $eventId})
RETURN e {.*} AS event
