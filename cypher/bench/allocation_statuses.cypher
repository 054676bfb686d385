// make bench-routing BURST=...: the status of each allocation in $allocationIds the graph holds
// (an id it does not hold gives no row: a contact lost).
// In Neo4j Browser:
// :param allocationIds => ['AL-example'];
MATCH (a:Allocation)
WHERE a.allocationId IN $allocationIds
RETURN a.allocationId AS allocationId, a.status AS status
