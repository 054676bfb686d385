"""HTTP-level abuse limits on /graphql: request size and a per-principal rate limit.

Both answer before the GraphQL layer reads or parses anything, with a GraphQL-shaped body:
413 (or 414 for a GET whose query string is too long) with REQUEST_TOO_LARGE, and 429 with
RATE_LIMITED and a Retry-After header. The rate limit is a token bucket per principal (the
token's subject; the client address for requests without a valid token), held in memory:
each gateway process counts on its own.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.security.auth import Authenticator
from gateway.settings import Settings
from graph.errors import Unauthenticated

GRAPHQL_PATH = "/graphql"
# Buckets kept before full (idle) ones are dropped: a full bucket is the same as none.
MAX_BUCKETS = 10_000
# The error code of an HTTP refusal by its status, wherever it is made (the view, Starlette's router).
HTTP_REFUSAL_CODES = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"data": None, "errors": [{"message": message, "extensions": {"code": code}}]},
                        status_code=status, headers=headers)


@dataclass
class Bucket:
    tokens: float
    updated: float


class TokenBuckets:
    """`per_minute` requests a minute per key, in bursts of up to `per_minute`."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self.buckets: dict[str, Bucket] = {}

    def take(self, key: str) -> float:
        """0 when `key` may proceed (one token spent), else the seconds until it may."""
        now = self.clock()
        bucket = self.buckets.get(key)
        if bucket is None:
            if len(self.buckets) >= MAX_BUCKETS:
                self._drop_full(now)
            bucket = self.buckets[key] = Bucket(self.capacity, now)
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return 0.0
        return (1 - bucket.tokens) / self.rate

    def _drop_full(self, now: float) -> None:
        for key, bucket in list(self.buckets.items()):
            if bucket.tokens + (now - bucket.updated) * self.rate >= self.capacity:
                del self.buckets[key]


class HttpLimitsMiddleware:
    """Refuses oversized and too frequent requests to /graphql; other paths (health probes) pass."""

    def __init__(self, app: ASGIApp, settings: Settings, authenticate: Authenticator) -> None:
        self.app = app
        self.settings = settings
        self.authenticate = authenticate
        self.buckets = TokenBuckets(settings.rate_limit_per_minute) if settings.rate_limit_per_minute else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != GRAPHQL_PATH:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if self.buckets is not None:
            wait = self.buckets.take(_principal_key(self.authenticate, request))
            if wait:
                seconds = max(1, math.ceil(wait))
                await error_response(429, "RATE_LIMITED", f"too many requests; retry in {seconds}s "
                                     f"(at most {self.settings.rate_limit_per_minute} a minute per principal)",
                                     {"Retry-After": str(seconds)})(scope, receive, send)
                return
        limit = self.settings.max_body_bytes
        if len(scope.get("query_string", b"")) > limit:
            await _too_large(414, "the query string", limit)(scope, receive, send)
            return
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _too_large(413, "the request body", limit)(scope, receive, send)
            return
        body = await _read_at_most(receive, limit)
        if body is None:
            await _too_large(413, "the request body", limit)(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)


def _principal_key(authenticate: Authenticator, request: Request) -> str:
    # Authentication proper (and its 401) stays with the endpoint; here it only names the bucket.
    try:
        return "principal:" + authenticate(request.headers.get("authorization")).subject
    except Unauthenticated:
        return "address:" + (request.client.host if request.client else "unknown")


def _too_large(status: int, what: str, limit: int) -> JSONResponse:
    return error_response(status, "REQUEST_TOO_LARGE",
                          f"{what} is larger than {limit} bytes (GATEWAY_MAX_BODY_BYTES)")


async def _read_at_most(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes `limit` bytes (a body without Content-Length too)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)  # the client went away; the endpoint will see an empty body
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # e.g. http.disconnect, for a streaming response

    return replay
