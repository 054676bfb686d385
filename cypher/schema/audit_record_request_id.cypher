// Everything one request did: auditRecords(filter: {requestId}) seeks on the request id, which a
// client quotes from X-Request-ID or an INTERNAL error (cypher/audit/audit_records_of_request.cypher).
CREATE INDEX audit_record_request_id IF NOT EXISTS FOR (n:AuditRecord) ON (n.requestId)
