// A capture or update carrying an idempotency key records it on the indicator it creates;
// a repeat finds that indicator instead of writing a second one, also under concurrency.
CREATE CONSTRAINT indicator_idempotency_key IF NOT EXISTS FOR (n:Indicator) REQUIRE n.idempotencyKey IS UNIQUE
