"""What a long start-up step shows while it runs, so that a first `make run` never sits silent.

A `Phase("Starting the local Neo4j")` prints the step when it starts, then, every TICK seconds
while it runs, how long it has taken so far (in place on a terminal; in a log, a line every
LOG_TICK seconds),
and how long it took when it ends. `phase(...)` is the same as a `with` block. Steps that count
something (bytes fetched, customers loaded) use tqdm instead.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

TICK = 2.0  # on a terminal, in place
LOG_TICK = 10.0  # in a log, a line each time


class Phase:
    def __init__(self, what: str, stream: TextIO | None = None, tick: float | None = None) -> None:
        self.what = what
        self.out = stream or sys.stderr
        self.live = self.out.isatty()
        self.tick = tick or (TICK if self.live else LOG_TICK)
        self.began = 0.0
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.began = time.monotonic()
        self.out.write(f"{self.what}..." + ("" if self.live else "\n"))
        self.out.flush()
        self._thread = threading.Thread(target=self._tick, name=f"progress: {self.what}", daemon=True)
        self._thread.start()

    def end(self, outcome: str = "done") -> None:
        if self._thread is None or self._done.is_set():
            return
        self._done.set()
        self._thread.join()
        self._show(f" {outcome}\n" if self.live else f" ({outcome})")

    def _tick(self) -> None:
        while not self._done.wait(self.tick):
            self._show("")

    def _show(self, ending: str) -> None:
        line = f"{self.what}... {time.monotonic() - self.began:.0f}s{ending}"
        self.out.write(f"\r{line}" if self.live else f"{line}\n")
        self.out.flush()


@contextmanager
def phase(what: str, stream: TextIO | None = None, tick: float | None = None) -> Iterator[None]:
    shown = Phase(what, stream, tick)
    shown.start()
    try:
        yield
    except BaseException:
        shown.end("failed")
        raise
    shown.end()
