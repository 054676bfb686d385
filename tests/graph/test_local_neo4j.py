"""The local Neo4j the project provisions: clear errors, and never an orphan JVM."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import neo4j
import pytest

from gateway.settings import PROJECT_ROOT
from graph.local_neo4j import LIB_DIR, LocalNeo4j, LocalNeo4jError, compiled_launcher, free_port, provision_jars
from tests.session_neo4j import running


def test_missing_java_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LocalNeo4jError) as error:
        LocalNeo4j(tmp_path / "home", free_port(), free_port()).start()
    assert str(error.value) == ("java not found on PATH: install a JDK 17+ (e.g. apt install openjdk-17-jdk-headless), "
                                "or set NEO4J_URI to use your own Neo4j")


def test_missing_maven_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LocalNeo4jError, match=r"^mvn not found on PATH: install Maven 3.8\+ \(e.g. apt install maven\)"):
        provision_jars(tmp_path / "lib")  # an empty cache, so Maven would be needed


def test_a_taken_port_is_reported(tmp_path: Path) -> None:
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(LocalNeo4jError, match=f"port {port} on 127.0.0.1 is taken"):
            LocalNeo4j(tmp_path, port, free_port()).start()


def test_plugins_go_to_the_plugins_folder_and_the_class_path(tmp_path: Path) -> None:
    """Embedded Neo4j loads procedures from <home>/plugins and their extensions from the class path."""
    plugin = tmp_path / "plugin-1.0.jar"
    shutil.copyfile(next(provision_jars().glob("slf4j-api-*.jar")), plugin)  # any real jar
    home = tmp_path / "home"
    (home / "plugins").mkdir(parents=True)
    (home / "plugins" / "stale-0.1.jar").write_bytes(b"")  # a plugin no longer asked for
    with pytest.raises(LocalNeo4jError, match="Neo4j exited with code"):
        LocalNeo4j(home, free_port(), free_port(), pagecache="lots", plugins=(plugin,)).start()
    assert sorted(p.name for p in (home / "plugins").iterdir()) == ["plugin-1.0.jar"]
    assert compiled_launcher(LIB_DIR, (plugin,))[1].endswith(f"{LIB_DIR}/*{os.pathsep}{plugin}")


def test_a_failed_start_shows_the_jvm_log(tmp_path: Path) -> None:
    with pytest.raises(LocalNeo4jError) as error:
        LocalNeo4j(tmp_path, free_port(), free_port(), pagecache="lots").start()
    assert "Neo4j exited with code" in str(error.value)
    assert "lots" in str(error.value)  # the JVM's own complaint about the bad size, from its log


def test_an_unknown_neo4j_setting_stops_the_start_naming_it(tmp_path: Path) -> None:
    """Settings go to Neo4j as written, checked by its strict validation: a typo is never ignored."""
    with pytest.raises(LocalNeo4jError) as error:
        LocalNeo4j(tmp_path, free_port(), free_port(), heap="512m", pagecache="64m", garbage_collector="SerialGC",
                   neo4j_settings={"dbms.cypher.min_replan_intervall": "1h"}).start()
    assert "No declared setting with name: dbms.cypher.min_replan_intervall" in str(error.value)
    assert (tmp_path / "launcher.settings").read_text() == "dbms.cypher.min_replan_intervall=1h\n"


CHILD = """
import sys, time
from pathlib import Path
from graph.local_neo4j import Companion, LocalNeo4j, free_port
home = Path(sys.argv[1])
companion = Companion(home / "companion", free_port(), free_port())
neo4j = LocalNeo4j(home / "host", free_port(), free_port(), heap="512m", pagecache="64m", companions=(companion,)).start()
print(neo4j.process.pid, neo4j.uri, companion.uri, companion.browser_url, flush=True)
time.sleep(600)
"""


def test_the_jvm_dies_with_a_killed_parent_and_hosts_each_dbms_apart(tmp_path: Path) -> None:
    """The JVM of make test's workers (tests/session_neo4j.py) hosts a DBMS per worker: each with its
    own store and Browser; all end with the process that started them, however it ends."""
    parent = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path)], cwd=PROJECT_ROOT,
                              stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert parent.stdout is not None
    pid, host, companion, companion_browser = parent.stdout.readline().split()
    java_pid = int(pid)
    try:
        assert running(java_pid)
        with neo4j.GraphDatabase.driver(host) as first, neo4j.GraphDatabase.driver(companion) as second:
            first.execute_query("CREATE (:Marker {at: 'host'})")
            assert second.execute_query("MATCH (m:Marker) RETURN count(m) AS n").records[0]["n"] == 0
        # The companion's Browser connects to the companion's Bolt, not the host's.
        browser = urllib.parse.urlsplit(companion_browser)
        redirect = http.client.HTTPConnection(browser.hostname or "", browser.port, timeout=10)
        redirect.request("GET", "/", headers={"Accept": "text/html"})  # as a browser asks (else: JSON discovery)
        assert f"dbms=bolt://127.0.0.1:{companion.rpartition(':')[2]}&" in redirect.getresponse().getheader("Location", "")
        redirect.close()
    finally:
        parent.send_signal(signal.SIGKILL)  # no atexit, no finally: only the closed stdin pipe remains
        parent.wait()
        parent.stdout.close()
    deadline = time.monotonic() + 60
    while running(java_pid) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not running(java_pid), f"JVM {java_pid} outlived its parent"
