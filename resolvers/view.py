"""The GraphQL endpoint: POST, GET for queries, WebSocket (graphql-transport-ws), GraphiQL in dev mode.

Authentication happens here, before any resolver or Cypher runs: an HTTP request
without a valid bearer token is refused with 401 and an UNAUTHENTICATED error; a
WebSocket must present its token in the connection_init payload (`Authorization`)
or in the handshake headers, else it is closed with 4403.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UNSET, UnsetType

from graph.errors import Unauthenticated
from graph.settings import Settings
from resolvers.auth import authenticate
from resolvers.context import Context


class GatewayGraphQL(GraphQL[Context, None]):
    def __init__(self, schema: Any, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.dev_mode else None,
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope, receive)
            try:
                scope.setdefault("state", {})["principal"] = authenticate(
                    self.settings, request.headers.get("authorization"))
            except Unauthenticated as error:
                await _refuse(error)(scope, receive, send)
                return
        await super().__call__(scope, receive, send)

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        # HTTP requests were authenticated in __call__; a WebSocket is in on_ws_connect.
        return Context(
            db=request.state.database.for_request(),
            principal=getattr(request.state, "principal", None),
            settings=self.settings,
            handshake_authorization=request.headers.get("authorization"),
            feed=request.state.routing_feed,
        )

    async def on_ws_connect(self, context: Context) -> UnsetType:
        params = context.connection_params or {}
        header = params.get("Authorization") or params.get("authorization") or context.handshake_authorization
        try:
            context.principal = authenticate(self.settings, header if isinstance(header, str) else None)
        except Unauthenticated as error:
            raise ConnectionRejectionError({"code": "UNAUTHENTICATED", "message": error.message}) from None
        acknowledge_without_payload: UnsetType = UNSET
        return acknowledge_without_payload


def _refuse(error: Unauthenticated) -> JSONResponse:
    body = {"data": None, "errors": [{"message": error.message, "extensions": error.extensions()}]}
    return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": 'Bearer realm="graphql"'})
