"""graph/lru.py: the one bounded cache behind parsed documents, compiled reads, persisted queries and the
statements planned again after an outage."""

from graph.lru import Lru


def test_the_least_recently_used_entry_goes_first_and_a_read_counts_as_use() -> None:
    cache: Lru[str, int] = Lru(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache["a"] == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert "b" not in cache and cache.get("b") is None
    assert list(cache.items()) == [("a", 1), ("c", 3)]
    assert list(cache.newest_first()) == [("c", 3), ("a", 1)]
    cache.put("a", 10)  # writing again refreshes both value and recency
    cache.put("d", 4)
    assert list(cache) == ["a", "d"] and len(cache) == 2


def test_a_size_of_zero_keeps_nothing() -> None:
    cache: Lru[str, int] = Lru(0)
    cache.put("a", 1)
    assert len(cache) == 0 and cache.get("a") is None
