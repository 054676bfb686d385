// The kinds of a resource and of its would-be backup (null when unknown), with the resource
// write-locked so two changes of its backup happen one after the other.
// :param resourceId => 'R000011';
// :param backupResourceId => 'R000012';
OPTIONAL MATCH (r:ServicingResource {resourceId: $resourceId})
CALL (r) {
  WITH r WHERE r IS NOT NULL
  SET r.locked = true
  REMOVE r.locked
}
OPTIONAL MATCH (b:ServicingResource {resourceId: $backupResourceId})
RETURN r.kind AS kind, b.kind AS backupKind
