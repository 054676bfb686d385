// Filters customers by lifecycle status.
CREATE INDEX customer_status IF NOT EXISTS FOR (n:Customer) ON (n.status)
