"""Where `make test`'s CPU goes: the suite run as `make test` runs it, with every process's CPU time
sampled from /proc, per program (java, python, chromium ...) and, inside the Neo4j JVMs, per kind of
thread (the JIT's C1 and C2 compilers, Bolt workers running statements, the rest).

On two saturated cores the suite's time is its CPU over two, so this says what a change saves.

    make bench-suite-cpu                      # the whole suite, two workers
    make bench-suite-cpu ARGS="tests/gateway" # a part of it
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout without installing

from harness import process_stat


def _thread_kind(name: str) -> str:
    if name.startswith(("C1 ", "C2 ")):
        return f"{name[:2]} compiler"
    if "BoltWorke" in name:
        return "Bolt workers (statements)"
    return "other threads"


class Sampler:
    """The last CPU time seen of every process descending from `root` (pytest, its workers, their Neo4j
    JVMs and browsers; not the rest of the machine), and of every thread of those JVMs."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.processes: dict[int, tuple[str, float]] = {}
        self.threads: dict[tuple[int, str], tuple[str, float]] = {}
        self.stop = threading.Event()

    def sample(self) -> None:
        seen = {int(pid): stat for pid in os.listdir("/proc") if pid.isdigit()
                if (stat := process_stat(Path("/proc", pid, "stat"))) is not None}
        for pid, (name, seconds, _) in seen.items():
            if not self._descends(pid, seen):
                continue
            self.processes[pid] = (name, seconds)
            if name == "java":
                for tid in os.listdir(f"/proc/{pid}/task") if Path(f"/proc/{pid}/task").is_dir() else ():
                    thread = process_stat(Path("/proc", str(pid), "task", tid, "stat"))
                    if thread is not None:
                        self.threads[(pid, tid)] = (_thread_kind(thread[0]), thread[1])

    def _descends(self, pid: int, seen: dict[int, tuple[str, float, int]]) -> bool:
        while pid > 1:
            if pid == self.root:
                return True
            pid = seen[pid][2] if pid in seen else 0
        return False

    def run(self) -> None:
        while not self.stop.wait(1.0):
            self.sample()


def main() -> int:
    # Its arguments go to pytest as they are (default: the suite with make test's two workers).
    if {"-h", "--help"} & set(sys.argv[1:]):
        print(__doc__)
        return 0
    command = [sys.executable, "-m", "pytest", "-q", *(sys.argv[1:] or ["-n", "2", "--dist", "loadscope"])]
    print("running:", " ".join(command), flush=True)
    started = time.monotonic()
    suite = subprocess.Popen(command)
    sampler = Sampler(suite.pid)
    watcher = threading.Thread(target=sampler.run, daemon=True)
    watcher.start()
    returncode = suite.wait()
    wall = time.monotonic() - started
    sampler.stop.set()
    watcher.join()

    programs: defaultdict[str, float] = defaultdict(float)
    for name, seconds in sampler.processes.values():
        programs[re.sub(r"\d+", "#", name)] += seconds
    jvm: defaultdict[str, float] = defaultdict(float)
    for kind, seconds in sampler.threads.values():
        jvm[kind] += seconds
    total = sum(programs.values())
    print(f"\nwall {wall:.0f} s; the suite's CPU {total:.0f} s on {os.cpu_count()} cores (sampled each second:"
          " a process that lives under a second is missed)")
    for name, seconds in sorted(programs.items(), key=lambda item: -item[1])[:6]:
        print(f"  {seconds:7.0f} s  {seconds / total:4.0%}  {name}")
    print("inside the Neo4j JVMs:")
    for kind, seconds in sorted(jvm.items(), key=lambda item: -item[1]):
        print(f"  {seconds:7.0f} s  {seconds / total:4.0%}  {kind}")
    return returncode


if __name__ == "__main__":
    sys.exit(main())
