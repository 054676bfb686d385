"""What every benchmark shares: where its Neo4j comes from, latency percentiles, and a process's CPU.

With NEO4J_URI a benchmark uses that database and wipes it only when BENCH_MAY_WIPE=yes.
Without it, it runs its own local Neo4j under .cache/neo4j/<name>, keeping its data between
runs: a stamp file says which data the directory holds, so a rerun with the same arguments
skips loading and one with other arguments reloads.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from gateway.settings import PROJECT_ROOT, Settings
from graph.local_neo4j import LocalNeo4j, free_port

T = TypeVar("T")
# run(settings, may_wipe, fresh): fresh asks for the data to be loaded anew.
Run = Callable[[Settings, bool, bool], Coroutine[Any, Any, T]]


class BenchError(RuntimeError):
    """The benchmark cannot run on this database; the message says why."""


def percentile(seconds: list[float], p: int) -> float:
    return statistics.quantiles(seconds, n=100, method="inclusive")[p - 1]


def process_stat(path: Path) -> tuple[str, float, int] | None:
    """A /proc stat file's (a process's or a thread's) command name, CPU seconds so far (user plus
    system) and parent's pid; None once it has gone."""
    try:
        text = path.read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    seconds = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return text[text.index("(") + 1:text.rindex(")")], seconds, int(fields[1])


def cpu_seconds(pid: int) -> float:
    """A running process's CPU seconds so far (user plus system)."""
    stat = process_stat(Path(f"/proc/{pid}/stat"))
    if stat is None:
        raise BenchError(f"process {pid} has ended")
    return stat[1]


def in_neo4j(name: str, wanted: dict[str, Any], heap: str, pagecache: str, run: Run[T],
             plugins: tuple[Path, ...] = ()) -> T:
    """`run` against NEO4J_URI, or else against the benchmark's own local Neo4j (with `plugins`, jars
    such as APOC's: see LocalNeo4j)."""
    settings = Settings.from_env()
    if settings.neo4j_uri:
        return asyncio.run(run(settings, os.environ.get("BENCH_MAY_WIPE") == "yes", False))
    data_dir = PROJECT_ROOT / ".cache" / "neo4j" / name
    stamp_file = data_dir / f"{name}.json"
    same_data = stamp_file.is_file() and json.loads(stamp_file.read_text()) == wanted
    started = time.perf_counter()
    with LocalNeo4j(data_dir, free_port(), free_port(), heap=heap, pagecache=pagecache, plugins=plugins) as local:
        print(f"Neo4j up at {local.uri} in {time.perf_counter() - started:.0f}s (data in {data_dir})", file=sys.stderr)
        if not same_data:
            stamp_file.unlink(missing_ok=True)  # an interrupted load must not pass for complete data
        result = asyncio.run(run(settings.with_neo4j(local.uri), True, not same_data))
        stamp_file.write_text(json.dumps(wanted))
    return result
