"""Neo4j Browser 5's `:param` rules, ported so the documented parameter lines are checked and reused.

Every file of cypher/ documents its parameters as `:param` commands an analyst pastes into
Browser; `python -m graph query` (graph/query_runner.py) uses the same lines as defaults and
tests/test_documented_cypher.py holds them to Browser's rules. The rules, from neo4j-browser
5.24.0, the Browser graph/neo4j/pom.xml serves (src/shared/modules/commands/commandsDuck.ts,
helpers/params.ts, helpers/lambdas.ts; unchanged up to 2025.06), and the parser it bundles,
@neo4j/browser-lambda-parser 1.0.5 (src/grammar.ne):

1. Splitting. Input with more than one non-blank piece between `;` is a script: lines starting
   with `//` and blank lines are dropped, then it is cut into statements on `;` outside quotes,
   backticks and comments (the Cypher grammar of @neo4j-cypher/extract-statements), each trimmed.
   Any other input is one command, kept whole: a final `;` stays in it (fine on one line, where
   Neo4j accepts `RETURN 1;`; refused after a map on several lines), and two `:param` lines
   without `;` are one command (which then fails, rule 3).
2. Dispatch. A command matching `:params?\\s` (case-insensitive) sets parameters. Its text after
   the first whitespace, trimmed, is `{...}` (`:params {x: 1}`: replaces every parameter, read as
   JSON-like "jsonic", not Cypher), contains `=>` (a lambda, below), or is `name: value` (jsonic).
   This project writes the lambda form only: it is the one evaluated by Neo4j, so `datetime()`
   and lists of maps mean what they mean in the statement.
3. Lambda. `name => ...`, the name `[a-zA-Z][_a-zA-Z0-9]*`, then one of:
   - implicit, one line: the rest of that line, not starting with `{`;
   - implicit, several lines: `({` closing the first line, then lines, then `})`;
   - explicit: `{ ... }` on one or several lines: Browser runs the text inside the braces as a
     query and the parameter becomes the list of its records. So `name => {a: 1}` runs `a: 1`
     and fails ("Invalid input 'a' ... expected ... 'FOREACH'"); a map must be `=> ({a: 1})`.
   Anything else is a syntax error (a value continued on a second line without `({`, say).
4. Evaluation. Implicit: `RETURN <everything after the first =>, trimmed>` in a write
   transaction; the parameter is the first column of the first record (no record: not set).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

PARAM_COMMAND = re.compile(r":params?\s", re.IGNORECASE)
LAMBDA_HEAD = re.compile(r"\s*([a-zA-Z][_a-zA-Z0-9]*)\s*=>")
# `({` closing its line, anything, `})` at the end (lambda grammar: L_PAREN L_CURLY multiLine R_CURLY R_PAREN).
MULTI_LINE_MAP = re.compile(r"\s*\(\s*\{\n[\s\S]*\}\s*\)")
EXPLICIT = re.compile(r"\s*\{[\s\S]+\}")
MAP_HINT = "a map value needs parentheses: `:param name => ({key: value})`"


class BrowserParamError(ValueError):
    """A parameter line Browser 5 would refuse; `line` is where its command starts (1-based)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class ParamCommand:
    name: str
    query: str  # what Browser runs to get the value
    variant: Literal["implicit", "explicit"]
    line: int


@dataclass(frozen=True)
class ParamBlock:
    """The `:param` text of a source, as an analyst pastes it, and where it starts."""

    text: str
    line: int


