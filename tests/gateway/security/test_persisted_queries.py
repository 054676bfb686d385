"""Persisted queries over HTTP: the APQ protocol (hash with and without the query, GET too) and the
registered-operations-only mode."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app import create_app
from gateway.security.auth import ALL_ROLES, issue_token
from gateway.settings import Settings, SettingsError
from graph.database import Database
from tests.support import bank_graph

FIRST_TWO = "{ customers(first: 2) { edges { node { customerId name } } } }"
FIRST_TWO_DATA = {"customers": {"edges": [
    {"node": {"customerId": "C0000001", "name": "Alice Martin"}},
    {"node": {"customerId": "C0000002", "name": "Bob Martin"}},
]}}
NOT_FOUND = {"errors": [{"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}]}
GRAPHQL_RESPONSE = "application/graphql-response+json"


def sha256(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def apq(digest: str, version: object = 1) -> dict[str, object]:
    return {"persistedQuery": {"version": version, "sha256Hash": digest}}


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database)


@pytest.fixture
def roomy(settings: Settings) -> Settings:
    # A cold Neo4j on a loaded box can take longer than the per-transaction timeout to plan the
    # routing query the gateway warms up at start; not what these tests are about.
    return replace(settings, neo4j_transaction_timeout=60.0)


@pytest.fixture
def auth(settings: Settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(settings, 'tester', ALL_ROLES)}"}


@pytest.fixture
def client(roomy: Settings, bank: Database) -> Iterator[TestClient]:
    with TestClient(create_app(replace(roomy, persisted_queries_cache_size=2))) as client:
        yield client


def test_automatic_persisted_queries_round_trip(client: TestClient, auth: dict[str, str]) -> None:
    digest = sha256(FIRST_TWO)
    # Unknown hash: the APQ signal, 200 for legacy JSON clients, 400 without data for graphql-response ones.
    unknown = client.post("/graphql", json={"extensions": apq(digest)}, headers=auth)
    assert (unknown.status_code, unknown.json()) == (200, NOT_FOUND)
    strict = client.post("/graphql", json={"extensions": apq(digest)}, headers={**auth, "Accept": GRAPHQL_RESPONSE})
    assert (strict.status_code, strict.headers["content-type"], strict.json()) == (
        400, f"{GRAPHQL_RESPONSE}; charset=utf-8", NOT_FOUND)
    # The client retries with the query: executed and remembered.
    registered = client.post("/graphql", json={"query": FIRST_TWO, "extensions": apq(digest)}, headers=auth)
    assert registered.json() == {"data": FIRST_TWO_DATA}
    # From now on the hash alone is enough, by POST and by GET (extensions as a JSON query parameter).
    by_hash = client.post("/graphql", json={"extensions": apq(digest)}, headers=auth)
    assert (by_hash.status_code, by_hash.json()) == (200, {"data": FIRST_TWO_DATA})
    by_get = client.get("/graphql", params={"extensions": json.dumps(apq(digest))},
                        headers={**auth, "Accept": "*/*"})
    assert (by_get.status_code, by_get.json()) == (200, {"data": FIRST_TWO_DATA})
    # Over the WebSocket too.
    with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
        ws.send_json({"type": "connection_init", "payload": auth})
        assert ws.receive_json() == {"type": "connection_ack"}
        ws.send_json({"id": "1", "type": "subscribe", "payload": {"extensions": apq(digest)}})
        assert ws.receive_json() == {"id": "1", "type": "next", "payload": {"data": FIRST_TWO_DATA}}
        assert ws.receive_json() == {"id": "1", "type": "complete"}
        ws.send_json({"id": "2", "type": "subscribe", "payload": {"extensions": apq(sha256("{ nope }"))}})
        assert ws.receive_json() == {"id": "2", "type": "error", "payload": NOT_FOUND["errors"]}
    # The hash is case-insensitive hex, as clients vary.
    assert client.post("/graphql", json={"extensions": apq(digest.upper())}, headers=auth).json() == {
        "data": FIRST_TWO_DATA}


def test_a_hash_that_does_not_match_or_a_bad_extension_is_refused(client: TestClient, auth: dict[str, str]) -> None:
    wrong = sha256("{ __typename }")
    mismatch = client.post("/graphql", json={"query": FIRST_TWO, "extensions": apq(wrong)}, headers=auth)
    assert (mismatch.status_code, mismatch.json()) == (400, {"errors": [{
        "message": "extensions.persistedQuery.sha256Hash is not the sha256 of the query",
        "extensions": {"code": "VALIDATION"}}]})
    # Nothing was remembered under the wrong hash.
    assert client.post("/graphql", json={"extensions": apq(wrong)}, headers=auth).json() == NOT_FOUND
    refusals = {
        "version": client.post("/graphql", json={"extensions": apq(sha256(FIRST_TWO), version=2)}, headers=auth),
        "hash": client.post("/graphql", json={"extensions": apq("abc")}, headers=auth),
        "shape": client.post("/graphql", json={"extensions": {"persistedQuery": "yes"}}, headers=auth),
    }
    assert {name: (r.status_code, r.json()["errors"][0]["message"]) for name, r in refusals.items()} == {
        "version": (400, "extensions.persistedQuery.version must be 1"),
        "hash": (400, "extensions.persistedQuery.sha256Hash must be 64 hexadecimal characters"),
        "shape": (400, "extensions.persistedQuery must be an object {version, sha256Hash}"),
    }


def test_remembered_queries_are_bounded(client: TestClient, auth: dict[str, str]) -> None:
    queries = [f"query Q{n} {{ __typename }}" for n in range(3)]
    for query in queries:
        body = {"query": query, "extensions": apq(sha256(query))}
        assert client.post("/graphql", json=body, headers=auth).json() == {"data": {"__typename": "Query"}}
    answers = [client.post("/graphql", json={"extensions": apq(sha256(q))}, headers=auth).json() for q in queries]
    # Capacity 2: the oldest was evicted (the client would simply retry with the query).
    assert answers == [NOT_FOUND, {"data": {"__typename": "Query"}}, {"data": {"__typename": "Query"}}]


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "operations.json"
    path.write_text(json.dumps({sha256(FIRST_TWO): FIRST_TWO}))
    return path


def test_registered_operations_only(roomy: Settings, bank: Database, registry: Path, auth: dict[str, str]) -> None:
    settings = replace(roomy, persisted_queries_only=True, persisted_queries_file=registry)
    with TestClient(create_app(settings)) as client:
        registered = client.post("/graphql", json={"extensions": apq(sha256(FIRST_TWO))}, headers=auth)
        assert (registered.status_code, registered.json()) == (200, {"data": FIRST_TWO_DATA})
        by_get = client.get("/graphql", params={"extensions": json.dumps(apq(sha256(FIRST_TWO)))}, headers=auth)
        assert by_get.json() == {"data": FIRST_TWO_DATA}
        # A plain document, even one that is registered, must come by its hash.
        plain = client.post("/graphql", json={"query": FIRST_TWO}, headers=auth)
        assert plain.status_code == 403
        assert plain.json()["errors"][0]["extensions"] == {"code": "PERSISTED_QUERY_NOT_SUPPORTED"}
        assert "registered operations only" in plain.json()["errors"][0]["message"]
        # APQ cannot register new operations: refused, and still refused by hash afterwards.
        other = "{ customers(first: 50) { edges { node { customerId } } } }"
        for body in ({"query": other, "extensions": apq(sha256(other))}, {"extensions": apq(sha256(other))}):
            refused = client.post("/graphql", json=body, headers=auth)
            assert refused.status_code == 403
            assert refused.json()["errors"] == [{
                "message": f"this gateway runs registered operations only, and {sha256(other)} is not registered",
                "extensions": {"code": "PERSISTED_QUERY_NOT_SUPPORTED"}}]
        # The WebSocket is no way around it: a plain document is refused, a registered hash runs.
        with client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"]) as ws:
            ws.send_json({"type": "connection_init", "payload": auth})
            assert ws.receive_json() == {"type": "connection_ack"}
            ws.send_json({"id": "1", "type": "subscribe", "payload": {"query": other}})
            refused_ws = ws.receive_json()
            assert (refused_ws["type"], refused_ws["payload"][0]["extensions"]) == (
                "error", {"code": "PERSISTED_QUERY_NOT_SUPPORTED"})
            ws.send_json({"id": "2", "type": "subscribe", "payload": {"extensions": apq(sha256(FIRST_TWO))}})
            assert ws.receive_json() == {"id": "2", "type": "next", "payload": {"data": FIRST_TWO_DATA}}


def test_the_registry_and_its_settings_are_checked_at_start(roomy: Settings, tmp_path: Path) -> None:
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({sha256("{ __typename }"): FIRST_TWO}))
    with pytest.raises(SettingsError, match="is not the sha256 of its query"):
        create_app(replace(roomy, persisted_queries_file=forged))
    with pytest.raises(SettingsError, match="cannot be read"):
        create_app(replace(roomy, persisted_queries_file=tmp_path / "missing.json"))
    with pytest.raises(SettingsError, match="GATEWAY_PERSISTED_QUERIES_ONLY needs GATEWAY_PERSISTED_QUERIES_FILE"):
        create_app(replace(roomy, persisted_queries_only=True))
    with pytest.raises(SettingsError, match="GATEWAY_PERSISTED_QUERIES_CACHE_SIZE must be between 0 and 100000"):
        create_app(replace(roomy, persisted_queries_cache_size=-1))
    parsed = Settings.from_env({"GATEWAY_PERSISTED_QUERIES_ONLY": "1", "GATEWAY_PERSISTED_QUERIES_FILE": str(forged),
                                "GATEWAY_PERSISTED_QUERIES_CACHE_SIZE": "10"})
    assert (parsed.persisted_queries_only, parsed.persisted_queries_file, parsed.persisted_queries_cache_size) == (
        True, forged, 10)
    defaults = Settings.from_env({})
    assert (defaults.persisted_queries_only, defaults.persisted_queries_file,
            defaults.persisted_queries_cache_size) == (False, None, 1000)
