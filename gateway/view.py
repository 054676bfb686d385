"""The GraphQL endpoint: POST, GET for queries, WebSocket (graphql-transport-ws), GraphiQL in dev mode
(gateway/graphiql.py).

Authentication happens here, before any resolver or Cypher runs: an HTTP request
without a valid bearer token is refused with 401 and an UNAUTHENTICATED error; a
WebSocket must present its token in the connection_init payload (`Authorization`)
or in the handshake headers, else it is closed with 4403.

HTTP follows the GraphQL-over-HTTP spec (tests/gateway/http_audit runs the graphql-http audit): the
response is `application/graphql-response+json` for clients that accept it and
`application/json` otherwise; a document that fails to parse or validate is a 400 without
`data` for the former (legacy JSON clients keep their 200); 405 for a mutation over GET and
for any method but GET and POST, 406 when the client accepts neither type, 415 for a body that
is not JSON, 400 for JSON nested deeper than MAX_JSON_DEPTH. Every refusal is a GraphQL-shaped
JSON body, never plain text (docs/security.md, "Hostile input"). Persisted queries (APQ and the registered-only
mode) are resolved here too, before anything is parsed (gateway/security/persisted_queries.py).
"""

from __future__ import annotations

import json
from typing import Any, cast

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError, MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_transport_ws.types import SubscribeMessage
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType
from strawberry.types.unset import UNSET, UnsetType

from gateway.graphiql import GraphiQLAssets, page
from gateway.http_limits import HTTP_REFUSAL_CODES
from gateway.security.auth import Authenticator
from gateway.security.persisted_queries import PersistedQueries, PersistedQueryError
from gateway.settings import Settings
from graph.errors import Unauthenticated
from resolvers.context import Context

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
METHODS = ("GET", "POST")
# Deeper JSON than any operation's variables need (an input object's list of objects is about 6
# levels): refused before anything walks it, so no recursion in the gateway or the libraries.
MAX_JSON_DEPTH = 64


