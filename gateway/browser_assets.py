"""Neo4j Browser's style sheet and relationship managers' guide, served by the gateway.

Browser fetches both from the page's origin (the local Neo4j, http://127.0.0.1:7474) with
`:style <url>` and `:guide <url>`, which the local Neo4j runs as soon as Browser connects
(`post_connect_commands`, passed to graph/local_neo4j.py). So these answers carry CORS headers,
and `:guide` sends `pragma` and `cache-control` headers, which makes Chromium ask first (OPTIONS).

The guide (docs/browser/guide.html) names statements of cypher/ as `{{folder/name}}`; each is
filled in with that file's statement, so the guide runs exactly what the library holds.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from gateway.settings import PROJECT_ROOT
from graph import queries

BROWSER_DOCS = PROJECT_ROOT / "docs" / "browser"
STYLE_PATH = "/browser/style.grass"
GUIDE_PATH = "/browser/guide.html"
STATEMENT = re.compile(r"\{\{([a-z_]+/[a-z_]+)\}\}")
# Public documents (no data, no secrets), fetched by Browser from whichever origin serves it.
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "pragma, cache-control, content-type", "Access-Control-Max-Age": "600"}
NO_STORE = {"Cache-Control": "no-cache"}  # a changed guide or style shows at the next connect


def render_guide(template: str) -> str:
    """The guide with every `{{folder/name}}` replaced by that statement of cypher/, HTML-escaped
    (Browser runs a runnable block's text, so `<-[:MEMBER_OF]-` must reach it as written)."""
    return STATEMENT.sub(lambda found: html.escape(queries.load(found.group(1)), quote=False), template)


def post_connect_commands(host: str, port: int) -> str:
    """Browser's `browser.post_connect_cmd`: load the style sheet, open the guide, from the gateway
    listening on host:port (a wildcard address is reached on loopback)."""
    reachable = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    base = f"http://{reachable}:{port}"
    return f"style {base}{STYLE_PATH}; guide {base}{GUIDE_PATH}"


def routes(directory: Path = BROWSER_DOCS) -> list[Route]:
    """The two documents, read at start-up: a missing file or statement fails then, not in Browser."""
    style = (directory / "style.grass").read_text(encoding="utf-8")
    guide = render_guide((directory / "guide.html").read_text(encoding="utf-8"))

    async def serve_style(request: Request) -> Response:
        return document(request, style, "text/plain; charset=utf-8")

    async def serve_guide(request: Request) -> Response:
        return document(request, guide, "text/html; charset=utf-8")

    methods = ["GET", "HEAD", "OPTIONS"]
    return [Route(STYLE_PATH, serve_style, methods=methods), Route(GUIDE_PATH, serve_guide, methods=methods)]


def document(request: Request, text: str, media_type: str) -> Response:
    if request.method == "OPTIONS":  # the CORS preflight of :guide
        return Response(status_code=204, headers=CORS)
    return PlainTextResponse(text, media_type=media_type, headers={**CORS, **NO_STORE})
