"""LRUCache: a hypothesis state machine against a dict model, plus edge cases."""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from polepos.data import CacheStats, LRUCache

keys = st.integers(min_value=0, max_value=7)
values = st.integers() | st.none()


class LRUModel(RuleBasedStateMachine):
    """Drive LRUCache and a dict + last-use-tick model with the same operations."""

    def __init__(self) -> None:
        super().__init__()
        self.cache: LRUCache[int, int | None] = LRUCache(1)
        self.model: dict[int, int | None] = {}
        self.last_use: dict[int, int] = {}
        self.tick = 0
        self.hits = self.misses = self.evictions = 0
        self.max_size = 1

    def _use(self, key: int) -> None:
        self.tick += 1
        self.last_use[key] = self.tick

    def _order(self) -> list[int]:
        return sorted(self.model, key=self.last_use.__getitem__)

    def _forget(self, key: int) -> None:
        del self.model[key]
        del self.last_use[key]

    @initialize(max_size=st.integers(min_value=1, max_value=5))
    def create(self, max_size: int) -> None:
        self.cache = LRUCache(max_size)
        self.max_size = max_size

    @rule(key=keys, value=values)
    def set(self, key: int, value: int | None) -> None:
        self.cache[key] = value
        self.model[key] = value
        self._use(key)
        if len(self.model) > self.max_size:
            self._forget(self._order()[0])
            self.evictions += 1

    @rule(key=keys)
    def getitem(self, key: int) -> None:
        if key in self.model:
            assert self.cache[key] == self.model[key]
            self._use(key)
            self.hits += 1
        else:
            with pytest.raises(KeyError):
                self.cache[key]
            self.misses += 1

    @rule(key=keys)
    def get(self, key: int) -> None:
        assert self.cache.get(key, -1) == self.model.get(key, -1)
        if key in self.model:
            self._use(key)
            self.hits += 1
        else:
            self.misses += 1

    @rule(key=keys)
    def peek(self, key: int) -> None:
        assert self.cache.peek(key, -1) == self.model.get(key, -1)

    @rule(key=keys)
    def contains(self, key: int) -> None:
        assert (key in self.cache) == (key in self.model)

    @rule(key=keys)
    def delete(self, key: int) -> None:
        if key in self.model:
            del self.cache[key]
            self._forget(key)
        else:
            with pytest.raises(KeyError):
                del self.cache[key]

    @rule(key=keys)
    def pop(self, key: int) -> None:
        expected = self.model.get(key, -1)
        assert self.cache.pop(key, -1) == expected
        if key in self.model:
            self._forget(key)

    @precondition(lambda self: bool(self.model))
    @rule()
    def popitem(self) -> None:
        oldest = self._order()[0]
        assert self.cache.popitem() == (oldest, self.model[oldest])
        self._forget(oldest)

    @rule(key=keys, value=values)
    def setdefault(self, key: int, value: int | None) -> None:
        if key in self.model:
            assert self.cache.setdefault(key, value) == self.model[key]
            self._use(key)
            self.hits += 1
        else:
            assert self.cache.setdefault(key, value) == value
            self.misses += 1
            self.set(key, value)

    @invariant()
    def same_contents_in_recency_order(self) -> None:
        assert list(self.cache) == self._order()
        assert list(self.cache.items()) == [(k, self.model[k]) for k in self._order()]
        assert len(self.cache) == len(self.model) <= self.max_size

    @invariant()
    def same_statistics(self) -> None:
        assert self.cache.stats() == CacheStats(
            self.hits, self.misses, self.evictions, len(self.model), self.max_size
        )


TestLRUModel = LRUModel.TestCase
TestLRUModel.settings = settings(
    max_examples=150, stateful_step_count=40, deadline=None
)


def test_read_refreshes_recency_and_peek_does_not() -> None:
    cache: LRUCache[str, int] = LRUCache(2)
    cache["a"] = 1
    cache["b"] = 2
    assert cache.peek("a") == 1
    cache["c"] = 3  # "a" is still the least recently used: peek did not refresh it
    assert "a" not in cache
    assert cache["b"] == 2
    cache["d"] = 4  # "c" is now the least recently used
    assert list(cache) == ["b", "d"]


def test_overwriting_refreshes_without_evicting() -> None:
    cache: LRUCache[str, int] = LRUCache(2)
    cache["a"] = 1
    cache["b"] = 2
    cache["a"] = 10
    assert cache.stats().evictions == 0
    cache["c"] = 3
    assert dict(cache) == {"a": 10, "c": 3}


def test_iterating_items_while_reading_does_not_reorder() -> None:
    cache: LRUCache[int, int] = LRUCache(10)
    for i in range(5):
        cache[i] = i * i
    assert list(cache.items()) == [(i, i * i) for i in range(5)]
    assert list(cache.values()) == [i * i for i in range(5)]
    assert list(cache) == [0, 1, 2, 3, 4]
    assert cache.stats().hits == 0


def test_stored_none_is_a_hit_not_a_miss() -> None:
    cache: LRUCache[str, None] = LRUCache(1)
    cache["x"] = None
    assert cache.get("x", 5) is None
    assert cache.peek("x", 5) is None
    assert cache.stats().hits == 1
    assert cache.stats().misses == 0


def test_reset_stats_and_clear() -> None:
    cache: LRUCache[int, int] = LRUCache(1)
    cache[1] = 1
    cache.get(1)
    cache.get(2)
    cache[2] = 2
    assert cache.stats() == CacheStats(1, 1, 1, 1, 1)
    cache.reset_stats()
    cache.clear()
    assert cache.stats() == CacheStats(0, 0, 0, 0, 1)
    with pytest.raises(KeyError):
        cache.popitem()
    with pytest.raises(KeyError):
        cache.pop(1)


@pytest.mark.parametrize("bad", [0, -3])
def test_rejects_non_positive_size(bad: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        LRUCache(bad)


@pytest.mark.parametrize("bad", [2.5, True, "3"])
def test_rejects_non_integer_size(bad: object) -> None:
    with pytest.raises(TypeError):
        LRUCache(bad)  # type: ignore[arg-type]


def test_equality_and_repr() -> None:
    cache: LRUCache[str, int] = LRUCache(3)
    cache.update({"a": 1, "b": 2})
    assert cache == {"a": 1, "b": 2}
    assert repr(cache) == "LRUCache(max_size=3, {'a': 1, 'b': 2})"
