// Every CustomerEventLog has one eventLogId.
CREATE CONSTRAINT customer_event_log_id IF NOT EXISTS FOR (n:CustomerEventLog) REQUIRE n.eventLogId IS UNIQUE
