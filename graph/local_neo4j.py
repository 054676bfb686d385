"""Provisions and supervises the local Neo4j Community 5.26 used when no NEO4J_URI is given.

Maven copies the jars named in graph/neo4j/pom.xml into .cache/neo4j/lib once; the JVM
runs graph/neo4j/LocalNeo4j.java as our child process, compiled once into .cache/neo4j/launcher
(a source launch would compile it again on every start: seconds of CPU on two cores). The
child exits when its stdin closes, so it dies with us however we end.

Every start passes the whole configuration afresh (nothing is kept from an earlier start), so a
data directory from an older version starts with today's settings, Bolt TLS included. Bolt
accepts plain and TLS connections; the certificate is made once under
<data_dir>/certificates/bolt (graph/certificates.py) and its CA is `ca_file`.

Neo4j Browser is ready for relationship managers: `browser_url` (the HTTP root) redirects to
Browser with the connect URL and no authentication preselected, and Browser connects by itself;
`browser_commands` (built by gateway/browser_assets.py: the gateway's style sheet and guide)
run once it is connected.

`start()` waits for Bolt; `launch()` and `poll_ready()` are its two halves, for a caller that
waits without blocking (graph/supervisor.py restarts a child that died).
"""

from __future__ import annotations

import atexit
import fcntl
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from gateway.settings import PROJECT_ROOT, Settings
from graph import class_archive
from graph.certificates import BoltCertificates, ensure_bolt_certificates
from graph.progress import phase

NEO4J_DIR = PROJECT_ROOT / "graph" / "neo4j"
LIB_DIR = PROJECT_ROOT / ".cache" / "neo4j" / "lib"
POM = NEO4J_DIR / "pom.xml"
LAUNCHER = NEO4J_DIR / "LocalNeo4j.java"
CLASS_ARCHIVES = LIB_DIR.parent / "class-data"  # graph/class_archive.py: about 100 MB each


INSTALL_JAVA = "install a JDK 17+ (e.g. apt install openjdk-17-jdk-headless)"


