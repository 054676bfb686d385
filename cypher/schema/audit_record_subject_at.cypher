// What one principal did, newest first: auditRecords(filter: {subject}) seeks on subject and reads
// `at` in index order (cypher/audit/audit_records_of_subject.cypher).
CREATE INDEX audit_record_subject_at IF NOT EXISTS FOR (n:AuditRecord) ON (n.subject, n.at)
