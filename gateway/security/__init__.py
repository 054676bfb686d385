"""Security: who is asking (JWT, principal, roles per field), what a document may cost, persisted
queries, the relationship manager's book on every path, and the audit trail."""
