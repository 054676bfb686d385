"""Neo4j Browser as a relationship manager meets it: open one URL and be working.

A local Neo4j configured as `make run` configures it (graph/neo4j/LocalNeo4j.java), the gateway
serving the style sheet and the guide (gateway/browser_assets.py), and headless Chromium with
no internet. The relationship manager types nothing: Browser connects by itself, applies the
style, opens the guide; each page of the guide runs from its play icons and draws its graph.
Screenshots: test-artifacts/neo4j-browser-*.png.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from app import create_app
from gateway.browser_assets import post_connect_commands
from gateway.settings import Settings
from graph.database import connect
from graph.local_neo4j import LocalNeo4j, free_port
from graph.seed import wipe_graph
from tests.browser.support import screenshot
from tests.conftest import Neo4jServer
from tests.support import load_small_bank, served

STYLE = (Path(__file__).resolve().parents[2] / "docs" / "browser" / "style.grass").read_text()
WAIT = 90  # seconds; a busy 2-core machine draws slowly
# What a page reaches for beyond loopback (fonts, analytics), refused offline; Browser works without.
OFFLINE = re.compile(r"^https://\S+ - Failed to load resource: net::ERR_NAME_NOT_RESOLVED$")


@dataclass(frozen=True)
class Site:
    browser_url: str  # what the README says to open
    bolt_uri: str
    gateway: str


@contextlib.contextmanager
def browser_neo4j(session: Neo4jServer, home: Path) -> Iterator[Neo4jServer]:
    """The session's Neo4j when it is the project's local one (set up for Browser); else (Docker,
    NEO4J_URI) a local Neo4j of its own, as `make run` starts it."""
    if session.browser_url is not None:
        yield session
        return
    gateway_port = free_port()
    with LocalNeo4j(home, free_port(), free_port(), heap="512m", pagecache="64m",
                    browser_commands=post_connect_commands("127.0.0.1", gateway_port)) as local:
        yield Neo4jServer(local.uri, "neo4j", "", "neo4j", local.browser_url, gateway_port)


@pytest.fixture
async def site(neo4j_server: Neo4jServer, settings: Settings, tmp_path: Path) -> AsyncIterator[Site]:
    """Browser's Neo4j holding the small bank with the guide's RMs and alerts, and the gateway its
    post-connect commands name."""
    with browser_neo4j(neo4j_server, tmp_path) as server:
        assert server.browser_url is not None and server.browser_gateway_port is not None
        settings = settings.with_neo4j(server.uri, server.user, server.password)
        database = connect(settings)
        try:
            await database.wait_until_reachable(60)
            await wipe_graph(database)
            await load_small_bank(database, "browser_guide")
        finally:
            await database.close()
        with served(create_app(settings), port=server.browser_gateway_port) as gateway:
            yield Site(server.browser_url, server.uri, gateway)


def style_value(selector: str, prop: str) -> str:
    """A property of a rule of docs/browser/style.grass, e.g. ("node.Customer", "color")."""
    rule = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", STYLE)
    assert rule, f"{selector} is not in style.grass"
    value = re.search(re.escape(prop) + r":\s*([^;]+);", rule.group(1))
    assert value, f"{selector} has no {prop} in style.grass"
    return value.group(1).strip().strip("'\"")


def frames(driver: webdriver.Chrome) -> list[WebElement]:
    """Browser's result frames, newest first."""
    return driver.find_elements(By.CSS_SELECTOR, "[data-testid=frame]")


def drawn(frame: WebElement) -> dict[str, Any]:
    """What a frame's graph shows: each node's fill and caption, each relationship's caption."""
    return dict(frame.parent.execute_script(
        """const frame = arguments[0];
        return {nodes: Array.from(frame.querySelectorAll('g.node')).map(g => ({
                  fill: g.querySelector('circle.b-outline').getAttribute('fill'),
                  caption: Array.from(g.querySelectorAll('text.caption')).map(t => t.textContent.trim()).join(' ')})),
                relationships: Array.from(frame.querySelectorAll('g.relationship text')).map(t => t.textContent.trim())};""",
        frame))


def caption_words(shown: dict[str, Any]) -> list[str]:
    """Node captions as Browser wraps them into the circle, one space between words."""
    return [" ".join(node["caption"].split()) for node in shown["nodes"]]


