// CustomerEvent.customerId: the customer it happened to ('' when an event was stored without it).
coalesce({{event}}.customerId, '')
