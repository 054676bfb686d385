"""One real Neo4j for the whole test session, found in the order the README gives.

1. NEO4J_URI (tests wipe the graph, so this also needs GATEWAY_TESTS_MAY_WIPE=yes; one pytest
   process only, not pytest-xdist's workers);
2. testcontainers' neo4j:5.26 when a Docker engine answers;
3. the project's local Neo4j Community on free ports in a throwaway directory.

`make test` runs two pytest-xdist workers: one runs the tests of OWN_NEO4J (below: they start, kill and
restart Neo4j JVMs of their own) and a few long ones (BESIDE_OWN_NEO4J), the other at the same time
every other test. Each worker has a session DBMS of its own, both in one JVM, which pytest-xdist's
controller starts (tests/session_neo4j.py).

If none can start, the session fails with the reason; no test is ever skipped for it.
"""

from __future__ import annotations

import gc
import os
import shutil
import socket
import tempfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, LiteralString

import pytest
from xdist.scheduler import LoadScopeScheduling

from gateway.settings import Settings
from graph.constraints import apply_schema
from graph.database import Database, connect
from graph.local_neo4j import LocalNeo4jError
from graph.seed import wipe_graph
from tests import session_neo4j
from tests.support import CANCELLED_CONNECT_SOCKETS, NEO4J_TEST_JVM_OPTIONS


