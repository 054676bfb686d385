"""The gateway over HTTP and WebSocket, through the real app with its lifespan running."""

from __future__ import annotations

import time
from collections.abc import Iterator

import jwt
import pytest
from starlette.testclient import TestClient

from app import create_app
from gateway.security.auth import ALL_ROLES, Role, issue_token
from gateway.settings import Settings, SettingsError
from graph.database import Database
from tests.support import bank_graph

FIRST_THREE = "{ customers(first: 3) { edges { node { customerId name } } } }"
FIRST_THREE_DATA = {"customers": {"edges": [
    {"node": {"customerId": "C0000001", "name": "Alice Martin"}},
    {"node": {"customerId": "C0000002", "name": "Bob Martin"}},
    {"node": {"customerId": "C0000003", "name": "Chloe Martin"}},
]}}


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database)


@pytest.fixture
def client(settings: Settings, bank: Database) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def bearer(settings: Settings, roles: frozenset[Role] = ALL_ROLES) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(settings, 'tester', roles)}"}


def test_healthz_and_readyz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "alive"}
    ready = client.get("/readyz")
    assert (ready.status_code, ready.json()) == (200, {"status": "ready"})


def test_every_response_carries_a_request_id(client: TestClient) -> None:
    generated = client.get("/healthz").headers["x-request-id"]
    assert len(generated) == 32
    assert client.get("/healthz", headers={"X-Request-ID": "front-end-1234"}).headers["x-request-id"] == "front-end-1234"
    # An id that could forge log lines is replaced, not echoed.
    assert client.get("/healthz", headers={"X-Request-ID": "bad id\nINFO forged"}).headers["x-request-id"] != "bad id\nINFO forged"


def test_query_by_post_and_by_get(client: TestClient, settings: Settings) -> None:
    posted = client.post("/graphql", json={"query": FIRST_THREE}, headers=bearer(settings))
    assert (posted.status_code, posted.json()) == (200, {"data": FIRST_THREE_DATA})
    got = client.get("/graphql", params={"query": FIRST_THREE}, headers=bearer(settings))
    assert (got.status_code, got.json()) == (200, {"data": FIRST_THREE_DATA})


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_a_subscription_over_http_is_told_to_use_the_websocket(client: TestClient, settings: Settings,
                                                               method: str) -> None:
    document = 'subscription { servicingPoolActivity(poolId: "POOL-PREMIER") { allocationId } }'
    if method == "POST":
        answer = client.post("/graphql", json={"query": document}, headers=bearer(settings))
    else:
        answer = client.get("/graphql", params={"query": document}, headers=bearer(settings))
    body = answer.json()
    assert answer.status_code == 400, body
    assert body["errors"][0]["message"] == ("subscriptions run over a WebSocket on /graphql (graphql-transport-ws "
                                            "protocol), not over HTTP")
    assert body["errors"][0]["extensions"]["code"] == "VALIDATION"
    assert answer.headers["x-request-id"]


