"""GraphiQL as a front-end developer meets it: `make run`'s page in a real Chromium with no internet.

The browser resolves loopback only (tests/browser/support.py), so a page reaching for a CDN would
stay on "Loading..."; the test also checks from the browser's network log that nothing was even
attempted beyond 127.0.0.1.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from app import create_app
from gateway.security.auth import ALL_ROLES, authenticate
from gateway.settings import Settings
from graph.database import Database
from tests.browser.support import screenshot
from tests.support import bank_graph, served

QUERY = "{ customers(first: 1) { edges { node { customerId name } } } }"
SUBSCRIPTION = 'subscription Premier { servicingPoolActivity(poolId: "POOL-PREMIER") { kind resourceId resourceStatus } }'
# Rita (R000001, BUSY in tests/data/contact_routing.cypher) steps away: the premier pool's activity.
AWAY = 'mutation { captureServicingResourceStatus(resourceId: "R000001", status: AWAY) { resourceId } }'
# The page loads a 3.5 MB GraphiQL build; a busy 2-core machine may take a while to parse it.
PATIENCE = 90


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "routing_profiles", "portfolio", "contact_routing")


def test_graphiql_runs_a_query_offline_with_the_development_token(
    chromium: webdriver.Chrome, settings: Settings, bank: Database,
) -> None:
    development = replace(settings, dev_mode=True, routing_feed_interval=0.1)
    events: list[dict[str, Any]] = []  # the browser's network log, as read so far
    with served(create_app(development)) as url:
        chromium.get(f"{url}/graphql")
        wait = WebDriverWait(chromium, PATIENCE)
        wait.until(lambda driver: driver.execute_script(_EDITOR_READY),
                   "GraphiQL's editor never appeared (the page stays on 'Loading' when a script cannot load)")

        # The headers pane comes with the development token, the one the gateway accepts as the local developer.
        headers = json.loads(chromium.execute_script(_EDITOR_TEXT, ".graphiql-editor-tool .graphiql-editor:not(.hidden)"))
        principal = authenticate(development, headers["Authorization"])
        assert (principal.subject, principal.roles) == ("local-developer", ALL_ROLES)

        result = _run(chromium, wait, QUERY)
        assert result["data"] == {"customers": {"edges": [{"node": {"customerId": "C0000001", "name": "Alice Martin"}}]}}
        # Development mode shows the one Cypher statement the query was compiled to (docs/compiled-reads.md).
        assert result["extensions"]["cypher"]["statement"].startswith("CALL () {"), result
        screenshot(chromium, "graphiql-query")

        # A subscription goes over graphql-transport-ws on /graphql, the pane's headers as connection_init;
        # a change another client makes shows in the result pane.
        _edit(chromium, wait, SUBSCRIPTION)
        chromium.find_element(By.CSS_SELECTOR, ".graphiql-execute-button").click()
        wait.until(lambda driver: _read_network_log(driver, events) and _frames(events, "Network.webSocketFrameSent"))
        changed = httpx2.post(f"{url}/graphql", json={"query": AWAY}, headers=headers, timeout=30)
        assert changed.json() == {"data": {"captureServicingResourceStatus": {"resourceId": "R000001"}}}
        wait.until(lambda driver: '"AWAY"' in driver.execute_script(_EDITOR_TEXT, ".result-window"),
                   "the subscription's message never reached the result pane")
        assert _result(chromium) == {"data": {"servicingPoolActivity": {
            "kind": "RESOURCE_STATUS", "resourceId": "R000001", "resourceStatus": "AWAY"}}}
        screenshot(chromium, "graphiql-subscription")
        _read_network_log(chromium, events)
        severe = [entry for entry in chromium.get_log("browser") if entry["level"] == "SEVERE"]
        # Leave the page while its gateway still runs: the subscription closes cleanly, not by retrying.
        chromium.get("about:blank")

    requests = [entry["params"]["request"] for entry in events if entry["method"] == "Network.requestWillBeSent"]
    sockets = [entry["params"]["url"] for entry in events if entry["method"] == "Network.webSocketCreated"]
    # Everything the page loaded came from the gateway (or from inside it, as the stylesheet's data: fonts):
    # nothing was even attempted elsewhere.
    loaded = [request["url"] for request in requests] + sockets
    assert [address for address in loaded if urlsplit(address).scheme != "data"
            and urlsplit(address).hostname != "127.0.0.1"] == []
    assert f"{url}/graphiql/assets/graphiql.js?v=" in " ".join(loaded)
    assert sockets == [f"ws://{urlsplit(url).netloc}/graphql"]
    # Every query (the schema's introspection, then ours) went out with the pane's token.
    posts = [request for request in requests if request["method"] == "POST"]
    assert len(posts) >= 2 and all(post["headers"].get("Authorization") == headers["Authorization"] for post in posts)
    sent = [json.loads(frame) for frame in _frames(events, "Network.webSocketFrameSent")]
    received = [json.loads(frame) for frame in _frames(events, "Network.webSocketFrameReceived")]
    assert sent[0] == {"type": "connection_init", "payload": headers}
    assert received[0] == {"type": "connection_ack"}
    assert [frame["type"] for frame in received] == ["connection_ack", "next"]
    # No script, style or connection was refused (a Content-Security-Policy violation is logged as SEVERE).
    assert severe == []


def _read_network_log(driver: webdriver.Chrome, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`events` with what the browser logged since the last read (reading empties the browser's buffer)."""
    events.extend(json.loads(entry["message"])["message"] for entry in driver.get_log("performance"))
    return events


def _frames(events: list[dict[str, Any]], method: str) -> list[str]:
    return [entry["params"]["response"]["payloadData"] for entry in events if entry["method"] == method]


def _run(driver: webdriver.Chrome, wait: WebDriverWait[webdriver.Chrome], query: str) -> Any:
    """Type `query` into the editor, press the run button, and read the result pane's JSON."""
    _edit(driver, wait, query)
    driver.find_element(By.CSS_SELECTOR, ".graphiql-execute-button").click()
    wait.until(lambda d: d.execute_script(_EDITOR_TEXT, ".result-window").strip().startswith("{"))
    return _result(driver)


def _result(driver: webdriver.Chrome) -> Any:
    """What the result pane shows, as JSON."""
    return json.loads(driver.execute_script(_EDITOR_TEXT, ".result-window"))


def _edit(driver: webdriver.Chrome, wait: WebDriverWait[webdriver.Chrome], query: str) -> None:
    """Put `query` in the editor, and wait until GraphiQL has taken it in (it then writes it into the URL)."""
    driver.execute_script(_SET_QUERY, query)
    wait.until(lambda d: parse_qs(urlsplit(d.current_url).query).get("q") == [query])


_EDITOR_READY = "return !!document.querySelector('.graphiql-query-editor .CodeMirror')"
_EDITOR_TEXT = "return document.querySelector(arguments[0] + ' .CodeMirror').CodeMirror.getValue()"
_SET_QUERY = "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(arguments[0])"
