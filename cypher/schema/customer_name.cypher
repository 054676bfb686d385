// Filters customers by name prefix (STARTS WITH).
CREATE INDEX customer_name IF NOT EXISTS FOR (n:Customer) ON (n.name)
