// A retried initiateLeadDevelopment finds the task its key created, and two concurrent requests with
// one key cannot both create one.
CREATE CONSTRAINT lead_development_idempotency_key IF NOT EXISTS FOR (n:LeadDevelopment) REQUIRE n.idempotencyKey IS UNIQUE
