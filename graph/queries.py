"""Cypher statements by name: load("customers/get_customers") reads cypher/customers/get_customers.cypher.

Every statement the gateway runs lives in `cypher/`, one per file, so analysts can run the
same text in Neo4j Browser with parameters. Loading happens at import time of the module
that uses a statement, so a missing file fails at start-up rather than mid-request.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import LiteralString

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"


class QueryNotFound(LookupError):
    """No file in cypher/ has this name."""


@cache
def load(name: str) -> LiteralString:
    path = CYPHER_DIR / f"{name}.cypher"
    if not path.is_file():
        raise QueryNotFound(f"no Cypher statement named {name!r} (looked for {path})")
    # The text comes from a file in the repository, never from a request.
    text: LiteralString = _strip_comments(path.read_text(encoding="utf-8"))
    return text


def names(folder: str) -> list[str]:
    """Names of the statements in one folder of cypher/, sorted."""
    return sorted(f"{folder}/{p.stem}" for p in (CYPHER_DIR / folder).glob("*.cypher"))


def _strip_comments(text: str) -> str:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return "\n".join(lines).strip()
