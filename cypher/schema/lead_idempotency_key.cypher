// A retried initiateLead finds the lead its key made, and two concurrent requests with one key
// cannot both create one.
CREATE CONSTRAINT lead_idempotency_key IF NOT EXISTS FOR (n:Lead) REQUIRE n.idempotencyKey IS UNIQUE
