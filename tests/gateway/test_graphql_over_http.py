"""GraphQL over HTTP: the graphql-http server audit against the running gateway, and the status
codes and content types front ends meet (Accept negotiation, 4xx for bad documents, 405, 406)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app import create_app
from gateway.security.auth import ALL_ROLES, issue_token
from gateway.settings import Settings
from graph.database import Database
from tests.support import served

AUDIT_DIR = Path(__file__).resolve().parent / "http_audit"
GRAPHQL_RESPONSE = "application/graphql-response+json"


@pytest.fixture
def roomy(settings: Settings) -> Settings:
    # The gateway plans its routing query at start; on a loaded 2-core CI box that first plan of a
    # cold Neo4j can exceed the per-transaction timeout, which is not what these tests are about.
    return replace(settings, neo4j_transaction_timeout=60.0)


@pytest.fixture
def gateway_url(roomy: Settings, clean_graph: Database) -> Iterator[str]:
    """The real gateway served by uvicorn on a free loopback port, in a background thread."""
    # The audit's {variables} checks query `__type(name: $name)`: introspection must be on, so
    # production mode (which turns it off) is off here; it changes no other HTTP behaviour.
    with served(create_app(replace(roomy, production=False))) as url:
        yield f"{url}/graphql"


def test_the_graphql_http_audit_passes_every_must(gateway_url: str, settings: Settings) -> None:
    node = shutil.which("node")
    assert node, "node (20+) is needed for the GraphQL over HTTP audit"
    assert (AUDIT_DIR / "node_modules" / "graphql-http").is_dir(), \
        "run `make install` (npm ci in tests/gateway/http_audit) first"
    token = issue_token(settings, "auditor", ALL_ROLES)
    run = subprocess.run([node, str(AUDIT_DIR / "audit.mjs"), gateway_url, token],
                         capture_output=True, text=True, timeout=120, check=False)
    report = run.stdout + run.stderr
    lines = [line for line in run.stdout.splitlines() if line[:6].strip() in ("ok", "warn", "error", "notice")]
    assert len(lines) >= 40, report
    failed_musts = [line for line in lines if line.startswith("error")]
    assert (run.returncode, failed_musts) == (0, []), report
    # The SHOULDs front ends meet are fixed too; any that regresses shows up here with its reason.
    failed_shoulds = [line for line in lines if line.startswith("warn")]
    assert failed_shoulds == [], report


@pytest.fixture
def client(roomy: Settings, clean_graph: Database) -> Iterator[TestClient]:
    with TestClient(create_app(roomy)) as client:
        yield client


@pytest.fixture
def token(settings: Settings) -> str:
    return issue_token(settings, "tester", ALL_ROLES)


def post(client: TestClient, token: str, body: object, accept: str | None) -> tuple[int, str, object]:
    headers = {"Authorization": f"Bearer {token}"}
    if accept is not None:
        headers["Accept"] = accept
    response = client.post("/graphql", json=body, headers=headers)
    return response.status_code, response.headers["content-type"], response.json()


@pytest.mark.parametrize(("accept", "media_type"), [
    (None, "application/json"),
    ("*/*", "application/json"),
    ("application/json", "application/json"),
    (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
    (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
    (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json"),
    ("text/html, application/*;q=0.8", "application/json"),
])
def test_the_response_type_follows_accept(client: TestClient, token: str, accept: str | None, media_type: str) -> None:
    status, content_type, body = post(client, token, {"query": "{ __typename }"}, accept)
    assert (status, content_type.split(";")[0], body) == (200, media_type, {"data": {"__typename": "Query"}})
    assert "charset=utf-8" in content_type


@pytest.mark.parametrize("query", ["{ customers(first: 3 { edges } }", "{ customers { nope } }"])
def test_bad_documents_are_400_without_data_for_graphql_response_clients(
        client: TestClient, token: str, query: str) -> None:
    status, content_type, body = post(client, token, {"query": query}, GRAPHQL_RESPONSE)
    assert (status, content_type.split(";")[0]) == (400, GRAPHQL_RESPONSE)
    assert isinstance(body, dict) and "data" not in body
    assert [error["extensions"]["code"] for error in body["errors"]] == ["VALIDATION"]
    # Legacy application/json clients keep the 200 the spec asks for them.
    legacy_status, _, legacy = post(client, token, {"query": query}, "application/json")
    assert legacy_status == 200 and isinstance(legacy, dict) and legacy["errors"] == body["errors"]


def test_field_errors_keep_200_and_their_data(client: TestClient, token: str) -> None:
    query = '{ customer(customerId: "C9999999") { customerId } }'
    status, _, body = post(client, token, {"query": query}, GRAPHQL_RESPONSE)
    assert status == 200 and isinstance(body, dict) and "data" in body, body


def test_unacceptable_wrong_method_and_malformed_requests(client: TestClient, token: str) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    refused = client.post("/graphql", json={"query": "{ __typename }"}, headers={**auth, "Accept": "application/xml"})
    assert refused.status_code == 406
    assert client.put("/graphql", json={"query": "{ __typename }"}, headers=auth).status_code == 405
    mutation_by_get = client.get("/graphql", params={"query": "mutation { __typename }"}, headers=auth)
    assert mutation_by_get.status_code == 405 and mutation_by_get.headers["allow"] == "POST"
    # A body that is not JSON: 400, and still a GraphQL-shaped JSON answer rather than plain text.
    broken = client.post("/graphql", content=b"{ not json", headers={**auth, "Content-Type": "application/json"})
    assert broken.status_code == 400
    assert broken.json() == {"errors": [{"message": "Unable to parse request body as JSON",
                                         "extensions": {"code": "VALIDATION"}}]}
    no_type = client.post("/graphql", content=b'{"query": "{ __typename }"}', headers=auth)
    assert no_type.status_code == 415
