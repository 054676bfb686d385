"""Transport and security: HTTP and WebSocket, request ids, settings, the error contract on the
wire, authentication, limits, persisted queries and the audit trail."""
