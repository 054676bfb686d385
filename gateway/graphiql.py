"""GraphiQL in development mode, served whole by the gateway: it works without internet access.

strawberry's own page loads React and GraphiQL from a CDN and stays on "Loading..." offline. Here
the browser builds come from web/graphiql/node_modules (exact versions in its package-lock.json,
installed by `make install`), served under /graphiql/assets/, and the page (GET /graphql from a
browser) references nothing else: its Content-Security-Policy lets it load and connect only to
the gateway. The headers pane starts with a development token when the settings can sign one.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Route

from gateway.http_limits import error_response
from gateway.security.auth import authenticate, development_token
from gateway.settings import PROJECT_ROOT, Settings
from graph.errors import Unauthenticated

log = logging.getLogger("gateway")

WEB_DIR = PROJECT_ROOT / "web" / "graphiql"
INSTALL = "run `make install` (it runs `npm ci` in web/graphiql; npm comes with `apt-get install nodejs npm`)"
ASSETS_PATH = "/graphiql/assets"
# What the page loads, by the name it is served under: nothing else under web/graphiql is reachable.
FILES = {
    "react.js": "node_modules/react/umd/react.production.min.js",
    "react-dom.js": "node_modules/react-dom/umd/react-dom.production.min.js",
    "graphiql.js": "node_modules/graphiql/graphiql.min.js",
    "graphiql.css": "node_modules/graphiql/graphiql.min.css",
    "explorer.js": "node_modules/@graphiql/plugin-explorer/dist/index.umd.js",
    "explorer.css": "node_modules/@graphiql/plugin-explorer/dist/style.css",
    "page.js": "page.js",
}
MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
# The page may load and connect to the gateway only ('self' covers its ws:// too); GraphiQL's
# components set inline styles, nothing of it needs inline or evaluated script.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                           "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
PAGE_HEADERS = {"Content-Security-Policy": CONTENT_SECURITY_POLICY, "Cache-Control": "no-store",
                "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"}
# Asset URLs carry the installed versions' digest, so a browser may keep them until those change.
ASSET_HEADERS = {"Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff"}


@dataclass(frozen=True)
class GraphiQLAssets:
    """GraphiQL's files under `root` (web/graphiql), and the digest that versions their URLs."""

    root: Path
    version: str

    @classmethod
    def at(cls, root: Path = WEB_DIR) -> GraphiQLAssets:
        digest = hashlib.sha256()
        for name in ("package-lock.json", "page.js"):
            path = root / name
            digest.update(path.read_bytes() if path.is_file() else b"")
        return cls(root, digest.hexdigest()[:16])

    def missing(self) -> list[str]:
        return [relative for relative in FILES.values() if not (self.root / relative).is_file()]

    def url(self, name: str) -> str:
        return f"{ASSETS_PATH}/{name}?v={self.version}"

    def route(self) -> Route:
        return Route(f"{ASSETS_PATH}/{{name}}", self.serve, methods=["GET"])

    async def serve(self, request: Request) -> Response:
        """One of FILES by name; any other name, or a file not installed, is the JSON 404."""
        name = request.path_params["name"]
        relative = FILES.get(name)
        if relative is None:
            raise HTTPException(404)
        path = self.root / relative
        if not path.is_file():
            return error_response(404, "NOT_FOUND", f"GraphiQL's {name} is not installed: {INSTALL}")
        return FileResponse(path, media_type=MEDIA_TYPES[Path(relative).suffix], headers=ASSET_HEADERS)


def page(assets: GraphiQLAssets, settings: Settings) -> HTMLResponse:
    """The GraphiQL page, or a page saying how to install its assets."""
    missing = assets.missing()
    if missing:
        return HTMLResponse(_NOT_INSTALLED.format(install=INSTALL.replace("`", ""), missing=", ".join(missing)),
                            status_code=503, headers=PAGE_HEADERS)
    token = prefilled_token(settings)
    config = {"headers": json.dumps({"Authorization": f"Bearer {token}"}, indent=2) if token else None}
    return HTMLResponse(_PAGE.format(
        config=json.dumps(config).replace("<", "\\u003c"),  # never ends the <script> element early
        **{name.replace(".", "_").replace("-", "_"): assets.url(name) for name in FILES},
    ), headers=PAGE_HEADERS)


def prefilled_token(settings: Settings) -> str | None:
    """The development token (as `make run` prints it) for the headers pane, when the settings can
    sign one that the gateway accepts (an HS256 secret it verifies with); else None."""
    if not settings.jwt_secret:
        return None
    token = development_token(settings)
    try:
        authenticate(settings, f"Bearer {token}")
    except Unauthenticated:
        return None  # e.g. RS256 only: the headers pane starts empty, and tokenless requests still work
    return token


def warn_if_missing(assets: GraphiQLAssets) -> None:
    missing = assets.missing()
    if missing:
        log.warning("GraphiQL's assets are not installed (%s): %s", ", ".join(missing), INSTALL)


_PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>GraphiQL - customer routing gateway</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="{graphiql_css}">
    <link rel="stylesheet" href="{explorer_css}">
    <style>body {{ margin: 0; overflow: hidden; }} #graphiql {{ height: 100vh; display: flex; }}</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL...</div>
    <script type="application/json" id="graphiql-config">{config}</script>
    <script src="{react_js}"></script>
    <script src="{react_dom_js}"></script>
    <script src="{graphiql_js}"></script>
    <script src="{explorer_js}"></script>
    <script src="{page_js}"></script>
  </body>
</html>
"""

_NOT_INSTALLED = """<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>GraphiQL is not installed</title><link rel="icon" href="data:,"></head>
  <body>
    <h1>GraphiQL's files are not installed</h1>
    <p>The gateway serves GraphiQL from web/graphiql/node_modules, which lacks: {missing}.</p>
    <p>To install them, {install}, then reload this page.</p>
  </body>
</html>
"""