@pytest.mark.parametrize(("header", "message"), [
    (None, "a bearer token is required: send 'Authorization: Bearer <JWT>'"),
    ("Basic dXNlcjpwYXNz", "the Authorization header must be 'Bearer <JWT>'"),
    ("Bearer garbage", "the bearer token is not valid: Not enough segments"),
])
def test_requests_without_a_valid_token_are_refused(client: TestClient, header: str | None, message: str) -> None:
    response = client.post("/graphql", json={"query": FIRST_THREE}, headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="graphql"'
    assert response.json() == {"data": None, "errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}]}


def test_forged_expired_and_roleless_tokens_are_refused(client: TestClient, settings: Settings) -> None:
    now = int(time.time())
    tokens = {
        "forged": jwt.encode({"sub": "x", "roles": ["admin"], "exp": now + 60}, "another-secret-" * 3, algorithm="HS256"),
        "expired": jwt.encode({"sub": "x", "roles": ["admin"], "exp": now - 60}, settings.jwt_secret, algorithm="HS256"),
        "roleless": jwt.encode({"sub": "x", "exp": now + 60}, settings.jwt_secret, algorithm="HS256"),
        "unknown role": jwt.encode({"sub": "x", "roles": ["root"], "exp": now + 60}, settings.jwt_secret, algorithm="HS256"),
    }
    messages = {}
    for name, token in tokens.items():
        response = client.post("/graphql", json={"query": FIRST_THREE}, headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        messages[name] = response.json()["errors"][0]["message"]
    assert messages == {
        "forged": "the bearer token is not valid: Signature verification failed",
        "expired": "the bearer token has expired; ask for a new one",
        "roleless": "the bearer token carries no 'roles' list",
        "unknown role": "the bearer token names unknown roles ['root']; known: ['admin', 'analyst', 'frontend', 'relationship_manager']",
    }


def test_every_role_reads_customers(client: TestClient, settings: Settings) -> None:
    for role in Role:
        response = client.post("/graphql", json={"query": FIRST_THREE}, headers=bearer(settings, frozenset({role})))
        # A relationship manager lists only its book, and the token's subject manages nobody here.
        expected = {"customers": {"edges": []}} if role is Role.RELATIONSHIP_MANAGER else FIRST_THREE_DATA
        assert response.json() == {"data": expected}, role


def test_bad_documents_are_validation_errors(client: TestClient, settings: Settings) -> None:
    syntax = client.post("/graphql", json={"query": "{ customers(first: 3 { edges } }"}, headers=bearer(settings)).json()
    unknown = client.post("/graphql", json={"query": "{ customers { nope } }"}, headers=bearer(settings)).json()
    assert [e["extensions"] for e in syntax["errors"]] == [{"code": "VALIDATION"}]
    assert unknown["errors"][0]["message"] == "Cannot query field 'nope' on type 'CustomerConnection'."
    assert unknown["errors"][0]["extensions"] == {"code": "VALIDATION"}


def test_graphiql_only_in_development_mode(settings: Settings, bank: Database) -> None:
    html = {"Accept": "text/html"}
    with TestClient(create_app(settings)) as production:
        assert "graphiql" not in production.get("/graphql", headers={**html, **bearer(settings)}).text.lower()
    from dataclasses import replace
    with TestClient(create_app(replace(settings, dev_mode=True))) as development:
        page = development.get("/graphql", headers=html)
        assert page.status_code == 200 and "graphiql" in page.text.lower()
        # Development mode: a request without a token acts as the local developer.
        answer = development.post("/graphql", json={"query": FIRST_THREE}).json()
        assert answer["data"] == FIRST_THREE_DATA
        # ... and a compiled read shows its Cypher (docs/compiled-reads.md).
        assert "MATCH (c:Customer)" in answer["extensions"]["cypher"]["statement"]


def test_development_mode_refuses_to_listen_beyond_loopback(settings: Settings) -> None:
    from dataclasses import replace
    with pytest.raises(SettingsError, match="only binds to loopback"):
        create_app(replace(settings, dev_mode=True, host="0.0.0.0"))


def test_production_mode_needs_a_strong_secret(settings: Settings) -> None:
    from dataclasses import replace
    with pytest.raises(SettingsError, match="GATEWAY_JWT_SECRET must be set to at least 32 characters"):
        create_app(replace(settings, jwt_secret="short"))


def test_websocket_graphql_transport_ws(client: TestClient, settings: Settings) -> None:
    with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        ws.send_json({"type": "connection_init", "payload": bearer(settings)})
        assert ws.receive_json() == {"type": "connection_ack"}
        ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": FIRST_THREE}})
        assert ws.receive_json() == {"id": "1", "type": "next", "payload": {"data": FIRST_THREE_DATA}}
        assert ws.receive_json() == {"id": "1", "type": "complete"}


async def test_websocket_operations_read_fresh_data(client: TestClient, settings: Settings, bank: Database) -> None:
    query = {"query": "{ customer(customerId: \"C0000001\") { name } }"}
    with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        ws.send_json({"type": "connection_init", "payload": bearer(settings)})
        ws.receive_json()
        ws.send_json({"id": "1", "type": "subscribe", "payload": query})
        assert ws.receive_json()["payload"] == {"data": {"customer": {"name": "Alice Martin"}}}
        ws.receive_json()
        await bank.write("MATCH (c:Customer {customerId: 'C0000001'}) SET c.name = 'Alice Martin-Okafor'")
        ws.send_json({"id": "2", "type": "subscribe", "payload": query})
        assert ws.receive_json()["payload"] == {"data": {"customer": {"name": "Alice Martin-Okafor"}}}


def test_websocket_without_token_is_closed(client: TestClient) -> None:
    from starlette.websockets import WebSocketDisconnect
    with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        ws.send_json({"type": "connection_init", "payload": {}})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 4403