def split_commands(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Browser's commands in pasted `text`, each with the line it starts on (rule 1)."""
    if len([piece for piece in text.split(";") if piece.strip()]) <= 1:
        return [(first_line + _leading_lines(text), text.strip())] if text.strip() else []
    kept = [(number, line) for number, line in enumerate(text.split("\n"), first_line)
            if line.strip() and not line.strip().startswith("//")]
    commands: list[tuple[int, str]] = []
    current: list[str] = []
    start: int | None = None
    quote: str | None = None
    for number, line in kept:
        index = 0
        while index < len(line):
            char = line[index]
            if start is None and not char.isspace():
                start = number
            if quote is not None:
                if char == "\\" and quote != "`":
                    current.append(line[index:index + 2])
                    index += 2
                    continue
                if char == quote:
                    quote = None
            elif char in "'\"`":
                quote = char
            elif char == ";":
                _close(commands, current, start)
                current, start = [], None
                index += 1
                continue
            current.append(char)
            index += 1
        current.append("\n")
    _close(commands, current, start)
    return commands


def parse_command(command: str, line: int) -> ParamCommand:
    """One `:param` command by Browser's rules 2-3; BrowserParamError when Browser refuses it."""
    if not PARAM_COMMAND.match(command):
        raise BrowserParamError(f"not a :param command: {_first(command)!r}", line)
    text = re.split(r"\s", command[1:], maxsplit=1)[1].strip()
    if re.fullmatch(r'"?\{[\s\S]*\}"?', text):
        raise BrowserParamError("`:params {...}` replaces every parameter with JSON-like values Neo4j never "
                                "evaluates; write one `:param name => <Cypher expression>` per parameter", line)
    if "=>" not in text:
        raise BrowserParamError(f"write `:param name => <Cypher expression>` (found {_first(text)!r}); "
                                "the `name: value` form is not evaluated by Neo4j", line)
    head = LAMBDA_HEAD.match(text)
    if head is None:
        raise BrowserParamError(f"a parameter name is a letter then letters, digits or _ (found {_first(text)!r})", line)
    name, rest = head.group(1), text[head.end():]
    if "\n" not in rest and rest.strip() and not rest.strip().startswith("{"):
        return ParamCommand(name, f"RETURN {rest.strip()}", "implicit", line)
    if "\n" in rest and MULTI_LINE_MAP.fullmatch(rest):
        return ParamCommand(name, f"RETURN {rest.strip()}", "implicit", line)
    if EXPLICIT.fullmatch(rest):
        # Browser accepts this and runs the braces' content as a query: a map literal fails there.
        return ParamCommand(name, rest.strip()[1:-1], "explicit", line)
    if "\n" in rest and rest.rstrip().endswith(";"):
        raise BrowserParamError(f"`:param {name}` ends with `;` after several lines: alone in the input, Browser keeps "
                                "the `;` in the command and refuses it; drop it, or separate several commands with `;`", line)
    if "\n" in rest:
        raise BrowserParamError(f"`:param {name}` goes on over several lines: Browser reads one line, or a map "
                                "written `=> ({` at the end of the first line and `})` at the end of the last", line)
    raise BrowserParamError(f"`:param {name} =>` has no value", line)


def parse_block(text: str, first_line: int = 1) -> list[ParamCommand]:
    """Every `:param` command of pasted text, in order (rules 1-3)."""
    return [parse_command(command, line) for line, command in split_commands(text, first_line)]


def cypher_file_block(source: str) -> ParamBlock | None:
    """The parameter block of a cypher/ file: its header's comment lines from the first `:param`
    one to the statement, without the `// ` an analyst leaves out when copying them."""
    lines = source.split("\n")
    for index, line in enumerate(lines):
        if _comment_text(line).startswith(":param"):
            block: list[str] = []
            for following in lines[index:]:
                if not following.lstrip().startswith("//"):
                    break
                block.append(_comment_text(following))
            return ParamBlock("\n".join(block), index + 1)
    return None


def markdown_blocks(source: str) -> list[ParamBlock]:
    """The `:param` text of a Markdown page: each fenced block that starts with `:param`, and each
    inline code span that is a whole `:param name => ...` command, in page order."""
    found: list[tuple[int, ParamBlock]] = []
    for fence in FENCE.finditer(source):
        body = fence.group(1)
        if body.lstrip().startswith(":param"):
            line = source.count("\n", 0, fence.start(1)) + 1
            found.append((fence.start(), ParamBlock(body.rstrip("\n"), line)))
    prose = FENCE.sub(lambda fence: re.sub(r"[^\n]", " ", fence.group(0)), source)
    for span in INLINE_PARAM.finditer(prose):
        found.append((span.start(), ParamBlock(span.group(1), source.count("\n", 0, span.start()) + 1)))
    return [block for _, block in sorted(found, key=lambda item: item[0])]


FENCE = re.compile(r"^```[a-z]*\n(.*?)^```", re.S | re.M)
INLINE_PARAM = re.compile(r"`(:param\s[^`]*=>[^`]*)`")


def _comment_text(line: str) -> str:
    stripped = line.lstrip()
    if not stripped.startswith("//"):
        return ""
    text = stripped[2:]
    return text[1:] if text.startswith(" ") else text


def _close(commands: list[tuple[int, str]], current: list[str], start: int | None) -> None:
    text = "".join(current).strip()
    if text and start is not None:
        # Browser cleans each statement of a script again (comment and blank lines out).
        commands.append((start, "\n".join(line for line in text.split("\n") if line.strip())))


def _leading_lines(text: str) -> int:
    return len(text) - len(text.lstrip("\n")) if text.strip() else 0


def _first(text: str) -> str:
    return text.strip().split("\n")[0][:80]
