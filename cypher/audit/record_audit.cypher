// Audit trail: stores one AuditRecord per root field of a mutation operation (gateway/security/audit.py),
// in a write transaction of its own after the operation, so refused and failed attempts are kept
// too. Who ($subject, $roles, $resourceId), when ($at), which request ($requestId) and operation
// ($operation, null when anonymous); per record the field, the identifiers among its arguments
// (a JSON object of name -> values, and the same as 'name=value' strings, identifierPairs, which
// auditRecords filters on) and the outcome (OK or the error code the client saw).
// In Neo4j Browser:
// :param at => datetime();
// :param subject => 'R000001';
// :param roles => ['relationship_manager'];
// :param resourceId => 'R000001';
// :param requestId => 'req-0001-example';
// :param operation => 'CaptureLead';
// :param records => [{auditId: 'AU-example', field: 'initiateLead', identifiers: '{"customerId": ["C0000001"]}', identifierPairs: ['customerId=C0000001'], outcome: 'OK'}];
UNWIND $records AS record
CREATE (:AuditRecord {auditId: record.auditId, at: $at, subject: $subject, roles: $roles,
                      resourceId: $resourceId, requestId: $requestId, operation: $operation,
                      field: record.field, identifiers: record.identifiers, identifierPairs: record.identifierPairs,
                      outcome: record.outcome})
