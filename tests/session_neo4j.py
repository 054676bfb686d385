"""The session's local Neo4j: one JVM for the whole run, with a DBMS of its own for each test process.

Under make test each pytest-xdist worker used to start its own session Neo4j: two JVMs, each loading
the same 20,000 classes and compiling the same Cypher runtime and Bolt code, on two cores that the
suite keeps busy from start to end. One JVM holds a DBMS per worker instead (graph/neo4j/LocalNeo4j.java's
`--and`): its own store, ports and Browser each, so the workers' wipes never meet, and one start and
one set of compiled code (in clean clones: 690 s and 1,260 CPU seconds a run instead of 784 s and
1,471). The xdist controller launches it as it configures (the workers collect meanwhile), hands
each worker its DBMS's address, and stops it at the end; the JVM dies with the controller. Without
workers, the one test process starts it the same way, with one DBMS.
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

# Where xdist's controller keeps the JVM it launched for its workers.
WORKERS = pytest.StashKey["SessionNeo4j"]()
# A start takes 10-60 s here; a JVM that has not answered in this long is stuck, not slow.
START_TIMEOUT = 240.0


@dataclass(frozen=True)
class SessionDbms:
    """One test process's DBMS: what a worker is handed (through xdist's workerinput, so plain values)."""

    uri: str
    browser_url: str
    browser_gateway_port: int
    log: str
    pid: int

    @property
    def bolt_port(self) -> int:
        return int(self.uri.rpartition(":")[2])


@dataclass
class SessionNeo4j:
    """The JVM and each test process's DBMS in it, in xdist's worker order (gw0, gw1, ...)."""

    local: LocalNeo4j
    home: Path
    dbms: tuple[SessionDbms, ...]

    def for_worker(self, worker_id: str) -> SessionDbms | None:
        """None for a worker xdist started after another crashed: it starts a Neo4j of its own."""
        index = int(worker_id.removeprefix("gw"))
        return self.dbms[index] if index < len(self.dbms) else None

    def stop(self) -> None:
        self.local.stop()
        shutil.rmtree(self.home, ignore_errors=True)


def launch(processes: int, jvm_options: tuple[str, ...], neo4j_settings: dict[str, str]) -> SessionNeo4j:
    """Launch the JVM without waiting for it: each test process waits for its own DBMS."""
    home = Path(tempfile.mkdtemp(prefix="gateway-test-neo4j-"))
    gateway_ports = [free_port() for _ in range(processes)]
    hosted = [Companion(home / f"gw{n}", free_port(), free_port(), post_connect_commands("127.0.0.1", port))
              for n, port in enumerate(gateway_ports)]
    first = hosted[0]
    # The serial collector spares the heap G1's concurrent threads on two cores the suite keeps busy.
    local = LocalNeo4j(first.data_dir, first.bolt_port, first.http_port, heap=f"{processes}g", pagecache="256m",
                       browser_commands=first.browser_commands, garbage_collector="SerialGC",
                       neo4j_settings=neo4j_settings, jvm_options=jvm_options, companions=tuple(hosted[1:]))
    local.launch()
    assert local.process is not None
    dbms = tuple(SessionDbms(dbms.uri, dbms.browser_url, port, str(local.log_path), local.process.pid)
                 for dbms, port in zip(hosted, gateway_ports, strict=True))
    return SessionNeo4j(local, home, dbms)


def given(config: pytest.Config) -> SessionDbms | None:
    """The DBMS the controller gave this worker, if it gave one."""
    workerinput: dict[str, Any] = getattr(config, "workerinput", {})
    found = workerinput.get("session_dbms")
    return SessionDbms(**found) if found else None


def wait_for(dbms: SessionDbms) -> None:
    """Until the controller's JVM serves this worker's Bolt port; fails with its log if it ended
    or never answered."""
    deadline = time.monotonic() + START_TIMEOUT
    log = Path(dbms.log)
    while not ("READY" in _text(log) and port_in_use(dbms.bolt_port)):
        if not running(dbms.pid) or time.monotonic() > deadline:
            tail = "\n".join(_text(log).splitlines()[-25:])
            pytest.exit(f"the session's Neo4j (pid {dbms.pid}, log {log}) ended or did not open Bolt on "
                        f"{dbms.uri} within {START_TIMEOUT:.0f} s; its log's last lines (run `make neo4j` to "
                        f"start one by hand and see it):\n{tail}", returncode=3)
        time.sleep(0.25)


def running(pid: int) -> bool:
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
