// Captures a servicing resource's status: a new status starts now (statusSince); the same
// status again changes nothing, except that a resource written without statusSince (Browser,
// imports) is dated now: the earliest instant the gateway can vouch for it. No row when the
// resource is unknown.
// :param resourceId => 'R000011';
// :param status => 'AVAILABLE';
MATCH (r:ServicingResource {resourceId: $resourceId})
WITH r, r.status AS previousStatus, coalesce(r.status <> $status, true) AS changed
CALL (r, changed) {
  WITH r WHERE changed OR r.statusSince IS NULL
  SET r.status = $status, r.statusSince = datetime()
}
RETURN r.resourceId AS resourceId, r.status AS status, r.statusSince AS statusSince,
       previousStatus, changed
