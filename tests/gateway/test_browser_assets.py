"""The style sheet and guide the gateway serves to Neo4j Browser (gateway/browser_assets.py).

Browser itself drives them in tests/browser/test_neo4j_browser.py; here, what it relies on
over HTTP (CORS from Browser's origin, the preflight of `:guide`), and every page of the guide
run as Browser runs it: the parameter evaluated as `RETURN <value>`, then the query with it,
in a read transaction, giving rows on the bank the guide names.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import LiteralString, cast

import pytest
from starlette.testclient import TestClient

from app import DEMO_CUSTOMERS, DEMO_SEED, create_app
from gateway.browser_assets import BROWSER_DOCS, GUIDE_PATH, STATEMENT, STYLE_PATH, post_connect_commands
from gateway.settings import Settings
from graph import queries
from graph.database import Database
from graph.seed import story
from graph.seed.generator import load_day, reference_data
from tests.support import load_small_bank

BROWSER_ORIGIN = "http://127.0.0.1:7474"
RUNNABLE = re.compile(r'<pre class="runnable">(.*?)</pre>', re.S)
# Browser 5's one-line form: the value is a Cypher expression in parentheses (a bare map is refused).
PARAMETER = re.compile(r"^:param (\w+) => (\(.*\))$")


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def guide_pages(client: TestClient) -> list[tuple[str, str]]:
    """(parameter, query) of each page of the served guide, as Browser reads the blocks' text."""
    blocks = [html.unescape(block).strip() for block in RUNNABLE.findall(client.get(GUIDE_PATH).text)]
    assert len(blocks) % 2 == 0, blocks
    return list(zip(blocks[::2], blocks[1::2], strict=True))


def test_browser_fetches_the_style_and_guide_from_its_own_origin(client: TestClient) -> None:
    style = client.get(STYLE_PATH, headers={"Origin": BROWSER_ORIGIN})
    assert style.status_code == 200
    assert style.text == (BROWSER_DOCS / "style.grass").read_text()
    assert style.headers["access-control-allow-origin"] == "*"
    # :guide sends pragma and cache-control, so Chromium asks first.
    preflight = client.options(GUIDE_PATH, headers={"Origin": BROWSER_ORIGIN, "Access-Control-Request-Method": "GET",
                                                    "Access-Control-Request-Headers": "pragma,cache-control"})
    assert preflight.status_code == 204
    assert {"pragma", "cache-control"} <= set(preflight.headers["access-control-allow-headers"].split(", "))
    guide = client.get(GUIDE_PATH, headers={"Origin": BROWSER_ORIGIN, "Pragma": "no-cache"})
    assert (guide.status_code, guide.headers["content-type"]) == (200, "text/html; charset=utf-8")
    assert "<title>Customer relationships: a guide for relationship managers</title>" in guide.text
    assert not STATEMENT.search(guide.text)  # every statement filled in
    # Anything else is the gateway's JSON refusal.
    refused = client.post(GUIDE_PATH)
    assert (refused.status_code, refused.json()["errors"][0]["extensions"]["code"]) == (405, "METHOD_NOT_ALLOWED")


def test_each_query_of_the_guide_is_the_library_s(client: TestClient) -> None:
    template = (BROWSER_DOCS / "guide.html").read_text()
    names = STATEMENT.findall(template)
    assert [query for _, query in guide_pages(client)] == [queries.load(name) for name in names]


async def test_every_page_of_the_guide_draws_something_as_browser_runs_it(clean_graph: Database,
                                                                           client: TestClient) -> None:
    await load_small_bank(clean_graph, "browser_guide")
    pages = guide_pages(client)
    assert len(pages) == 6
    for parameter, query in pages:
        form = PARAMETER.match(parameter)
        assert form, f"not Browser 5's `:param name => (value)` form: {parameter}"
        name, value = form.groups()
        evaluated = (await clean_graph.read(cast(LiteralString, f"RETURN {value} AS value")))[0]["value"]
        rows = await clean_graph.read(cast(LiteralString, query), **{name: evaluated})
        assert rows, f"no row for {parameter}"


def test_post_connect_commands_reach_the_gateway_on_loopback() -> None:
    assert post_connect_commands("127.0.0.1", 8000) == (
        "style http://127.0.0.1:8000/browser/style.grass; guide http://127.0.0.1:8000/browser/guide.html")
    assert post_connect_commands("0.0.0.0", 9000).startswith("style http://127.0.0.1:9000/")


def test_the_guide_names_the_demo_bank_s_story() -> None:
    """The ids on the guide's pages are the story's (graph/seed/story.py) in the bank `make run` loads."""
    _, workforce = reference_data(DEMO_CUSTOMERS, DEMO_SEED, load_day())
    alices_rm = story.relationship_managers(workforce)[story.PREMIER_TEAM]
    named = set(re.findall(r"'([CHR]\d{6,7})'", (BROWSER_DOCS / "guide.html").read_text()))
    # The Martin household is the story's, the first one loaded.
    assert named == {story.ALICE, story.CHLOE, story.ACME, story.DIETER, "H0000001", alices_rm}
