// One page of customers in customerId order, after a cursor, optionally filtered.
// Parameters: $after (customerId or ''), $segment, $status, $kind, $namePrefix (any case; each may be null), $limit.
MATCH (c:Customer)
WHERE c.customerId > $after
  AND ($segment IS NULL OR c.segment = $segment)
  AND ($status IS NULL OR c.status = $status)
  AND ($kind IS NULL OR c.kind = $kind)
  AND ($namePrefix IS NULL OR c.searchName STARTS WITH toLower($namePrefix))
RETURN c {.customerId, .name, .kind, .segment, .status, .language, .country, .customerSince} AS customer
ORDER BY c.customerId
LIMIT $limit
