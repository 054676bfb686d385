// A retried requestAllocation finds the allocation its key made, and two concurrent requests with
// one key cannot both create one.
CREATE CONSTRAINT allocation_idempotency_key IF NOT EXISTS FOR (a:Allocation) REQUIRE a.idempotencyKey IS UNIQUE