def run_page(driver: webdriver.Chrome, page: int, parameter_name: str) -> dict[str, Any]:
    """Turn the guide to `page`, click the play icon of its parameter, then of its query: what the
    query's frame draws, once drawn."""
    wait = WebDriverWait(driver, WAIT)
    driver.find_element(By.CSS_SELECTOR, f"[data-testid=guidesDrawer] [data-testid=pagination-{page}]").click()
    blocks_on_page = (By.CSS_SELECTOR, "[data-testid=guidesDrawer] pre.runnable")
    wait.until(lambda d: [b.text.startswith(f":param {parameter_name} => (") for b in d.find_elements(*blocks_on_page)]
               == [True, False])
    parameter, query = driver.find_elements(*blocks_on_page)
    before = len(frames(driver))
    parameter.find_element(By.CSS_SELECTOR, "i.fa-play-circle-o").click()
    wait.until(lambda d: len(frames(d)) == before + 1)
    query.find_element(By.CSS_SELECTOR, "i.fa-play-circle-o").click()
    wait.until(lambda d: len(frames(d)) == before + 2 and frames(d)[0].find_elements(By.CSS_SELECTOR, "g.node text.caption"))
    return drawn(frames(driver)[0])


def test_a_relationship_manager_opens_one_url_and_works_from_the_guide(chromium: webdriver.Chrome, site: Site) -> None:
    driver = chromium
    wait = WebDriverWait(driver, WAIT)
    driver.get(site.browser_url)

    # Connected by itself, no credentials typed: the root redirects with the connect URL and no auth.
    assert driver.current_url.endswith(f"/browser/?dbms={site.bolt_uri}&preselectAuthMethod=NO_AUTH"), driver.current_url
    wait.until(lambda d: f"You are connected to {site.bolt_uri}" in d.find_element(By.TAG_NAME, "body").text,
               "Browser did not connect by itself")
    # Then the post-connect commands: the style sheet from the gateway, and the guide in the sidebar.
    wait.until(lambda d: any(f":style {site.gateway}/browser/style.grass" in f.text and "node.Customer {" in f.text
                             for f in frames(d)), "the style sheet was not loaded on connect")
    guide = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=guidesDrawer]"))
    wait.until(lambda d: "Customer relationships: a guide for relationship managers" in guide.text,
               "the guide did not open on connect")
    screenshot(driver, "neo4j-browser-arrival")

    customer, household = style_value("node.Customer", "color"), style_value("node.Household", "color")
    network = run_page(driver, 2, "network")
    fills = {words: node["fill"] for words, node in zip(caption_words(network), network["nodes"], strict=True)}
    assert fills["Alice Martin"] == customer, fills  # the style's colour and caption, not Browser's defaults
    assert fills["Dieter Braun"] == customer, fills
    assert household in fills.values(), fills
    assert {"SPOUSE", "PARENT", "EMPLOYER", "SUBSIDIARY", "GUARANTOR", "HEAD", "DEPENDANT"} <= set(network["relationships"])
    screenshot(driver, "neo4j-browser-network")

    path = run_page(driver, 3, "route")
    assert {"Dieter Braun", "Chloe Martin"} <= set(caption_words(path)), path

    members = run_page(driver, 4, "household")
    assert {"Alice Martin", "Bob Martin", "Chloe Martin", "Priya Shah"} <= set(caption_words(members)), members
    assert members["relationships"].count(style_value("relationship.MANAGES", "caption")) == 2, members

    group = run_page(driver, 5, "company")
    # The corporate kinds only: Dieter's guarantee of Acme and the Martins' family ties stay out.
    assert set(group["relationships"]) == {"EMPLOYER", "DIRECTOR", "SUBSIDIARY"}, group

    book = run_page(driver, 6, "book")
    # Managed (Alice, Bob) and covered as backup for Tom Okafor (Acme and its holding).
    assert {"Priya Shah", "Alice Martin", "Bob Martin", "Tom Okafor"} <= set(caption_words(book)), book
    assert len(book["nodes"]) == 6, book

    alerts = run_page(driver, 7, "alerts")
    alert = style_value("node.Alert", "color")
    # Alice's open complaint and Acme's fraud alert; her ended vulnerable-customer alert is not in force.
    assert [node["fill"] for node in alerts["nodes"]].count(alert) == 2, alerts
    screenshot(driver, "neo4j-browser-alerts")

    # As the guide says: it stays listed under Remote Guides, to reopen later.
    driver.find_element(By.CSS_SELECTOR, "[data-testid=guidesBackButton]").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=remoteGuidesTitle]"))
    assert "Customer relationships: a guide for relationship managers" in driver.find_element(
        By.CSS_SELECTOR, "[data-testid=guidesDrawer]").text

    errors = [f.text[:300] for f in frames(driver) if "ERROR" in f.text or f.find_elements(
        By.CSS_SELECTOR, "[data-testid=cypherFrameErrorMessage]")]
    assert not errors, errors
    # Nothing failed in the page but what lies beyond loopback (fonts, analytics), and Browser's
    # discovery probe of the connect URL over HTTP, which Bolt does not answer (Browser keeps the URL).
    probe = f"http://{site.bolt_uri.removeprefix('bolt://')}/ - Failed to load resource: net::ERR_EMPTY_RESPONSE"
    failures = [entry["message"] for entry in driver.get_log("browser")
                if entry["level"] == "SEVERE" and not OFFLINE.match(entry["message"]) and entry["message"] != probe]
    assert not failures, failures
