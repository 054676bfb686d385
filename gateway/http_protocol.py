"""uvicorn's HTTP/1.1 protocol, answering bytes that are not valid HTTP in the gateway's JSON shape.

uvicorn refuses a request it cannot parse (garbage bytes, a bad request line, an invalid header)
before any ASGI app sees it, with a plain-text 400. This subclass sends the same 400 as a
GraphQL-shaped error with a request id (header and `extensions.requestId`), so a client, a proxy's
log or an alert sees the one error contract even here. `python app.py` and tests.support.served
run uvicorn with it.
"""

from __future__ import annotations

import json
import logging
import uuid

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("gateway.http")


class GatewayHttpProtocol(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        request_id = uuid.uuid4().hex
        log.info("refused a request that is not valid HTTP (request %s): %s", request_id, msg)
        body = json.dumps({"data": None, "errors": [{
            "message": "the request is not valid HTTP/1.1; nothing was read from it",
            "extensions": {"code": "BAD_REQUEST", "requestId": request_id}}]}).encode()
        content = [b"HTTP/1.1 400 Bad Request\r\n"]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend([
            b"content-type: application/json; charset=utf-8\r\n",
            b"content-length: " + str(len(body)).encode("ascii") + b"\r\n",
            b"x-request-id: " + request_id.encode("ascii") + b"\r\n",
            b"connection: close\r\n",
            b"\r\n",
            body,
        ])
        self.transport.write(b"".join(content))
        self.transport.close()
