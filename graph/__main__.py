"""Operator commands: `python -m graph schema|seed|neo4j|query` (see README).

Each command uses NEO4J_URI when set, else starts the local Neo4j for its duration
(`neo4j` keeps it running until Ctrl-C, for Browser sessions; `query` uses the local Neo4j
that `make run` or `make neo4j` keeps running, when one is).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
from collections.abc import Iterator

from neo4j.exceptions import Neo4jError

from gateway.settings import Settings
from graph.constraints import apply_schema
from graph.database import connect
from graph.errors import GatewayError
from graph.local_neo4j import LocalNeo4jError, port_in_use, running_local_neo4j
from graph.query_runner import FORMATS, QueryError, all_names, override, render, resolve, run_file
from graph.seed import seed_bank, wipe_graph


@contextlib.contextmanager
def neo4j_for(settings: Settings) -> Iterator[Settings]:
    """Settings pointing at NEO4J_URI, or at a local Neo4j started for the duration."""
    if settings.neo4j_uri is not None:
        yield settings
        return
    with running_local_neo4j(settings) as local:
        print(f"Local Neo4j up: {local.uri}, Browser at {local.browser_url}", file=sys.stderr)
        yield settings.with_neo4j(local.uri)


async def schema_command(settings: Settings) -> None:
    database = connect(settings)
    try:
        await database.wait_until_reachable(settings.connect_timeout)
        for name in await apply_schema(database):
            print(f"online: {name}")
    finally:
        await database.close()


async def seed_command(settings: Settings, customers: int, seed: int, wipe: bool) -> None:
    database = connect(settings)
    try:
        await database.wait_until_reachable(settings.connect_timeout)
        if wipe:
            print("Wiping the graph...", file=sys.stderr)
            await wipe_graph(database)
        await apply_schema(database)
        report = await seed_bank(database, customers=customers, seed=seed)
        print(f"{report.customers} customers: {report.nodes} nodes, {report.relationships} relationships "
              f"in {report.seconds:.1f}s ({report.elements_per_second:,.0f} elements/s)")
    finally:
        await database.close()


@contextlib.contextmanager
def neo4j_for_query(settings: Settings) -> Iterator[Settings]:
    """NEO4J_URI, else the local Neo4j already running (make run, make neo4j), else one started for the query."""
    if settings.neo4j_uri is None and port_in_use(settings.local_bolt_port):
        yield settings.with_neo4j(f"bolt://127.0.0.1:{settings.local_bolt_port}")
        return
    with neo4j_for(settings) as ready:
        yield ready


async def query_command(settings: Settings, wanted: str, params: list[str], output: str, write: bool) -> None:
    path = resolve(wanted)
    overrides = [override(assignment) for assignment in params]
    database = connect(settings)
    try:
        await database.wait_until_reachable(settings.connect_timeout)
        answer = await run_file(database.driver, database.name, path, overrides, write)
    finally:
        await database.close()
    sys.stdout.write(render(answer, output))


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m graph", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    commands.add_parser("schema", help="apply constraints and indexes (idempotent)")
    seed = commands.add_parser("seed", help="load a generated bank into an empty graph")
    seed.add_argument("--customers", type=int, default=2000, help="number of customers (default 2000)")
    seed.add_argument("--seed", type=int, default=42, help="random seed; the same seed gives the same bank")
    seed.add_argument("--wipe", action="store_true", help="delete everything in the graph first")
    commands.add_parser("neo4j", help="run the local Neo4j until Ctrl-C")
    query = commands.add_parser(
        "query", help="run a file of cypher/ with its documented :param lines (--param overrides one)",
        description="Runs a file of cypher/ with the :param lines at its top as parameters, in a read "
                    "transaction (a statement that writes needs --write). Example: python -m graph query "
                    "network_customer_network --param network=\"{customerId: 'C0000001', depth: 1, kinds: null, "
                    "households: true}\" --format json")
    query.add_argument("file", nargs="?", help="name (customers/list_customers), stem (list_customers), a unique "
                                                "part of the name, or the path of a .cypher file")
    query.add_argument("--param", "-p", action="append", default=[], metavar="NAME=EXPRESSION",
                       help="a parameter as a Cypher expression, as after `:param NAME =>`; repeatable")
    query.add_argument("--format", "-f", choices=FORMATS, default="table", help="output (default table)")
    query.add_argument("--write", action="store_true", help="let a statement that writes commit its changes")
    query.add_argument("--list", action="store_true", help="list the files of cypher/ and stop")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "query":
        return query_main(args)
    settings = Settings.from_env()
    try:
        with neo4j_for(settings) as ready:
            if args.command == "schema":
                asyncio.run(schema_command(ready))
            elif args.command == "seed":
                asyncio.run(seed_command(ready, args.customers, args.seed, args.wipe))
            elif settings.neo4j_uri is not None:
                print(f"error: NEO4J_URI is set ({settings.neo4j_uri}); unset it to run the local Neo4j", file=sys.stderr)
                return 2
            else:
                print("Press Ctrl-C to stop.", file=sys.stderr)
                while True:
                    time.sleep(3600)
    except KeyboardInterrupt:
        return 130
    except (LocalNeo4jError, GatewayError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def query_main(args: argparse.Namespace) -> int:
    if args.list or not args.file:
        print("\n".join(all_names()))
        return 0 if args.list else 2
    try:
        resolve(args.file)  # an unknown name fails before any Neo4j starts
        with neo4j_for_query(Settings.from_env()) as ready:
            asyncio.run(query_command(ready, args.file, args.param, args.format, args.write))
    except KeyboardInterrupt:
        return 130
    except QueryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Neo4jError as error:
        print(f"error: Neo4j refused {args.file}: {error.code}: {error.message}", file=sys.stderr)
        return 1
    except (LocalNeo4jError, GatewayError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
