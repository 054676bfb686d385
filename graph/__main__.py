"""Operator commands: `python -m graph schema|seed|neo4j` (see README).

Each command uses NEO4J_URI when set, else starts the local Neo4j for its duration
(`neo4j` keeps it running until Ctrl-C, for Browser and cypher-shell sessions).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
from collections.abc import Iterator

from graph.constraints import apply_schema
from graph.database import connect
from graph.errors import GatewayError
from graph.local_neo4j import LocalNeo4jError, running_local_neo4j
from graph.seed import seed_bank, wipe_graph
from graph.settings import Settings


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


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m graph", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    commands.add_parser("schema", help="apply constraints and indexes (idempotent)")
    seed = commands.add_parser("seed", help="load a generated bank into an empty graph")
    seed.add_argument("--customers", type=int, default=2000, help="number of customers (default 2000)")
    seed.add_argument("--seed", type=int, default=42, help="random seed; the same seed gives the same bank")
    seed.add_argument("--wipe", action="store_true", help="delete everything in the graph first")
    commands.add_parser("neo4j", help="run the local Neo4j until Ctrl-C")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
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


if __name__ == "__main__":
    sys.exit(main())
