"""Seeded random helpers shared by the generator's modules.

All randomness flows through a `random.Random` handed in by the caller, and every instant
is measured back from a fixed reference instant, so the same seed gives the same bank.
"""

from __future__ import annotations

import random
from bisect import bisect
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """Draws keys of a {key: weight} table; cumulative weights are computed once."""

    def __init__(self, table: dict[T, int] | dict[T, float]) -> None:
        self.keys = list(table)
        self.cumulative = list(accumulate(float(w) for w in table.values()))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> T:
        return self.keys[bisect(self.cumulative, rng.random() * self.total)]


def chance(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability


def instant_between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A whole-second instant in [start, end]; an empty range (end before start) yields start."""
    seconds = int((end - start).total_seconds())
    return start if seconds <= 0 else start + timedelta(seconds=rng.randint(0, seconds))


def days_before(rng: random.Random, reference: datetime, low: float, high: float) -> datetime:
    """A whole-second instant between `high` and `low` days before the reference."""
    return instant_between(rng, reference - timedelta(days=high), reference - timedelta(days=low))


def date_between(rng: random.Random, start: date, end: date) -> date:
    days = (end - start).days
    return end if days <= 0 else start + timedelta(days=rng.randint(0, days))


def start_of(day: date, reference: datetime) -> datetime:
    """Midnight of `day` in the reference instant's time zone."""
    return datetime(day.year, day.month, day.day, tzinfo=reference.tzinfo)
