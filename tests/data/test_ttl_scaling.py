"""TTLCache per-operation work does not grow with size (O(log n) amortised).

Work is counted, not timed: every heap record and every clock reading carries an
expiry stamp whose comparisons are counted, so the heap pushes, pops, purges and
compactions are all in the count. `bench/data.py` times the same workload
("churn") and holds its wall-clock growth budget.
"""

from __future__ import annotations

import math
import random
from typing import Any

from polepos.data import TTLCache

OPS = 3_000


class Counter:
    """How many times any expiry stamp was compared."""

    def __init__(self) -> None:
        self.comparisons = 0


def stamp_type(counter: Counter) -> type[float]:
    """A float whose comparisons are counted and whose sums stay stamps."""

    class Stamp(float):
        def __add__(self, other: Any) -> Stamp:
            return Stamp(float(self) + other)

        def _count(self) -> None:
            counter.comparisons += 1

        def __lt__(self, other: Any) -> bool:
            self._count()
            return float(self) < other

        def __le__(self, other: Any) -> bool:
            self._count()
            return float(self) <= other

        def __gt__(self, other: Any) -> bool:
            self._count()
            return float(self) > other

        def __ge__(self, other: Any) -> bool:
            self._count()
            return float(self) >= other

        def __eq__(self, other: object) -> bool:
            self._count()
            return float(self) == other

        __hash__ = float.__hash__

    return Stamp


class Workload:
    """A cache held at a steady `size` live entries under constant expiry churn."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.counter = Counter()
        self.stamp = stamp_type(self.counter)
        self.now = self.stamp(0.0)
        # One new key per time unit and ttl == size: after the fill every insert
        # expires about one entry, so the heap pop path runs on every operation.
        self.cache: TTLCache[int, int] = TTLCache(
            float(size), max_size=size, timer=self._timer
        )
        self.next_key = 0
        for _ in range(size):
            self._insert()
        rng = random.Random(size)
        self.offsets = [rng.randrange(1, size) for _ in range(OPS)]

    def _timer(self) -> float:
        return self.now

    def _insert(self) -> None:
        self.now = self.stamp(self.now + 1.0)
        self.cache[self.next_key] = self.next_key
        self.next_key += 1

    def run(self) -> float:
        """OPS rounds of insert + hit + re-set of a live key; comparisons per op."""
        cache = self.cache
        self.counter.comparisons = 0
        for offset in self.offsets:
            self._insert()
            key = self.next_key - offset
            cache.get(key)
            cache[key] = key  # a fresh expiry: leaves a stale heap record behind
        return self.counter.comparisons / (3 * OPS)


def test_comparisons_per_operation_grow_logarithmically_with_size() -> None:
    small, large = Workload(1_000), Workload(100_000)
    per_op_small, per_op_large = small.run(), large.run()

    assert len(small.cache) == 1_000
    assert len(large.cache) <= 100_000
    # Expiry really happened: more keys were inserted than are held.
    assert small.next_key > small.size + OPS - 1
    # The heap stays bounded, so the count is not of an ever-growing heap.
    assert len(large.cache._heap) <= 2 * 100_000 + 33
    # The heap really is exercised: a push alone compares up to log2(n) times.
    assert per_op_small > 1
    # O(log n): 100x the entries costs log(100k)/log(1k) = 1.67x the comparisons
    # (a linear scan would cost 100x); allow for the amortised compactions.
    growth = per_op_large / per_op_small
    assert growth < 2.5, (per_op_small, per_op_large)
    assert per_op_large < 4 * math.log2(100_000), per_op_large