class LocalNeo4jError(RuntimeError):
    """The local Neo4j could not be provisioned or started; the message says what to do."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_in_use(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def require_tool(name: str, install_hint: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise LocalNeo4jError(f"{name} not found on PATH: {install_hint}, or set NEO4J_URI to use your own Neo4j")
    return path


def provision_jars(lib_dir: Path = LIB_DIR) -> Path:
    """Copy the Neo4j jars from Maven Central into lib_dir unless a previous run did; one process at a
    time (e.g. make test's two workers on a fresh clone), the others wait and find them there."""
    stamp = lib_dir / ".provisioned"
    if stamp.is_file() and stamp.read_text() == POM.read_text():
        return lib_dir
    lib_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(lib_dir.parent / ".provisioning.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp.is_file() and stamp.read_text() == POM.read_text():
            return lib_dir  # another process fetched them while this one waited
        return _fetch_jars(lib_dir, stamp)


def _fetch_jars(lib_dir: Path, stamp: Path) -> Path:
    mvn = require_tool("mvn", "install Maven 3.8+ (e.g. apt install maven)")
    require_tool("java", INSTALL_JAVA)
    if lib_dir.exists():
        shutil.rmtree(lib_dir)  # a stale or half-copied set must not mix with the new one
    command = [mvn, "-B", "-f", str(POM), f"-Dlib.dir={lib_dir}", "dependency:copy-dependencies"]
    output: list[str] = []
    with tqdm(desc="Fetching the Neo4j jars from Maven Central (once, about 165 MB)", unit="B", unit_scale=True,
              file=sys.stderr, mininterval=1.0) as bar:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as maven:
            assert maven.stdout is not None
            for line in maven.stdout:  # what Maven downloads, one line a file
                output.append(line.rstrip())
                bar.update(_downloaded_bytes(line))
    if maven.returncode != 0:
        tail = "\n".join(output[-15:])
        raise LocalNeo4jError(f"Maven could not fetch the Neo4j jars (check network access to Maven Central):\n{tail}")
    stamp.write_text(POM.read_text())
    return lib_dir


_DOWNLOADED = re.compile(r"Downloaded from \S+: \S+ \(([\d.,]+) (B|kB|MB|GB)")
_UNIT = {"B": 1, "kB": 1000, "MB": 1000**2, "GB": 1000**3}


def compiled_launcher(lib_dir: Path, extra_jars: tuple[Path, ...] = ()) -> list[str]:
    """The java arguments that run LocalNeo4j.java: its class, compiled once per version of the
    source into a jar next to lib_dir (a jar, not a folder: the class-data archive maps jars only);
    the source itself (compiled in memory at each start) without javac. `extra_jars` go on the
    class path after Neo4j's own."""
    extra = "".join(f"{os.pathsep}{jar}" for jar in extra_jars)
    javac = shutil.which("javac")
    if javac is None:
        return ["-cp", f"{lib_dir}/*{extra}", str(LAUNCHER)]
    source = LAUNCHER.read_bytes()
    jar = lib_dir.parent / "launcher" / f"{hashlib.sha256(source).hexdigest()[:16]}.jar"
    if not jar.is_file():
        jar.parent.mkdir(parents=True, exist_ok=True)
        # Built aside and renamed into place: two processes starting at once never see half a jar.
        with tempfile.TemporaryDirectory(dir=jar.parent) as scratch:
            done = subprocess.run([javac, "-nowarn", "-cp", f"{lib_dir}/*", "-d", scratch, str(LAUNCHER)],
                                  capture_output=True, text=True)
            if done.returncode != 0:
                raise LocalNeo4jError(f"javac could not compile {LAUNCHER}:\n{done.stderr[-2000:]}")
            building = Path(scratch) / jar.name
            with zipfile.ZipFile(building, "w") as archive:
                for compiled in sorted(Path(scratch).glob("*.class")):
                    archive.write(compiled, compiled.name)
            os.replace(building, jar)
    return ["-cp", f"{jar}{os.pathsep}{lib_dir}/*{extra}", "LocalNeo4j"]


def _class_archive(directory: Path, java: str, launcher: list[str]) -> Path | None:
    """Not for a source launch (no javac): its class is compiled anew at each start."""
    if launcher[-1] != "LocalNeo4j":
        return None
    return class_archive.archive_path(directory, java, launcher[1].split(os.pathsep))


def _downloaded_bytes(line: str) -> int:
    """The size of the file a Maven line says it downloaded, else 0."""
    found = _DOWNLOADED.search(line)
    return int(float(found.group(1).replace(",", "")) * _UNIT[found.group(2)]) if found else 0


@dataclass(frozen=True)
class Companion:
    """Another DBMS in the same JVM (LocalNeo4j.java's `--and`), with a store, ports and Browser
    commands of its own; memory, settings and JVM options are its host's. The test suite's workers
    each get one and share one JVM's start, classes and compiled code."""

    data_dir: Path
    bolt_port: int
    http_port: int
    browser_commands: str = ""

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/"


class LocalNeo4j:
    """One local Neo4j process: `start()` returns once Bolt answers, `stop()` ends it."""

    def __init__(
        self,
        data_dir: Path,
        bolt_port: int = 7687,
        http_port: int = 7474,
        heap: str = "1g",
        pagecache: str = "512m",
        start_timeout: float = 120.0,
        browser_commands: str = "",
        jvm_options: tuple[str, ...] = (),
        plugins: tuple[Path, ...] = (),
        garbage_collector: str = "G1GC",
        neo4j_settings: Mapping[str, str] | None = None,
        class_archives: Path = CLASS_ARCHIVES,
        write_class_archive: bool = False,
        companions: tuple[Companion, ...] = (),
    ) -> None:
        self.data_dir = Path(data_dir)
        self.bolt_port = bolt_port
        self.http_port = http_port
        self.heap = heap
        self.pagecache = pagecache
        self.start_timeout = start_timeout
        self.browser_commands = browser_commands
        self.jvm_options = jvm_options  # e.g. bench/cold_planning_bench.py's compiler choices
        # Plugin jars (e.g. APOC for a benchmark): embedded Neo4j loads procedures from <data_dir>/plugins,
        # but the extensions they inject from the class path only, so they go in both.
        self.plugins = plugins
        self.garbage_collector = garbage_collector  # -XX:+Use<this>: G1GC, SerialGC, ...
        # Neo4j settings beyond the launcher's own (name -> value), e.g. the test suite's planner choices.
        self.neo4j_settings = dict(neo4j_settings or {})
        # Where the class-data archive is (graph/class_archive.py): mapped when there, written as the
        # JVM stops when not and `write_class_archive` (make run's: about 10 s more, once). Writing is
        # not the default: a test suite's many short-lived JVMs would each pay it.
        self.class_archives = class_archives
        self.write_class_archive = write_class_archive
        self.companions = companions
        self.process: subprocess.Popen[bytes] | None = None
        self._stop_at_exit = False
        # The class-data archive this JVM maps, or writes to `_archive_writing` as it exits.
        self._archive: Path | None = None
        self._archive_writing: Path | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def certificates(self) -> BoltCertificates:
        return BoltCertificates(self.data_dir / "certificates" / "bolt")

    @property
    def ca_file(self) -> Path:
        return self.certificates.ca_file

    @property
    def browser_url(self) -> str:
        """The one address to open: it redirects to Browser, which then connects by itself."""
        return f"http://127.0.0.1:{self.http_port}/"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "launcher.log"

    @property
    def previous_log_path(self) -> Path:
        return self.data_dir / "launcher.previous.log"

    def start(self) -> LocalNeo4j:
        self.launch()
        self._wait_for_bolt()
        return self

    def launch(self) -> None:
        """Start the JVM and return at once; `poll_ready()` says when Bolt answers."""
        self._reap()
        if self.process is not None:
            raise LocalNeo4jError(f"the local Neo4j (pid {self.process.pid}) is still running")
        java = require_tool("java", INSTALL_JAVA)
        lib_dir = provision_jars()
        for port in (self.bolt_port, self.http_port, *(p for c in self.companions for p in (c.bolt_port, c.http_port))):
            if port_in_use(port):
                raise LocalNeo4jError(
                    f"port {port} on 127.0.0.1 is taken (another Neo4j or `make run`?): stop it, "
                    "or choose other ports with LOCAL_NEO4J_BOLT_PORT / LOCAL_NEO4J_HTTP_PORT"
                )
        self.data_dir.mkdir(parents=True, exist_ok=True)
        certificates = ensure_bolt_certificates(self.certificates.base_directory)
        self._install_plugins()
        settings = self._settings_file()
        if self.log_path.is_file() and self.log_path.stat().st_size:
            self.log_path.replace(self.previous_log_path)  # a crashed run's last words, kept for a look
        launcher = compiled_launcher(lib_dir, self.plugins)
        command = [
            java, f"-Xmx{self.heap}", f"-XX:+Use{self.garbage_collector}", *self._class_archive_options(java, launcher),
            *self.jvm_options, *launcher,
            str(self.data_dir), str(self.bolt_port), str(self.http_port), self.pagecache,
            str(certificates.base_directory), self.browser_commands, *settings,
            *(argument for companion in self.companions for argument in self._companion_arguments(companion, settings)),
        ]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches us; we stop the JVM in order
            )
        if not self._stop_at_exit:
            atexit.register(self.stop)
            self._stop_at_exit = True

    def _class_archive_options(self, java: str, launcher: list[str]) -> list[str]:
        """Map the class-data archive of this class path, or write it at exit when there is none yet
        and this start may (graph/class_archive.py)."""
        self._archive = _class_archive(self.class_archives, java, launcher)
        self._archive_writing = None
        if self._archive is None or not (self._archive.is_file() or self.write_class_archive):
            return []
        self._archive_writing = class_archive.writing_path(self._archive)
        return class_archive.jvm_options(self._archive, self._archive_writing)

    def class_archive(self) -> Path | None:
        """The class-data archive a start would map (it may not exist yet); None for a source launch."""
        java = require_tool("java", INSTALL_JAVA)
        return _class_archive(self.class_archives, java, compiled_launcher(provision_jars(), self.plugins))

    def writes_class_archive(self) -> bool:
        """Whether the running JVM writes the class-data archive as it stops (about 9 s, once)."""
        return self._archive_writing is not None and self._archive is not None and not self._archive.is_file()

    def _ended(self, process: subprocess.Popen[bytes]) -> None:
        if self._archive is not None and self._archive_writing is not None:
            class_archive.keep(self._archive_writing, self._archive, process.returncode)

    def _companion_arguments(self, companion: Companion, settings: list[str]) -> list[str]:
        companion.data_dir.mkdir(parents=True, exist_ok=True)
        certificates = ensure_bolt_certificates(companion.data_dir / "certificates" / "bolt")
        return ["--and", str(companion.data_dir), str(companion.bolt_port), str(companion.http_port), self.pagecache,
                str(certificates.base_directory), companion.browser_commands, *settings]

    def _settings_file(self) -> list[str]:
        """The launcher's settings-file argument: `neo4j_settings` written afresh at each start, so
        a data directory never keeps an older start's choices; none when there are none."""
        if not self.neo4j_settings:
            return []
        path = self.data_dir / "launcher.settings"
        path.write_text("".join(f"{name}={value}\n" for name, value in sorted(self.neo4j_settings.items())))
        return [str(path)]

    def _install_plugins(self) -> None:
        """Given plugins, <data_dir>/plugins holds exactly them; without, the folder is left as it is
        (jars someone put there by hand stay)."""
        if not self.plugins:
            return
        folder = self.data_dir / "plugins"
        wanted = {jar.name: jar for jar in self.plugins}
        for old in folder.glob("*.jar"):
            if old.name not in wanted:
                old.unlink()
        folder.mkdir(exist_ok=True)
        for name, jar in wanted.items():
            if not (folder / name).is_file():
                shutil.copyfile(jar, folder / name)

    def exit_code(self) -> int | None:
        """The JVM's exit status once it has ended (negative: the signal that killed it), else None."""
        return None if self.process is None else self.process.poll()

    def poll_ready(self) -> bool:
        """Whether the launched JVM serves Bolt; raises (and cleans up) if it exited while starting."""
        assert self.process is not None, "launch() first"
        if self.process.poll() is not None:
            code = self.process.returncode
            self.stop()
            raise LocalNeo4jError(f"Neo4j exited with code {code} while starting:\n{self.log_tail()}")
        return "READY" in self._log_text() and all(
            port_in_use(port) for port in (self.bolt_port, *(c.bolt_port for c in self.companions)))

    def startup_timed_out(self) -> LocalNeo4jError:
        """Stop a JVM that took longer than `start_timeout` to open Bolt; the error to raise."""
        self.stop()
        return LocalNeo4jError(f"Neo4j did not open Bolt on port {self.bolt_port} within {self.start_timeout:.0f}s:\n"
                               f"{self.log_tail()}")

    def _wait_for_bolt(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.poll_ready():
                return
            time.sleep(0.25)
        raise self.startup_timed_out()

    def _reap(self) -> None:
        """Forget a JVM that has exited (killed, crashed), closing the pipe we held to it."""
        if self.process is not None and self.process.poll() is not None:
            process, self.process = self.process, None
            if process.stdin is not None:
                process.stdin.close()
            self._ended(process)

    def stop(self, timeout: float = 60.0) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        try:
            assert process.stdin is not None
            process.stdin.close()  # the launcher shuts Neo4j down cleanly on EOF
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 15)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()
        self._ended(process)

    def log_tail(self, lines: int = 25) -> str:
        return "\n".join(self._log_text().splitlines()[-lines:])

    def _log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def __enter__(self) -> LocalNeo4j:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def running_local_neo4j(settings: Settings, browser_commands: str = "") -> Iterator[LocalNeo4j]:
    """The local Neo4j of `settings` (ports, data directory, memory) while the block runs, saying what
    it does meanwhile: the jars' download the first time, then the JVM's start (10-60 s).
    `browser_commands`: what Browser runs once connected (see LocalNeo4j)."""
    provision_jars()
    local = LocalNeo4j(settings.local_data_dir, settings.local_bolt_port, settings.local_http_port,
                       settings.local_heap, settings.local_pagecache, browser_commands=browser_commands,
                       write_class_archive=True)
    with phase(f"Starting the local Neo4j 5.26 (data in {settings.local_data_dir})"):
        local.start()
    try:
        yield local
    finally:
        stop_saying_so(local)


def stop_saying_so(local: LocalNeo4j) -> None:
    """Stop `local`; when it writes the class-data archive as it exits (the first clean stop, about
    9 s), say so rather than sit silent."""
    if not local.writes_class_archive():
        local.stop()
        return
    with phase("Stopping the local Neo4j and saving its classes for faster starts (once, about 10 s)"):
        local.stop()
