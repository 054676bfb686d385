"""`python app.py` as `make run` starts it, watched from outside: what it prints and when, the
development token across a restart, and the access log.

The gateway runs as a child process on the session's Neo4j (NEO4J_URI), in development mode, on a
graph that already holds the small bank (so no demo bank is loaded). The first run with the local
Neo4j, its jar download and its seeding, is timed by hand (the closing note of issue 17 says how).
"""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx2
import pytest

from gateway.settings import PROJECT_ROOT, Settings
from graph.database import Database
from graph.local_neo4j import free_port
from tests.support import load_small_bank

LISTENS = "The gateway listens: GraphQL at "
TOKEN = re.compile(r'"Authorization": "Bearer ([A-Za-z0-9._-]+)"')


@dataclass
class Gateway:
    process: subprocess.Popen[str]
    url: str = ""
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)

    @property
    def token(self) -> str:
        """The development token it printed. It prints the token after the URL line, so a reader may
        see the URL a moment before the token (a busy machine): waited for, briefly."""
        deadline = time.monotonic() + 10
        while (found := TOKEN.search("\n".join(self.stdout))) is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert found, self.stdout
        return found.group(1)


def _read(stream: object, into: list[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        into.append(line.rstrip("\n"))


@contextmanager
def gateway(settings: Settings, secret_file: Path) -> Iterator[Gateway]:
    """`python app.py` in development mode until it says it listens; stopped with Ctrl-C after."""
    port = free_port()
    env = {**os.environ, "GATEWAY_DEV_MODE": "1", "GATEWAY_PORT": str(port), "GATEWAY_DEV_SECRET_FILE": str(secret_file),
           "NEO4J_URI": settings.neo4j_uri or "", "NEO4J_USER": settings.neo4j_user,
           "NEO4J_PASSWORD": settings.neo4j_password, "NEO4J_DATABASE": settings.neo4j_database,
           "ROUTING_DISPATCH_INTERVAL_SECONDS": "0"}
    process = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "app.py")], cwd=PROJECT_ROOT, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    running = Gateway(process)
    readers = [threading.Thread(target=_read, args=(process.stdout, running.stdout), daemon=True),
               threading.Thread(target=_read, args=(process.stderr, running.stderr), daemon=True)]
    for reader in readers:
        reader.start()
    try:
        deadline = time.monotonic() + 120
        while not any(line.startswith(LISTENS) for line in running.stdout):
            assert process.poll() is None, (running.stdout, running.stderr)
            assert time.monotonic() < deadline, (running.stdout, running.stderr[-20:])
            time.sleep(0.02)
        running.url = next(line for line in running.stdout if line.startswith(LISTENS))[len(LISTENS):].strip()
        yield running
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for reader in readers:
            reader.join(timeout=5)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


async def test_the_gateway_says_where_to_go_once_it_listens_and_its_token_survives_a_restart(
        clean_graph: Database, settings: Settings, tmp_path: Path) -> None:
    await load_small_bank(clean_graph)
    secret_file = tmp_path / "development-jwt-secret"
    query = {"query": "query CustomerCard { customer(customerId: \"C0000001\") { name } }"}

    with gateway(settings, secret_file) as first:
        # Printed once it listens: the URL answers at once, with the printed token.
        answer = httpx2.post(first.url, json=query, headers={"Authorization": f"Bearer {first.token}"}, timeout=10)
        assert answer.status_code == 200 and answer.json()["data"] == {"customer": {"name": "Alice Martin"}}
        # Development mode shows the compiled statement, the customer id only among its parameters.
        compiled = answer.json()["extensions"]["cypher"]
        assert list(compiled["parameters"].values()) == ["C0000001"] and "C0000001" not in compiled["statement"]
        request_id = answer.headers["x-request-id"]
        saved = first.token
        # Each long start-up step said what it was doing, and said it was done, before the URL came.
        assert any("Warming up the gateway" in line and "done" in line for line in first.stderr), first.stderr
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert first.process.returncode == 0, first.stderr[-20:]

    # The access log line: method, path, status, duration, operation name, under the request id.
    access = [line for line in first.stderr if "gateway.access" in line and f"[request {request_id}]" in line]
    assert len(access) == 1, first.stderr[-20:]
    assert re.search(r"POST /graphql 200 \d+\.\dms operation=CustomerCard$", access[0]), access[0]
    # No warning banner and no traceback on a clean start and stop.
    assert not [line for line in first.stdout + first.stderr if "Warning" in line or "Traceback" in line]

    with gateway(settings, secret_file) as second:
        # A token saved from the first run (e.g. in GraphiQL's headers) still works after a restart.
        again = httpx2.post(second.url, json=query, headers={"Authorization": f"Bearer {saved}"}, timeout=10)
        assert again.status_code == 200, again.text
        assert json.loads(again.text)["data"] == {"customer": {"name": "Alice Martin"}}


@pytest.mark.parametrize("lines", [2, 40])
def test_a_message_of_several_lines_is_logged_on_one(lines: int) -> None:
    """The driver's deadlock retries quote Neo4j's lock dump over many lines: one line, cut short."""
    import logging

    from gateway.request_id import OneLine

    dump = "\n".join(f"  lock {n}: ExclusiveLock[Client[{n}], NODE({n})]" for n in range(lines))
    record = logging.LogRecord("neo4j.session", logging.WARNING, __file__, 1,
                               "Transaction failed and will be retried in %ss (%s)", (0.9, dump), None)
    assert OneLine().filter(record)
    message = record.getMessage()
    assert "\n" not in message and message.startswith("Transaction failed and will be retried in 0.9s (")
    assert len(message) <= OneLine.LONGEST + 40
