// Auditors read the trail by time window (what happened between two instants).
CREATE INDEX audit_record_at IF NOT EXISTS FOR (n:AuditRecord) ON (n.at)
