"""One access log line per HTTP request and WebSocket session, when it ends.

`GET /graphql 200 12.4ms operation=CustomerCard` under the request id (gateway/request_id.py
puts it on every line), so a slow or failing request can be followed from the access log to its
errors and to the driver's warnings. The operation's name comes from the parsed document: the
`OperationName` extension writes it into the request's `Access` record, which this middleware made
(a mutable record, because the view may run in a context copied from the middleware's).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

log = logging.getLogger("gateway.access")


@dataclass
class Access:
    operation: str | None = None
    status: int = 0


current_access: ContextVar[Access | None] = ContextVar("current_access", default=None)


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        access = Access()
        token = current_access.set(access)
        began = time.perf_counter()

        async def noting_status(message: Message) -> None:
            if message["type"] == "http.response.start":
                access.status = message["status"]
            elif message["type"] == "websocket.accept":
                access.status = 101
            elif message["type"] == "websocket.close" and not access.status:
                access.status = 403  # refused before it was accepted
            await send(message)

        try:
            await self.app(scope, receive, noting_status)
        finally:
            current_access.reset(token)
            method = scope.get("method", "WEBSOCKET")
            log.info("%s %s %s %.1fms operation=%s", method, scope.get("path", ""), access.status or "-",
                     (time.perf_counter() - began) * 1000, access.operation or "-")


class OperationName(SchemaExtension):
    """Tells the access log which operation the request ran (its name, else its type)."""

    def on_operation(self) -> Iterator[None]:
        yield
        access = current_access.get()
        if access is None:
            return
        context = self.execution_context
        try:
            access.operation = context.operation_name or (
                context.operation_type.value if context.graphql_document is not None else None)
        except RuntimeError:  # a document naming no operation it holds
            access.operation = None
