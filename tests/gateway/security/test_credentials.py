"""Credentials never reach a log line or an error message, and TLS Neo4j URIs (bolt+s, neo4j+s) are accepted."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import replace
from typing import cast

import httpx2
import pytest
from starlette.testclient import TestClient

from app import create_app
from gateway.redaction import REDACTED, redact
from gateway.request_id import configure_logging
from gateway.security.auth import ALL_ROLES, issue_token
from gateway.settings import Settings, SettingsError
from graph.database import connect
from graph.errors import Unavailable
from graph.local_neo4j import free_port
from tests.support import served

PASSWORD = "neo4j-pa55word-that-must-stay-secret"
SECRET = "jwt-secret-that-must-never-be-logged-0123456789"
QUERY = "{ customers(first: 1) { edges { node { customerId } } } }"


@pytest.fixture
def gateway_log(caplog: pytest.LogCaptureFixture) -> Iterator[io.StringIO]:
    """What the gateway's own log handler (configure_logging, as `python app.py` sets it up) writes;
    caplog's handler runs after it, so caplog.text shows what any other handler would get."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    configure_logging("INFO", secrets=(SECRET, PASSWORD))
    written = io.StringIO()
    cast(logging.StreamHandler[io.StringIO], root.handlers[0]).setStream(written)
    root.addHandler(caplog.handler)
    try:
        yield written
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])


def test_settings_never_show_secrets() -> None:
    settings = Settings(neo4j_uri="neo4j+s://graph.bank.example:7687", neo4j_password=PASSWORD, jwt_secret=SECRET)
    assert PASSWORD not in repr(settings) and SECRET not in repr(settings)
    assert "neo4j+s://graph.bank.example:7687" in repr(settings)


def test_a_neo4j_uri_with_a_password_is_refused_without_echoing_it() -> None:
    settings = Settings(neo4j_uri=f"neo4j+s://neo4j:{PASSWORD}@graph.bank.example", jwt_secret=SECRET)
    with pytest.raises(SettingsError) as refused:
        settings.check()
    assert str(refused.value) == ("NEO4J_URI must not carry credentials (user:password@); "
                                  "set NEO4J_USER and NEO4J_PASSWORD instead")


def test_redaction_covers_bearer_tokens_jwts_uri_passwords_and_configured_secrets() -> None:
    token = issue_token(Settings(jwt_secret=SECRET), "tester", ALL_ROLES)
    assert redact(f"headers: {{'authorization': 'Bearer {token}'}}") == f"headers: {{'authorization': 'Bearer {REDACTED}'}}"
    assert redact(f"GET /graphql?token={token}&x=1") == f"GET /graphql?token={REDACTED}&x=1"
    assert redact(f"URI: 'bolt://neo4j:{PASSWORD}@db:7687'") == f"URI: 'bolt://neo4j:{REDACTED}@db:7687'"
    assert redact(f"auth failed for {PASSWORD} / {SECRET}", (PASSWORD, SECRET)) == (
        f"auth failed for {REDACTED} / {REDACTED}")
    assert redact("connected to Neo4j at neo4j+s://db.bank.example:7687") == (
        "connected to Neo4j at neo4j+s://db.bank.example:7687")


def test_a_logged_credential_is_redacted_in_message_arguments_and_tracebacks(
        gateway_log: io.StringIO, caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("gateway.test")
    log.warning("request headers %s", {"authorization": "Bearer abc.def.ghi"})
    try:
        raise RuntimeError(f"could not open bolt://neo4j:{PASSWORD}@db:7687 with {SECRET}")
    except RuntimeError:
        log.exception("start-up failed")
    output = gateway_log.getvalue() + caplog.text
    assert "abc.def.ghi" not in output and PASSWORD not in output and SECRET not in output
    assert f"'Bearer {REDACTED}'" in output
    assert f"RuntimeError: could not open bolt://neo4j:{REDACTED}@db:7687 with {REDACTED}" in output


@pytest.fixture
def server(settings: Settings, clean_graph: object, gateway_log: io.StringIO) -> Iterator[str]:
    """The gateway under real uvicorn (its access log included), with a password and a secret set."""
    app = create_app(replace(settings, neo4j_password=PASSWORD, jwt_secret=SECRET))
    with served(app, gateway_log.getvalue) as url:
        yield url


def test_start_up_requests_and_a_failing_neo4j_log_no_credential(
        gateway_log: io.StringIO, server: str, settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    token = issue_token(Settings(jwt_secret=SECRET), "tester", ALL_ROLES)
    with httpx2.Client(base_url=server) as client:
        answer = client.post("/graphql", json={"query": QUERY}, headers={"Authorization": f"Bearer {token}"})
        assert answer.status_code == 200, answer.text
        # A token in a query string ends up in the access log's request line: it must be redacted there.
        assert client.get("/graphql", params={"query": QUERY, "access_token": token}).status_code == 401
        refused = client.post("/graphql", json={"query": QUERY}, headers={"Authorization": f"Bearer {token}x"})
        assert refused.status_code == 401 and token not in refused.text

    # A Neo4j that cannot be reached, with a password configured: the error names the URI, not the password.
    closed = free_port()
    unreachable = replace(settings, neo4j_uri=f"bolt://127.0.0.1:{closed}", neo4j_password=PASSWORD,
                          jwt_secret=SECRET, connect_timeout=1.0)
    # The driver at DEBUG too, briefly (all of a run at DEBUG would slow start-up past its timeouts).
    logging.getLogger("neo4j").setLevel(logging.DEBUG)
    try:
        with pytest.raises(Unavailable) as failed, TestClient(create_app(unreachable)):
            pass
    finally:
        logging.getLogger("neo4j").setLevel(logging.NOTSET)
    logging.getLogger("gateway").error("start-up failed: %s", failed.value.message)
    assert PASSWORD not in str(failed.value)

    output = gateway_log.getvalue() + caplog.text
    # The capture did see the start-up, the driver at DEBUG, the access log and the failure.
    assert "connected to Neo4j at bolt://127.0.0.1:" in output
    assert "neo4j" in {record.name.split(".")[0] for record in caplog.records}
    assert '"POST /graphql HTTP/1.1" 200' in output
    assert f"access_token={REDACTED}" in output
    assert f"cannot reach Neo4j at bolt://127.0.0.1:{closed}" in output
    for credential in (PASSWORD, SECRET, token):
        assert credential not in output


@pytest.mark.parametrize("scheme", ["neo4j+s", "neo4j+ssc", "bolt+s", "bolt+ssc"])
async def test_tls_uris_make_a_driver_and_fail_as_unavailable_when_nobody_listens(
        settings: Settings, scheme: str) -> None:
    uri = f"{scheme}://127.0.0.1:{free_port()}"
    tls = replace(settings, neo4j_uri=uri, neo4j_password=PASSWORD)
    tls.check()  # no scheme list refuses TLS, and the driver gets no conflicting `encrypted=` option
    database = connect(tls)
    try:
        with pytest.raises(Unavailable) as failed:
            await database.wait_until_reachable(timeout=0.5)
    finally:
        await database.close()
    assert failed.value.message.startswith(f"cannot reach Neo4j at {uri} after 0s (")
    assert failed.value.message.endswith("check NEO4J_URI, or unset it to let the gateway start a local Neo4j")
