"""The gateway: create_app(settings) builds the Starlette app; `python app.py` runs it.

Run directly, it also provisions and supervises the local Neo4j when NEO4J_URI is not set,
applies the schema, and in development mode loads the demo bank into an empty graph and
prints a token for GraphiQL.

While it serves, graph/monitor.py watches Neo4j (requests fail fast with UNAVAILABLE while it
is down) and, given the local Neo4j, graph/supervisor.py restarts it when it dies.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from typing import TypedDict

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute

from domains.contact_routing.dispatch import Dispatcher, plan_routing
from gateway import browser_assets
from gateway.access_log import AccessLogMiddleware
from gateway.graphiql import GraphiQLAssets, warn_if_missing
from gateway.http_limits import HTTP_REFUSAL_CODES, HttpLimitsMiddleware, error_response
from gateway.http_protocol import GatewayHttpProtocol
from gateway.request_id import RequestIdMiddleware, configure_logging, current_request_id
from gateway.routing_feed import RoutingFeed, window_for
from gateway.security.auth import DEVELOPMENT_TOKEN_SECONDS, Authenticator, development_secret, development_token
from gateway.settings import Settings, SettingsError
from gateway.view import GatewayGraphQL
from graph.constraints import apply_schema, missing_schema
from graph.database import PING, Database, connect
from graph.errors import Conflict, Unavailable
from graph.local_neo4j import LocalNeo4j, LocalNeo4jError, running_local_neo4j
from graph.monitor import Monitor
from graph.progress import Phase, phase
from graph.seed import seed_bank
from graph.supervisor import Supervisor
from resolvers.schema import build_schema

log = logging.getLogger("gateway")

DEMO_CUSTOMERS = 2000
DEMO_SEED = 42


class State(TypedDict):
    database: Database
    routing_feed: RoutingFeed


def create_app(settings: Settings, local_neo4j: LocalNeo4j | None = None,
               graphiql: GraphiQLAssets | None = None) -> Starlette:
    """The gateway on `settings.neo4j_uri`; given `local_neo4j` (the process serving that URI, started
    by the caller), it also restarts that process whenever it dies. In development mode it serves
    GraphiQL from `graphiql` (by default web/graphiql)."""
    settings.check()
    if settings.dev_mode:
        graphiql = graphiql or GraphiQLAssets.at()
        warn_if_missing(graphiql)
    else:
        graphiql = None

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[State]:
        database = connect(settings)
        try:
            await database.wait_until_reachable(settings.connect_timeout)
            await apply_schema(database)
            log.info("connected to Neo4j at %s (database %s)", settings.neo4j_uri, settings.neo4j_database)
            await plan_routing(database)
            # After an outage, warm what start-up warmed before requests come through again.
            monitor = Monitor(database, warm=plan_routing)
            monitor.start()
            supervisor = Supervisor(local_neo4j, database.availability) if local_neo4j else None
            if supervisor:
                supervisor.start()
            feed = RoutingFeed(database, settings.routing_feed_interval,
                               window=window_for(settings.neo4j_transaction_timeout))
            # Timed like a request: the feed's window relies on no routing write living longer.
            dispatcher = Dispatcher(database.for_request(), settings.dispatch_interval, name_pass=current_request_id.set)
            if settings.dispatch_interval:
                dispatcher.start()
            try:
                yield {"database": database, "routing_feed": feed}
            finally:
                await dispatcher.stop()
                await feed.close()
                if supervisor:
                    await supervisor.stop()
                await monitor.stop()
        finally:
            await database.close()

    authenticate = Authenticator(settings)  # one for the rate limiter and the endpoint: a token is verified once
    graphql = GatewayGraphQL(build_schema(settings), settings, authenticate, graphiql)
    routes = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/graphql", graphql, methods=None),  # every method: the view answers the wrong ones in JSON
        WebSocketRoute("/graphql", graphql),
        *([graphiql.route()] if graphiql else []),
        *browser_assets.routes(),  # Neo4j Browser's style sheet and guide
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: http_refusal},
                    middleware=[Middleware(RequestIdMiddleware), Middleware(AccessLogMiddleware),
                                Middleware(HttpLimitsMiddleware, settings=settings, authenticate=authenticate)])
    app.router.redirect_slashes = False  # /graphql/ is an unknown path (a JSON 404), not a redirect without a body
    return app


async def http_refusal(request: Request, error: Exception) -> JSONResponse:
    """Starlette's own refusals (an unknown path, a wrong method on /healthz) in the GraphQL shape."""
    assert isinstance(error, HTTPException)
    code = HTTP_REFUSAL_CODES.get(error.status_code, "BAD_REQUEST")
    message = {404: f"nothing at {request.url.path}; the API is POST or GET /graphql",
               405: f"{request.url.path} does not answer {request.method}"}.get(error.status_code, error.detail)
    return error_response(error.status_code, code, message, dict(error.headers or {}))


