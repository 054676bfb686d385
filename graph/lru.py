"""A bounded map that drops its least recently used entry first: the one cache shape the gateway uses
(parsed documents, compiled reads, persisted queries, the statements to plan again after a restart),
so a client sending endless distinct keys cannot grow any of them without limit."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Lru(Generic[K, V]):
    """At most `size` entries (0: none kept); reading or writing an entry makes it the most recent."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[K, V] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __getitem__(self, key: K) -> V:
        value = self._entries[key]
        self._entries.move_to_end(key)
        return value

    def get(self, key: K) -> V | None:
        return self[key] if key in self._entries else None

    def put(self, key: K, value: V) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def __iter__(self) -> Iterator[K]:
        return iter(self._entries)

    def items(self) -> Iterator[tuple[K, V]]:
        """Oldest first."""
        return iter(self._entries.items())

    def newest_first(self) -> Iterator[tuple[K, V]]:
        return reversed(list(self._entries.items()))

    def clear(self) -> None:
        self._entries.clear()
