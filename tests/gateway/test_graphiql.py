"""The GraphiQL page and its assets over HTTP (tests/browser/test_graphiql.py runs the page in Chromium)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app import create_app
from gateway.graphiql import FILES, GraphiQLAssets
from gateway.security.auth import ALL_ROLES, authenticate
from gateway.settings import Settings

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def development(settings: Settings) -> Settings:
    return replace(settings, dev_mode=True)


@pytest.fixture(scope="module")  # the tests only read: one app for them all
def client(development: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(development)) as client:
        yield client


def config_of(page: str) -> dict[str, str | None]:
    found = re.search(r'<script type="application/json" id="graphiql-config">(.*?)</script>', page)
    assert found, page
    return dict(json.loads(found.group(1)))


def test_the_page_loads_only_the_gateways_own_assets_and_carries_the_development_token(
    client: TestClient, development: Settings,
) -> None:
    page = client.get("/graphql", headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    # No URL outside the gateway at all, and the browser is told to allow none.
    assert re.findall(r"(?:https?:)?//[^\s\"'<>]+", page.text) == []
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"  # it carries a token
    loaded = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sorted(address.split("?")[0].rsplit("/", 1)[1] for address in loaded if address != "data:,") == sorted(FILES)
    for address in loaded:
        if address == "data:,":
            continue
        asset = client.get(address)
        assert asset.status_code == 200, address
        assert asset.headers["content-type"].split(";")[0] in ("text/javascript", "text/css")
        assert "immutable" in asset.headers["cache-control"]  # the URL changes when the installed versions do
    headers = json.loads(config_of(page.text)["headers"] or "{}")
    principal = authenticate(development, headers["Authorization"])
    assert (principal.subject, principal.roles) == ("local-developer", ALL_ROLES)


@pytest.mark.parametrize("name", ["package.json", "package-lock.json", ".npmrc", "node_modules", "graphiql.min.js",
                                  "%2e%2e%2fpyproject.toml", "..%2f..%2fapp.py", "react.js%00", "page.js%2f"])
def test_no_other_file_is_reachable(client: TestClient, name: str) -> None:
    response = client.get(f"/graphiql/assets/{name}")
    assert response.status_code == 404, name
    assert response.json()["errors"][0]["extensions"] == {"code": "NOT_FOUND"}
    assert response.headers["x-request-id"]


def test_assets_answer_only_get(client: TestClient) -> None:
    response = client.post("/graphiql/assets/page.js")
    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"] == {"code": "METHOD_NOT_ALLOWED"}


def test_production_serves_neither_the_page_nor_its_assets(settings: Settings) -> None:
    with TestClient(create_app(settings)) as production:
        response = production.get("/graphiql/assets/graphiql.js")
        assert response.status_code == 404 and response.json()["errors"][0]["extensions"] == {"code": "NOT_FOUND"}


def test_without_a_signing_secret_the_headers_pane_starts_empty(development: Settings) -> None:
    with TestClient(create_app(replace(development, jwt_secret=""))) as client:
        page = client.get("/graphql", headers=HTML)
        assert page.status_code == 200 and config_of(page.text) == {"headers": None}


def test_assets_not_installed_say_which_command_installs_them(
    development: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="gateway"):
        app = create_app(development, graphiql=GraphiQLAssets.at(tmp_path))
    assert "GraphiQL's assets are not installed" in caplog.text and "make install" in caplog.text
    with TestClient(app) as client:
        page = client.get("/graphql", headers=HTML)
        assert page.status_code == 503 and "make install" in page.text
        asset = client.get("/graphiql/assets/graphiql.js")
        assert asset.status_code == 404
        error = asset.json()["errors"][0]
        assert error["extensions"] == {"code": "NOT_FOUND"} and "make install" in error["message"]
