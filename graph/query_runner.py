"""`python -m graph query`: run a file of cypher/ from the shell, as an analyst would in Browser.

The file's `:param` lines (graph/browser_params.py) are the defaults; `--param name=<Cypher
expression>` replaces one. Parameters are evaluated the way Browser does (`RETURN <expr>`), then
the statement runs in a read transaction, or in a write transaction when it writes and the
caller said `--write`. Output is a table for a terminal, CSV or JSON for tools.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, LiteralString, Protocol

from neo4j import AsyncDriver
from neo4j.exceptions import Neo4jError
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from graph.browser_params import BrowserParamError, ParamCommand, cypher_file_block, parse_block, parse_command
from graph.queries import CYPHER_DIR

FORMATS = ("table", "csv", "json")
PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
# A column wider than this is cut in the table (CSV and JSON carry every character).
TABLE_CELL = 60


class QueryError(Exception):
    """What the analyst must change; the message says what to do."""


class ParamValueError(QueryError):
    """Neo4j refused the value of a `:param` line, as it would in Browser."""

    def __init__(self, command: ParamCommand, error: Neo4jError) -> None:
        hint = " (Browser ran the braces' content as a query: a map needs `=> ({...})`)" if command.variant == "explicit" else ""
        super().__init__(f"line {command.line}: `:param {command.name}`: Neo4j refuses {command.query!r}: "
                         f"{error.code}: {error.message}{hint}")
        self.command = command


class Runner(Protocol):
    """An open transaction (managed or explicit) of the async driver."""

    async def run(self, query: LiteralString, parameters: dict[str, Any] | None = None) -> Any: ...


@dataclass(frozen=True)
class Answer:
    columns: list[str]
    rows: list[dict[str, Any]]


def all_names() -> list[str]:
    """Every runnable statement: cypher/compiled/ holds fragments the compiler assembles, not statements."""
    return sorted(str(path.relative_to(CYPHER_DIR).with_suffix("")) for path in CYPHER_DIR.rglob("*.cypher")
                  if path.relative_to(CYPHER_DIR).parts[0] != "compiled")


def resolve(wanted: str) -> Path:
    """A file of cypher/ from its name (`customers/list_customers`), its stem (`list_customers`),
    a unique part of its name (`customer_network`) or its path."""
    as_path = Path(wanted)
    if as_path.suffix == ".cypher" and as_path.is_file():
        return as_path.resolve()
    name = wanted.removeprefix("cypher/").removesuffix(".cypher")
    names = all_names()
    for rule in (lambda n: n == name, lambda n: n.rsplit("/", 1)[-1] == name, lambda n: name in n):
        found = [n for n in names if rule(n)]
        if len(found) == 1:
            return CYPHER_DIR / f"{found[0]}.cypher"
        if len(found) > 1:
            raise QueryError(f"{wanted!r} names several files: {', '.join(found)}; give one of them")
    close = [n for score, n in sorted((-_likeness(name, n), n) for n in names)[:5] if -score >= 0.75]
    hint = f"; did you mean {', '.join(close)}?" if close else "; `python -m graph query --list` lists them"
    raise QueryError(f"no file of cypher/ is named {wanted!r}{hint}")


def _likeness(wanted: str, name: str) -> float:
    """How close `wanted` is to any run of consecutive words of `name`'s stem (typos forgiven)."""
    words, size = name.rsplit("/", 1)[-1].split("_"), len(wanted.rsplit("/", 1)[-1].split("_"))
    runs = ["_".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))] + ["_".join(words)]
    return max(difflib.SequenceMatcher(None, wanted.rsplit("/", 1)[-1], run).ratio() for run in runs)


def documented_params(path: Path) -> list[ParamCommand]:
    """The file's `:param` commands, as Browser reads them."""
    block = cypher_file_block(path.read_text(encoding="utf-8"))
    if block is None:
        return []
    try:
        return parse_block(block.text, block.line)
    except BrowserParamError as error:
        raise QueryError(f"{_shown(path)}: {error}") from None


