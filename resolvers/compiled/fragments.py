"""The Cypher fragments of cypher/compiled/ and how the compiler fills their `{{placeholders}}`.

A placeholder is filled only with a variable or parameter name the compiler generated, or with
another fragment: never with a value a client sent (those travel as parameters).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from graph.queries import load

PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


class CannotCompile(Exception):
    """Why a field (and so its root field) is left to the resolvers."""


def fragment(name: str) -> str:
    """cypher/compiled/<name>.cypher, comments left out (graph.queries.load caches it)."""
    return load(f"compiled/{name}")


def fill(name: str, env: Mapping[str, str]) -> str:
    """The fragment `name` with each placeholder replaced from `env`."""
    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in env:
            raise CannotCompile(f"fragment {name} needs {{{{{key}}}}}, which this path does not bind")
        return env[key]

    return PLACEHOLDER.sub(replace, fragment(name))


def placeholders(name: str) -> set[str]:
    return set(PLACEHOLDER.findall(fragment(name)))
