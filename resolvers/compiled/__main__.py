"""Prints the one Cypher statement a GraphQL read compiles to, with its parameters as Neo4j Browser 5
`:param` lines, ready to paste (docs/compiled-reads.md):

    python -m resolvers.compiled '{ customer(customerId: "C0000001") { name holdings { status } } }'
    python -m resolvers.compiled @query.graphql --variables '{"id": "C0000001"}' --role relationship_manager --resource-id R000001
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import Any

from graphql import parse, validate
from graphql.execution.executor import Executor

from gateway.security.auth import Principal, Role
from resolvers.compiled.fragments import CannotCompile
from resolvers.compiled.plan import compile_operation
from resolvers.schema import build_schema


def cypher_literal(value: Any) -> str:
    """`value` written as Cypher, as Browser evaluates a `:param` (a map only in parentheses)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime.datetime):
        return f"datetime('{value.isoformat()}')"
    if isinstance(value, datetime.date):
        return f"date('{value.isoformat()}')"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"`{key}`: {cypher_literal(item)}" for key, item in value.items()) + "}"
    text = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{text}'"


def browser_script(statement: str, parameters: dict[str, Any]) -> str:
    lines = []
    for name, value in parameters.items():
        literal = cypher_literal(value)
        lines.append(f":param {name} => {'(' + literal + ')' if isinstance(value, dict) else literal};")
    return "\n".join([*lines, "", statement]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m resolvers.compiled", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("document", help="the GraphQL document, or @path of a file holding it")
    parser.add_argument("--variables", default="{}", help="the variables, as JSON")
    parser.add_argument("--operation", default=None, help="the operation to compile, when the document names several")
    parser.add_argument("--role", action="append", choices=[role.value for role in Role],
                        help="a role of the principal (repeatable; default: admin)")
    parser.add_argument("--resource-id", default="R000001", help="a relationship manager's resourceId (its book)")
    args = parser.parse_args(argv)
    text = Path(args.document[1:]).read_text(encoding="utf-8") if args.document.startswith("@") else args.document
    schema = build_schema()._schema
    document = parse(text)
    errors = validate(schema, document)
    if errors:
        print("\n".join(error.message for error in errors), file=sys.stderr)
        return 2
    roles = frozenset(Role(name) for name in args.role or ["admin"])
    principal = Principal(args.resource_id, roles, args.resource_id)
    executor = Executor.build(schema, document, raw_variable_values=json.loads(args.variables),
                              operation_name=args.operation)
    if isinstance(executor, list):
        print("\n".join(error.message for error in executor), file=sys.stderr)
        return 2
    try:
        compiled = compile_operation(schema, executor, principal)
    except CannotCompile as why:
        print(f"not compiled, the resolvers answer it: {why}", file=sys.stderr)
        return 1
    print(browser_script(compiled.statement, compiled.parameters(executor.variable_values, principal)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
