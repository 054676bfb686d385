// Offers not accepted in time: PENDING allocations whose offerExpiresAt has passed, oldest first.
// :param now => datetime();
// :param limit => 50;
MATCH (a:Allocation)
WHERE a.offerExpiresAt <= $now AND a.status = 'PENDING'
RETURN a.allocationId AS allocationId
ORDER BY a.offerExpiresAt, a.allocationId
LIMIT $limit
