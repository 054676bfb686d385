// Captures a servicing resource's status: a new status starts now (statusSince); the same
// status again changes nothing. No row when the resource is unknown.
MATCH (r:ServicingResource {resourceId: $resourceId})
WITH r, r.status AS previousStatus, coalesce(r.status <> $status, true) AS changed
CALL (r, changed) {
  WITH r WHERE changed
  SET r.status = $status, r.statusSince = datetime()
}
RETURN r.resourceId AS resourceId, r.status AS status, r.statusSince AS statusSince,
       previousStatus, changed