class PersistedQueriesOverWebSocket(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws `subscribe` messages go through the same persisted-query rules as HTTP,
    so the registered-only mode cannot be sidestepped by sending a document over the WebSocket."""

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        payload = message.get("payload")
        if not self.connection_acknowledged or not isinstance(payload, dict):
            await super().handle_subscribe(message)  # strawberry's own refusals
            return
        view = cast("GatewayGraphQL", self.view)
        try:
            query = view.persisted_queries.resolve(payload.get("query"), payload.get("extensions"))
        except PersistedQueryError as error:
            await self.send_message({"id": message["id"], "type": "error", "payload": [
                {"message": error.message, "extensions": {"code": error.code}}]})
            return
        if query is None:
            await self.handle_invalid_message("Failed to parse message")  # what strawberry answers without a query
            return
        await super().handle_subscribe({**message, "payload": {**payload, "query": query}})


class GatewayGraphQL(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = PersistedQueriesOverWebSocket

    def __init__(self, schema: Any, settings: Settings, authenticate: Authenticator,
                 graphiql: GraphiQLAssets | None = None) -> None:
        """`authenticate`: the principal of each request's Authorization header (shared with the rate
        limiter, so a token is verified once); `graphiql`: the assets of the GraphiQL page a browser gets
        (development mode only)."""
        super().__init__(
            schema,
            graphql_ide="graphiql" if graphiql is not None else None,
            allow_queries_via_get=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )
        self.settings = settings
        self.authenticate = authenticate
        self.graphiql = graphiql
        self.persisted_queries = PersistedQueries.from_settings(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        media_type = negotiate(request.headers.get("accept"))
        scope.setdefault("state", {})["media_type"] = media_type
        if request.method not in METHODS:
            # HEAD, PUT, OPTIONS, ...: the method is wrong whoever asks, so before authentication.
            response: Response = error_response(
                405, f"/graphql answers GET and POST, not {request.method}", "METHOD_NOT_ALLOWED", media_type or JSON)
            response.headers["allow"] = ", ".join(METHODS)
            await response(scope, receive, send)
            return
        try:
            scope["state"]["principal"] = self.authenticate(request.headers.get("authorization"))
        except Unauthenticated as error:
            await _refuse(error, media_type)(scope, receive, send)
            return
        if media_type is None and not _asks_for_graphiql(request):
            response = error_response(
                406, f"the response is JSON: accept {GRAPHQL_RESPONSE_JSON} or {JSON}", "VALIDATION", JSON)
        else:
            response = await self._answer(request, media_type or JSON)
        await response(scope, receive, send)

    async def _answer(self, request: Request, media_type: str) -> Response:
        try:
            return await self.run(request)
        except PersistedQueryError as error:
            # PersistedQueryNotFound is a retry signal; legacy JSON clients expect it with a 200.
            status = 200 if error.code == "PERSISTED_QUERY_NOT_FOUND" and media_type == JSON else error.status
            return error_response(status, error.message, error.code, media_type)
        except HTTPException as error:
            code = HTTP_REFUSAL_CODES.get(error.status_code, "VALIDATION")
            response = error_response(error.status_code, error.reason, code, media_type)
            if error.status_code == 405:
                response.headers["allow"] = "POST"  # a mutation over GET
            return response

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        # A GET carrying only an APQ hash (no `query`) is an operation, not a browser asking for GraphiQL.
        return super().should_render_graphql_ide(request) and request.query_params.get("extensions") is None

    async def render_graphql_ide(self, request: Request) -> Response:
        # The gateway's own page, its assets local (gateway/graphiql.py), not strawberry's CDN page.
        assert self.graphiql is not None  # graphql_ide is set only with it
        return page(self.graphiql, self.settings)

    def decode_json(self, data: str | bytes) -> object:
        """The body (or a GET's `variables` or `extensions`) as JSON; a body that is not UTF-8, not
        JSON, nested deeper than MAX_JSON_DEPTH, or whose JSON is not an object (or a batch's list),
        is the client's mistake: 400, not a 500 from deeper down."""
        try:
            text = data.decode("utf-8") if isinstance(data, bytes) else data
        except UnicodeDecodeError:
            raise HTTPException(400, "the request body is not UTF-8 text") from None
        try:
            decoded = json.loads(text)
        except RecursionError:
            raise HTTPException(400, _TOO_DEEP) from None
        except json.JSONDecodeError:
            raise  # strawberry's 400, "Unable to parse request body as JSON"
        except ValueError as error:
            # An integer of more digits than Python converts, for one.
            raise HTTPException(400, f"the request's JSON cannot be read: {_reason(error)}") from None
        if json_depth(decoded) > MAX_JSON_DEPTH:
            raise HTTPException(400, _TOO_DEEP)
        if not isinstance(decoded, (dict, list)):
            raise HTTPException(400, "the request body must be a JSON object with a `query`")
        return decoded

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter,
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        if request.method == "POST":
            content_type, _ = parse_content_type(request.content_type or "")
            if content_type != JSON:
                raise HTTPException(415, f"send the request as {JSON} (got {content_type or 'no Content-Type'})")
        parsed = await super().parse_http_body(request)
        for data in parsed if isinstance(parsed, list) else [parsed]:
            if not isinstance(data.operation_name, (str, type(None))):
                raise HTTPException(400, "The GraphQL operation's `operationName` must be a string or null, if provided.")
            data.query = self.persisted_queries.resolve(data.query, data.extensions)
        return parsed

    async def execute_single(  # noqa: PLR0917 - strawberry's signature
        self, request: Request, request_adapter: AsyncHTTPRequestAdapter, sub_response: Response,
        context: Context, root_value: None, request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        # Subscriptions run over the WebSocket only: over HTTP strawberry would run one like a query and
        # fail on its stream (an INTERNAL error) instead of telling the client where to go.
        allowed = OperationType.from_http(request_adapter.method) - {OperationType.SUBSCRIPTION}
        try:
            return await self.schema.execute(
                request_data.query, root_value=root_value, variable_values=request_data.variables,
                context_value=context, operation_name=request_data.operation_name,
                allowed_operation_types=allowed, operation_extensions=request_data.extensions)
        except CannotGetOperationTypeError as error:
            raise HTTPException(400, error.as_http_error_reason()) from error
        except InvalidOperationTypeError as error:
            if error.operation_type == OperationType.SUBSCRIPTION:
                raise HTTPException(400, "subscriptions run over a WebSocket on /graphql (graphql-transport-ws "
                                         "protocol), not over HTTP") from error
            if request_adapter.method == "GET":  # a mutation: the method is what is wrong (the spec's 405)
                raise HTTPException(405, "mutations need POST") from error
            raise HTTPException(400, error.as_http_error_reason(request_adapter.method)) from error
        except MissingQueryError as error:
            raise HTTPException(400, "No GraphQL query found in the request") from error

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = getattr(request.state, "media_type", None) or JSON
        return sub_response

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response,
    ) -> Response:
        media_type = sub_response.media_type or JSON
        status = sub_response.status_code or 200
        if media_type == GRAPHQL_RESPONSE_JSON and isinstance(response_data, dict) and is_request_error(response_data):
            # The document never executed (syntax, validation, variables): no `data` entry, and a 4xx.
            response_data = {key: value for key, value in response_data.items() if key != "data"}  # type: ignore[assignment]
            status = sub_response.status_code or 400
        response = Response(self.encode_json(response_data), status_code=status, media_type=_with_charset(media_type))
        response.headers.raw.extend(sub_response.headers.raw)
        response.background = sub_response.background
        return response

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
            context.principal = self.authenticate(header if isinstance(header, str) else None)
        except Unauthenticated as error:
            raise ConnectionRejectionError({"code": "UNAUTHENTICATED", "message": error.message}) from None
        acknowledge_without_payload: UnsetType = UNSET
        return acknowledge_without_payload


def negotiate(accept: str | None) -> str | None:
    """The response type for an Accept header: the highest q wins, graphql-response+json on a tie.

    No Accept (or */*) is a legacy client: application/json, as the spec asks. None: neither is acceptable.
    """
    if accept is None or not accept.strip():
        return JSON
    best: str | None = None
    best_q = 0.0
    for part in accept.split(","):
        media, _, parameters = part.partition(";")
        media = media.strip().lower()
        offered = GRAPHQL_RESPONSE_JSON if media == GRAPHQL_RESPONSE_JSON else (
            JSON if media in (JSON, "application/*", "*/*") else None)
        if offered is None:
            continue
        q = _quality(parameters)
        if q > best_q or (q == best_q and q > 0 and offered == GRAPHQL_RESPONSE_JSON):
            best, best_q = offered, q
    return best


def _quality(parameters: str) -> float:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def is_request_error(response: GraphQLHTTPResponse) -> bool:
    """Errors before execution carry no `path`; a field error has one and keeps its partial data."""
    errors = response.get("errors") or []
    return response.get("data") is None and bool(errors) and all(isinstance(error, dict) and "path" not in error for error in errors)


_TOO_DEEP = f"the request's JSON is nested more than {MAX_JSON_DEPTH} levels deep"


def json_depth(value: object) -> int:
    """How deeply decoded JSON nests (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, depth)
            if depth <= MAX_JSON_DEPTH:  # deeper is refused anyway: stop counting
                stack.extend((child, depth + 1) for child in children)
    return deepest


def _reason(error: ValueError) -> str:
    """What is wrong, without the exception's class."""
    return str(error).split(";")[0][:120]


class EscapedJSONResponse(JSONResponse):
    """JSON with everything beyond ASCII escaped: a refusal may quote what the client sent, and a lone
    surrogate (JSON's "\\ud800") cannot be encoded as UTF-8, only escaped."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, separators=(",", ":")).encode("ascii")


def error_response(status: int, message: str, code: str, media_type: str) -> JSONResponse:
    return EscapedJSONResponse({"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status,
                               media_type=_with_charset(media_type))


def _with_charset(media_type: str) -> str:
    return f"{media_type}; charset=utf-8"


def _asks_for_graphiql(request: Request) -> bool:
    """A browser opening /graphql: answered with GraphiQL in dev mode (404 otherwise), not with a 406."""
    params = request.query_params
    return (request.method == "GET" and "query" not in params and "extensions" not in params
            and "text/html" in request.headers.get("accept", ""))


def _refuse(error: Unauthenticated, media_type: str | None) -> JSONResponse:
    body: dict[str, Any] = {"errors": [{"message": error.message, "extensions": error.extensions()}]}
    if media_type != GRAPHQL_RESPONSE_JSON:
        body = {"data": None, **body}  # what legacy JSON clients have always received
    return EscapedJSONResponse(body, status_code=401, media_type=_with_charset(media_type or JSON),
                        headers={"WWW-Authenticate": 'Bearer realm="graphql"'})