def pytest_configure(config: pytest.Config) -> None:
    # For every test: the warning surfaces whenever the garbage collector gets to the socket.
    config.addinivalue_line("filterwarnings", CANCELLED_CONNECT_SOCKETS)
    temporary_files_in_memory()
    refuse_parallel_workers_on_one_database(config)
    workers = session_neo4j.controller_workers(config)
    if workers and not Settings.from_env().neo4j_uri and not _docker_answers():
        try:
            config.stash[session_neo4j.WORKERS] = launch_local_neo4j(workers)
        except LocalNeo4jError as error:  # its message says what to do; no traceback before it
            pytest.exit(f"the tests' Neo4j cannot start: {error}", returncode=3)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist's controller, for each worker: the address of its DBMS in the session's JVM."""
    shared = node.config.stash.get(session_neo4j.WORKERS, None)
    dbms = shared.for_worker(node.gateway.id) if shared is not None else None
    if dbms is not None:
        node.workerinput["session_dbms"] = asdict(dbms)


def pytest_unconfigure(config: pytest.Config) -> None:
    shared = config.stash.get(session_neo4j.WORKERS, None)
    if shared is not None:
        shared.stop()


# The tests' Neo4j stores are thrown away after the run, yet every write transaction waits for its
# log to reach the disk (an fsync: about 6 ms on this machine's disk). In memory it costs nothing:
# the write-heavy tests (queue order, concurrency, audit) ran 10-20% faster.
SHARED_MEMORY = Path("/dev/shm")


def temporary_files_in_memory() -> None:
    """Temporary files (the session's Neo4j, every tmp_path, the subprocesses' too) in /dev/shm when
    it is there with room to spare, unless TMPDIR already says where they go."""
    if "TMPDIR" in os.environ or not SHARED_MEMORY.is_dir() or not os.access(SHARED_MEMORY, os.W_OK):
        return
    if shutil.disk_usage(SHARED_MEMORY).free < 4 * 2**30:
        return
    os.environ["TMPDIR"] = str(SHARED_MEMORY)
    tempfile.tempdir = None  # gettempdir() looks again


# The tests that start Neo4j JVMs of their own (a JVM start costs 10-60 s here) spend most of their
# time waiting on them, while the other tests leave about a third of the two cores idle. Under
# `--dist loadscope` (make test's two workers) they are one scope (with BESIDE_OWN_NEO4J, below) and
# every other test the other: each has a worker, and the worker of most tests plans and warms most.
OWN_NEO4J = ("tests/test_supervision.py::", "tests/graph/test_local_neo4j.py::",
             "tests/test_unavailable.py::test_gateway_reports_unavailable_and_recovers")


# Long tests on the session's Neo4j that send few distinct statements (bursts, browsers) or statements
# no other test sends: they run beside OWN_NEO4J to even out the two workers (the other's tests summed
# to 837 s against 743 s before the query library joined), on a session Neo4j of that worker's own,
# which plans little. Never with NEO4J_URI: one database, which the other worker wipes.
# tests/gateway/test_hostile_http.py (18-28 s) went back to the other worker: in five runs since the
# shared JVM, this scope's tests summed 42-55 s more than the other's (e.g. 673 against 624 s).
BESIDE_OWN_NEO4J = ("tests/browser/", "tests/resolvers/contact_routing/test_queue_order.py::",
                    "tests/resolvers/contact_routing/test_routing_feed_gateways.py::",
                    "tests/resolvers/contact_routing/test_allocation_concurrency.py::",
                    # Mostly statements of their own (compiled from the documents they generate; the
                    # analysts' query library).
                    "tests/gateway/security/test_book_paths.py::", "tests/resolvers/compiled/test_differential.py::",
                    "tests/test_documented_cypher.py::")


def runs_its_own_neo4j(nodeid: str) -> bool:
    return nodeid.startswith(OWN_NEO4J)


class OwnNeo4jApart(LoadScopeScheduling):
    """Two scopes: the tests of OWN_NEO4J with BESIDE_OWN_NEO4J, and the rest (with the session's Neo4j)."""

    def __init__(self, config: pytest.Config, log: Any = None) -> None:
        super().__init__(config, log)
        self.beside = () if Settings.from_env().neo4j_uri else BESIDE_OWN_NEO4J

    def _split_scope(self, nodeid: str) -> str:
        return "own Neo4j" if runs_its_own_neo4j(nodeid) or nodeid.startswith(self.beside) else "session Neo4j"


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> LoadScopeScheduling | None:
    # pytest-xdist's loadgroup cannot be used: 3.8 renames items through an attribute pytest 9 dropped.
    return OwnNeo4jApart(config, log) if config.getvalue("dist") == "loadscope" else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keeps OWN_NEO4J honest: a test there that asks for the session's Neo4j would start a second one."""
    wrong = [item.nodeid for item in items
             if runs_its_own_neo4j(item.nodeid) and "neo4j_server" in getattr(item, "fixturenames", ())]
    if wrong:
        raise pytest.UsageError(f"tests/conftest.py OWN_NEO4J lists tests that use the session's Neo4j: {wrong}; "
                                "take them out of OWN_NEO4J, or give them a Neo4j of their own")


def refuse_parallel_workers_on_one_database(config: pytest.Config) -> None:
    """NEO4J_URI is one database, which the tests wipe: only one worker may use it (make test's
    scheduling: loadscope, OwnNeo4jApart), not workers that each load their own banks."""
    workers = config.getoption("numprocesses", None) if config.pluginmanager.hasplugin("xdist") else None
    if Settings.from_env().neo4j_uri and workers and config.getvalue("dist") != "loadscope":
        raise pytest.UsageError(f"NEO4J_URI is one database, which parallel test workers cannot share (-n {workers} "
                                f"--dist {config.getvalue('dist')}): run make test, or pytest without -n")


@pytest.fixture(scope="session", autouse=True)
def collect_garbage_in_the_last_test() -> Iterator[None]:
    """Collects what is left before the run ends, while the filter above applies (it does not
    once the session is over)."""
    yield
    gc.collect()


STOP_QUERY_COLLECTION: LiteralString = "CALL db.stats.stop('QUERIES') YIELD success RETURN success"


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    user: str
    password: str
    database: str
    # The project's local Neo4j only: its Browser's address, which loads the style sheet and guide
    # from a gateway on `browser_gateway_port` once connected (tests/browser/test_neo4j_browser.py).
    browser_url: str | None = None
    browser_gateway_port: int | None = None


def _docker_answers() -> bool:
    """Whether a Docker engine answers its /_ping (a client alone is not enough)."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if host.startswith("unix://"):
        family, address = socket.AF_UNIX, host.removeprefix("unix://")
    elif host.startswith("tcp://"):
        name, _, port = host.removeprefix("tcp://").partition(":")
        family, address = socket.AF_INET, (name, int(port or 2375))
    else:
        return False
    try:
        with socket.socket(family, socket.SOCK_STREAM) as conn:
            conn.settimeout(3)
            conn.connect(address)
            conn.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            return b" 200 " in conn.recv(64)
    except OSError:
        return False


@pytest.fixture(scope="session")
def neo4j_server(pytestconfig: pytest.Config) -> Iterator[Neo4jServer]:
    env = Settings.from_env()
    given = session_neo4j.given(pytestconfig)
    if given is not None:  # a worker of make test's: its DBMS in the JVM the controller started
        yield _wait_for(given)
    elif env.neo4j_uri:
        if os.environ.get("GATEWAY_TESTS_MAY_WIPE") != "yes":
            pytest.exit(
                f"NEO4J_URI={env.neo4j_uri} is set and the tests wipe the graph between tests: "
                "set GATEWAY_TESTS_MAY_WIPE=yes if that database is disposable, or unset NEO4J_URI",
                returncode=3,
            )
        yield Neo4jServer(env.neo4j_uri, env.neo4j_user, env.neo4j_password, env.neo4j_database)
    elif _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26") as container:
            yield Neo4jServer(container.get_connection_url(), "neo4j", container.password, "neo4j")
    else:
        local = launch_local_neo4j(1)
        try:
            yield _wait_for(local.dbms[0])
        finally:
            local.stop()


def launch_local_neo4j(processes: int) -> session_neo4j.SessionNeo4j:
    return session_neo4j.launch(processes, NEO4J_TEST_JVM_OPTIONS, TEST_NEO4J_SETTINGS)


def _wait_for(dbms: session_neo4j.SessionDbms) -> Neo4jServer:
    session_neo4j.wait_for(dbms)
    return Neo4jServer(dbms.uri, "neo4j", "", "neo4j", dbms.browser_url, dbms.browser_gateway_port)


# The session Neo4j's choices for a suite that wipes and reloads small graphs all day: a plan is kept
# once made (by default a statement is planned again once the statistics moved, which the wipes do
# every few tests) and the plan cache holds every statement the suite sends (about 1,000 distinct).
# With the serial collector (tests/session_neo4j.py), about 16 % less time and CPU on the Neo4j-heaviest
# modules (the closing note of 2026-12-07 has the runs).
# Results never depend on a plan's choice, so the tests check what production computes.
TEST_NEO4J_SETTINGS = {
    "dbms.cypher.min_replan_interval": "1h",
    "server.memory.query_cache.per_db_cache_num_entries": "5000",
}


@pytest.fixture(scope="session")
def offline_settings() -> Settings:
    """The tests' settings before any Neo4j is named: for the tests that start a Neo4j of their own."""
    return Settings(dev_mode=False, jwt_secret="test-secret-" + "x" * 40,
                    retry_seconds=1.0, dispatch_interval=0)  # tests dispatch by hand, when they mean to


@pytest.fixture(scope="session")
def settings(offline_settings: Settings, neo4j_server: Neo4jServer) -> Settings:
    return replace(offline_settings, neo4j_database=neo4j_server.database).with_neo4j(
        neo4j_server.uri, neo4j_server.user, neo4j_server.password)


@pytest.fixture(scope="session")
async def database(settings: Settings) -> AsyncIterator[Database]:
    db = connect(settings)
    await db.wait_until_reachable(timeout=60)
    await apply_schema(db)
    # Neo4j collects every query's invocations with their parameters from the start (the fuzz tests
    # send 100k-character ones); nothing in the tests reads them, and reading them back after a
    # whole run (cypher/bench/query_statistics.cypher) took 19 s.
    await db.write(STOP_QUERY_COLLECTION)
    yield db
    await db.close()


@pytest.fixture
async def clean_graph(database: Database) -> Database:
    """The session's database with every node and relationship removed."""
    await wipe_graph(database)
    return database
