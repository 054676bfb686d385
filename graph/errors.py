"""The gateway's error contract: every expected failure is one of these.

    GatewayError                code             meaning
     ├── NotFound               NOT_FOUND        the named object does not exist
     ├── ValidationFailed       VALIDATION       input breaks a rule; `field` names the input
     ├── Conflict               CONFLICT         the graph's state forbids the change
     ├── Unauthenticated        UNAUTHENTICATED  no valid bearer token
     ├── Forbidden              FORBIDDEN        the principal's roles do not allow it
     └── Unavailable            UNAVAILABLE      Neo4j cannot be reached right now

Anything else is unexpected: the client sees INTERNAL and the log has the details.
"""

from __future__ import annotations


class GatewayError(Exception):
    code = "INTERNAL"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def extensions(self) -> dict[str, str]:
        out = {"code": self.code}
        if self.field is not None:
            out["field"] = self.field
        return out


class NotFound(GatewayError):
    code = "NOT_FOUND"


class ValidationFailed(GatewayError):
    code = "VALIDATION"


class Conflict(GatewayError):
    code = "CONFLICT"


class Unauthenticated(GatewayError):
    code = "UNAUTHENTICATED"


class Forbidden(GatewayError):
    code = "FORBIDDEN"


class Unavailable(GatewayError):
    code = "UNAVAILABLE"

class TimedOut(Unavailable):
    """A transaction ran past GATEWAY_NEO4J_TRANSACTION_TIMEOUT_SECONDS and Neo4j stopped it.

    An Unavailable (the request can be retried, narrower), with its own code so a client
    can tell a too-heavy request from a database that is down.
    """

    code = "TIMEOUT"
