// make bench-routing BURST=...: the status of each allocation in $allocationIds, null for an id
// the graph does not hold (a contact lost).
// In Neo4j Browser:
// :param allocationIds => ['AL-example'];
UNWIND $allocationIds AS allocationId
OPTIONAL MATCH (a:Allocation {allocationId: allocationId})
RETURN allocationId, a.status AS status
