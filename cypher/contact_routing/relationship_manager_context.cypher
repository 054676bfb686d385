// What assigning a relationship manager needs to know: whether the customer exists, the
// resource's kind (null when unknown) and who manages the customer now, since when. Write-locks the
// customer, so two assignments to one customer happen one after the other.
// :param customerId => 'C0000042';
// :param resourceId => 'R000011';
OPTIONAL MATCH (c:Customer {customerId: $customerId})
CALL (c) {
  WITH c WHERE c IS NOT NULL
  SET c.locked = true
  REMOVE c.locked
}
OPTIONAL MATCH (r:ServicingResource {resourceId: $resourceId})
RETURN c IS NOT NULL AS customerExists, r.kind AS kind,
       CASE WHEN c IS NULL THEN [] ELSE
         [(current:ServicingResource)-[m:MANAGES]->(c) | {resourceId: current.resourceId, since: m.since}]
       END AS currentManagers
