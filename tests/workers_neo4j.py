"""One local Neo4j JVM for all of pytest-xdist's workers, a DBMS of its own for each.

Each worker used to start its own session Neo4j: two JVMs, each loading the same 20,000 classes
and compiling the same Cypher runtime and Bolt code, on two cores that the suite keeps busy from
start to end. One JVM holds a DBMS per worker instead (graph/neo4j/LocalNeo4j.java's `--and`): its own
store, ports and Browser each, so the workers' wipes never meet, and one start and one set of
compiled code. The xdist controller launches it as it configures (the workers collect meanwhile),
hands each worker its DBMS's address, and stops it at the end; the JVM dies with the controller.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from gateway.browser_assets import post_connect_commands
from graph.local_neo4j import Companion, LocalNeo4j, free_port, port_in_use

WORKERS = pytest.StashKey["WorkersNeo4j"]()
# A start takes 10-60 s here; a JVM that has not answered in this long is stuck, not slow.
START_TIMEOUT = 240.0


@dataclass(frozen=True)
class WorkerDbms:
    """What a worker is handed (through xdist's workerinput, so plain values)."""

    uri: str
    browser_url: str
    browser_gateway_port: int
    log: str
    pid: int

    @property
    def bolt_port(self) -> int:
        return int(self.uri.rpartition(":")[2])


@dataclass
class WorkersNeo4j:
    """The controller's JVM and each worker's DBMS in it, by worker id (gw0, gw1, ...)."""

    local: LocalNeo4j
    home: Path
    dbms: dict[str, WorkerDbms]

    def stop(self) -> None:
        self.local.stop()
        shutil.rmtree(self.home, ignore_errors=True)


def launch(workers: int, jvm_options: tuple[str, ...], neo4j_settings: dict[str, str]) -> WorkersNeo4j:
    """Launch the JVM without waiting for it: the workers wait, each for its own DBMS."""
    home = Path(tempfile.mkdtemp(prefix="gateway-test-neo4j-"))
    gateway_ports = [free_port() for _ in range(workers)]
    hosted = [Companion(home / f"gw{n}", free_port(), free_port(), post_connect_commands("127.0.0.1", port))
              for n, port in enumerate(gateway_ports)]
    first = hosted[0]
    local = LocalNeo4j(first.data_dir, first.bolt_port, first.http_port, heap=f"{workers}g", pagecache="256m",
                       browser_commands=first.browser_commands, garbage_collector="SerialGC",
                       neo4j_settings=neo4j_settings, jvm_options=jvm_options, companions=tuple(hosted[1:]),
                       start_timeout=START_TIMEOUT)
    local.launch()
    assert local.process is not None
    dbms = {f"gw{n}": WorkerDbms(dbms.uri, dbms.browser_url, port, str(local.log_path), local.process.pid)
            for n, (dbms, port) in enumerate(zip(hosted, gateway_ports, strict=True))}
    return WorkersNeo4j(local, home, dbms)


def given(config: pytest.Config) -> WorkerDbms | None:
    """The DBMS the controller gave this worker, if it gave one."""
    workerinput: dict[str, Any] = getattr(config, "workerinput", {})
    found = workerinput.get("session_dbms")
    return WorkerDbms(**found) if found else None


def wait_for(dbms: WorkerDbms) -> None:
    """Until the controller's JVM serves this worker's Bolt port; fails with its log if it ended
    or never answered."""
    deadline = time.monotonic() + START_TIMEOUT
    log = Path(dbms.log)
    while not ("READY" in _text(log) and port_in_use(dbms.bolt_port)):
        if not _running(dbms.pid) or time.monotonic() > deadline:
            tail = "\n".join(_text(log).splitlines()[-25:])
            pytest.exit(f"the workers' Neo4j (pid {dbms.pid}, log {log}) ended or did not open Bolt on "
                        f"{dbms.uri} within {START_TIMEOUT:.0f} s; run `make test TEST_WORKERS=0` to see one "
                        f"process start its own:\n{tail}", returncode=3)
        time.sleep(0.25)


def _running(pid: int) -> bool:
    """Whether the process runs (not ended, nor ended and not yet reaped by the controller)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _text(log: Path) -> str:
    try:
        return log.read_text(errors="replace")
    except FileNotFoundError:
        return ""


def controller_workers(config: pytest.Config) -> int:
    """How many workers this process (xdist's controller) will start; 0 in a worker or without xdist."""
    if hasattr(config, "workerinput") or not config.pluginmanager.hasplugin("xdist"):
        return 0
    count = config.getoption("numprocesses", None)
    return count if isinstance(count, int) and count > 1 and not os.environ.get("PYTEST_XDIST_WORKER") else 0