async def healthz(request: Request) -> JSONResponse:
    """The process is alive (it does not look at Neo4j)."""
    return JSONResponse({"status": "alive"})


async def readyz(request: Request) -> JSONResponse:
    """Neo4j answers and every constraint and index of cypher/schema/ is online."""
    database: Database = request.state.database
    if database.availability.reason is not None:  # known down: say so without asking Neo4j
        return JSONResponse({"status": "unavailable", "reason": database.availability.reason}, status_code=503)
    try:
        await database.read(PING)
        missing = await missing_schema(database)
    except Unavailable as error:
        return JSONResponse({"status": "unavailable", "reason": error.message}, status_code=503)
    if missing:
        return JSONResponse({"status": "unavailable", "reason": f"schema not applied: {missing}"}, status_code=503)
    return JSONResponse({"status": "ready"})


def main() -> int:
    """`make run`: the gateway, with the local Neo4j when NEO4J_URI is not set."""
    settings = Settings.from_env()
    if settings.dev_mode and not settings.jwt_secret:
        # Kept under .cache/, so a token saved in GraphiQL's headers still works after a restart.
        settings = replace(settings, jwt_secret=development_secret(settings.development_secret_file))
    configure_logging(settings.log_level, secrets=(settings.jwt_secret, settings.neo4j_password))
    try:
        settings.check()
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    with contextlib.ExitStack() as stack:
        local: LocalNeo4j | None = None
        if settings.neo4j_uri is None:
            # Browser loads the gateway's style sheet and guide once connected.
            commands = browser_assets.post_connect_commands(settings.host, settings.port)
            try:
                local = stack.enter_context(running_local_neo4j(settings, browser_commands=commands))
            except LocalNeo4jError as error:
                print(f"error: {error}", file=sys.stderr)
                return 1
            settings = settings.with_neo4j(local.uri)
        if settings.dev_mode:
            asyncio.run(prepare_demo(settings))
        config = uvicorn.Config(create_app(settings, local), host=settings.host, port=settings.port, log_config=None,
                                access_log=False,  # gateway/access_log.py writes a richer line
                                http=GatewayHttpProtocol)
        warming = Phase("Warming up the gateway (schema check, routing plan)")

        def listening(started: bool) -> None:
            warming.end("done" if started else "failed")
            if started:
                announce(settings, local)

        warming.start()
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: uvicorn has shut down and re-raises it
            AnnouncingServer(config, listening).run()
    return 0


class AnnouncingServer(uvicorn.Server):
    """uvicorn's server, saying where to go once it listens (not before: a URL printed while the
    gateway still warms up answers "connection refused")."""

    def __init__(self, config: uvicorn.Config, listening: Callable[[bool], None]) -> None:
        super().__init__(config)
        self.listening = listening

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            await super().startup(sockets)  # the app's lifespan (warm-up), then the listening socket
        finally:
            self.listening(self.started)


def announce(settings: Settings, local: LocalNeo4j | None) -> None:
    print(f"\nThe gateway listens: GraphQL at http://{settings.host}:{settings.port}/graphql", flush=True)
    if local is not None:
        print(f"Neo4j Browser: {local.browser_url}  (connects by itself to {local.uri}, no authentication)", flush=True)
    if settings.dev_mode:
        token = development_token(settings)
        print("Development mode: GraphiQL at the URL above; requests without a token act as every role.", flush=True)
        print(f"Token for GraphiQL headers (valid {DEVELOPMENT_TOKEN_SECONDS // 86400} days, also after a restart): "
              f'{{"Authorization": "Bearer {token}"}}', flush=True)
    print("Ctrl-C stops the gateway and the local Neo4j.", flush=True)


async def prepare_demo(settings: Settings, customers: int = DEMO_CUSTOMERS) -> None:
    """Apply the schema and load the demo bank when the graph holds no customers yet."""
    database = connect(settings)
    try:
        with phase("Connecting to Neo4j and applying the constraints and indexes"):
            await database.wait_until_reachable(settings.connect_timeout)
            await apply_schema(database)
        try:
            report = await seed_bank(database, customers=customers, seed=DEMO_SEED)
        except Conflict:
            print("The graph already holds customers: keeping them (python -m graph seed --wipe reloads).")
            return
        print(f"Loaded the demo bank: {report.customers} customers, {report.nodes} nodes, "
              f"{report.relationships} relationships in {report.seconds:.1f}s")
    finally:
        await database.close()


if __name__ == "__main__":
    sys.exit(main())
