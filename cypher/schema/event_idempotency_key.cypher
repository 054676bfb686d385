// A captured event carrying an idempotency key (or a natural key from its source) records it;
// a repeat finds that event instead of writing a second one, also under concurrency.
CREATE CONSTRAINT event_idempotency_key IF NOT EXISTS FOR (n:Event) REQUIRE n.idempotencyKey IS UNIQUE
