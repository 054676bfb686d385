// Finds customers by name prefix, whatever the case (searchName is the lower-cased name).
CREATE INDEX customer_search_name IF NOT EXISTS FOR (n:Customer) ON (n.searchName)