def override(assignment: str) -> ParamCommand:
    """`name=<Cypher expression>` from the command line, as the lambda `:param name => ...`."""
    name, sign, expression = assignment.partition("=")
    if not sign or not expression.strip():
        raise QueryError(f"--param {assignment!r}: write name=<Cypher expression>, e.g. customerId=\"'C0000001'\"")
    try:
        return parse_command(f":param {name.strip()} => {expression.strip()}", 1)
    except BrowserParamError as error:
        raise QueryError(f"--param {assignment!r}: {str(error).removeprefix('line 1: ')}") from None


def statement_of(path: Path) -> LiteralString:
    # The text comes from a file of the repository (or one the analyst named), never from a request.
    text: LiteralString = path.read_text(encoding="utf-8")
    return text


async def evaluate(tx: Runner, commands: Sequence[ParamCommand]) -> dict[str, Any]:
    """Each command's value as Browser computes it (implicit: the first column of the first
    record of `RETURN <expr>`; explicit: every record), later commands replacing earlier ones."""
    values: dict[str, Any] = {}
    for command in commands:
        try:
            query: LiteralString = command.query  # a parameter line of a file, as Browser runs it
            result = await tx.run(query)
            records = [record async for record in result]
        except Neo4jError as error:
            raise ParamValueError(command, error) from None
        if command.variant == "explicit":
            values[command.name] = [dict(record.items()) for record in records]
        elif records:
            values[command.name] = records[0][0]
    return values


def missing(statement: str, params: dict[str, Any]) -> list[str]:
    """Parameters the statement reads that no command sets (comments aside)."""
    text = "\n".join(line for line in statement.split("\n") if not line.lstrip().startswith("//"))
    return sorted({name for name in PARAMETER.findall(text) if name not in params})


async def run_file(driver: AsyncDriver, database: str, path: Path, overrides: Sequence[ParamCommand],
                   write: bool) -> Answer:
    """The file's statement with its documented parameters, `overrides` replacing them."""
    commands = [*documented_params(path), *overrides]
    statement = statement_of(path)
    async with driver.session(database=database) as session:
        params = await session.execute_read(lambda tx: evaluate(tx, commands))
        absent = missing(statement, params)
        if absent:
            raise QueryError(f"{_shown(path)} needs {', '.join('$' + n for n in absent)}: "
                             f"add --param {absent[0]}=<Cypher expression>")
        kind = await session.execute_read(lambda tx: _query_type(tx, statement, params))
        if kind != "r" and not write:
            raise QueryError(f"{_shown(path)} writes to the graph: run it again with --write to let it")
        work = session.execute_write if kind != "r" else session.execute_read
        columns, rows = await work(lambda tx: _fetch(tx, statement, params))
    return Answer(columns, rows)


async def _query_type(tx: Runner, statement: LiteralString, params: dict[str, Any]) -> str:
    # EXPLAIN plans without running: Neo4j says whether the statement reads ("r") or writes.
    result = await tx.run("EXPLAIN " + statement, params)
    summary = await result.consume()
    return str(summary.query_type)


async def _fetch(tx: Runner, statement: LiteralString, params: dict[str, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    result = await tx.run(statement, params)
    columns = list(result.keys())
    rows = [{key: plain(record[key]) for key in columns} async for record in result]
    return columns, rows


def plain(value: Any) -> Any:
    """A driver value as JSON-able data: graph elements as maps, temporal values as ISO text."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, GraphPath):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, DateTime | Date | Time):
        return value.iso_format()
    if isinstance(value, Duration | Point):
        return str(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def render(answer: Answer, output: str) -> str:
    if output == "json":
        return json.dumps(answer.rows, indent=2, ensure_ascii=False) + "\n"
    if output == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(answer.columns)
        writer.writerows([[_cell(row[c]) for c in answer.columns] for row in answer.rows])
        return buffer.getvalue()
    return _table(answer)


def _table(answer: Answer) -> str:
    cells = [[_cut(_cell(row[c])) for c in answer.columns] for row in answer.rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(answer.columns)]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    shown = [line, "| " + " | ".join(c.ljust(w) for c, w in zip(answer.columns, widths, strict=True)) + " |", line]
    shown += ["| " + " | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) + " |" for r in cells]
    shown += [line] if cells else []
    count = len(answer.rows)
    return "\n".join(shown) + f"\n{count} row{'' if count == 1 else 's'}\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TABLE_CELL else text[:TABLE_CELL - 1] + "…"


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(CYPHER_DIR.parent))
    except ValueError:
        return str(path)
