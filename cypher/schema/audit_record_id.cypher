// Every AuditRecord has one auditId.
CREATE CONSTRAINT audit_record_id IF NOT EXISTS FOR (n:AuditRecord) REQUIRE n.auditId IS UNIQUE
