"""Every GraphQL example in the README and the docs is valid against the exported schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import build_schema, parse, validate

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
EXAMPLES = [(path.name, number, block) for path in DOCUMENTS
            for number, block in enumerate(re.findall(r"```graphql\n(.*?)```", path.read_text(encoding="utf-8"), re.S))]
SCHEMA = build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))


def test_there_are_examples_to_check() -> None:
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize(("document", "number", "example"), EXAMPLES, ids=[f"{d}#{n}" for d, n, _ in EXAMPLES])
def test_the_example_is_a_valid_operation(document: str, number: int, example: str) -> None:
    assert [error.message for error in validate(SCHEMA, parse(example))] == []
