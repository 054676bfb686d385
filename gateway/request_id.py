"""A request id on every response and every log line.

The id comes from the caller's X-Request-ID when it looks sane (so a front end can
correlate), else a fresh one. It lives in a context variable because log records are
made far from the request object, in the driver and in uvicorn.

The middleware is also the last resort for HTTP: an exception nothing else handled is logged
with its id and answered as a GraphQL-shaped INTERNAL error quoting the id, never as
Starlette's plain-text 500 (which would carry no id).
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Iterable
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.redaction import RedactingFilter

HEADER = "x-request-id"
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,128}$")

current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")
log = logging.getLogger("gateway.errors")


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = _incoming(scope) or uuid.uuid4().hex
        token = current_request_id.set(request_id)

        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] in ("http.response.start", "websocket.accept"):
                started = True
                headers = list(message.get("headers", []))
                headers.append((HEADER.encode(), request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            if scope["type"] != "http" or started:
                raise  # a WebSocket, or a response already under way: nothing left to answer with
            log.exception("unexpected error answering %s %s", scope.get("method"), scope.get("path"))
            await _internal(request_id, send_with_id)
        finally:
            current_request_id.reset(token)


async def _internal(request_id: str, send: Send) -> None:
    body = json.dumps({"data": None, "errors": [{
        "message": f"internal error; quote request id {request_id} to support",
        "extensions": {"code": "INTERNAL", "requestId": request_id}}]}).encode()
    await send({"type": "http.response.start", "status": 500, "headers": [
        (b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _incoming(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == HEADER.encode():
            text = value.decode("latin-1")
            return text if _SANE.match(text) else None
    return None


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


class OneLine(logging.Filter):
    """A message of several lines on one line, cut at LONGEST characters: the driver quotes Neo4j's
    whole lock dump when it retries a deadlock, which would otherwise split one event over many
    lines that carry no request id. Tracebacks (logged with the exception) are kept as they are."""

    LONGEST = 600

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "\n" in message:
            flat = " ".join(message.split())
            if len(flat) > self.LONGEST:
                flat = f"{flat[:self.LONGEST]}... ({len(flat)} characters)"
            record.msg, record.args = flat, None
        return True


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    """One handler on the root logger whose lines all carry the request id and no credential
    (bearer tokens, URI passwords, and `secrets`: the JWT secret and the Neo4j password)."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.addFilter(OneLine())
    handler.addFilter(RedactingFilter(secrets))
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [request %(request_id)s] %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
