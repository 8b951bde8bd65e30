"""TTLCache: a state machine with a fake clock against a dict model, plus edge cases."""

from __future__ import annotations

import time

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
)

from polepos.data import TTLCache

keys = st.integers(min_value=0, max_value=7)
values = st.integers() | st.none()


class FakeClock:
    """A timer that only moves when told to."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class TTLModel(RuleBasedStateMachine):
    """Drive TTLCache and a dict + expiry + last-use model under one fake clock."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.ttl = 1.0
        self.max_size: int | None = None
        self.cache: TTLCache[int, int | None] = TTLCache(1.0, timer=self.clock)
        self.model: dict[int, int | None] = {}
        self.expires: dict[int, float] = {}
        self.last_use: dict[int, int] = {}
        self.tick = 0

    def _purge(self) -> None:
        for key in [k for k, e in self.expires.items() if e <= self.clock.now]:
            self._forget(key)

    def _forget(self, key: int) -> None:
        del self.model[key]
        del self.expires[key]
        del self.last_use[key]

    def _use(self, key: int) -> None:
        self.tick += 1
        self.last_use[key] = self.tick

    def _order(self) -> list[int]:
        self._purge()
        return sorted(self.model, key=self.last_use.__getitem__)

    @initialize(
        ttl=st.sampled_from([1.0, 2.5, 4.0]),
        max_size=st.none() | st.integers(min_value=1, max_value=4),
    )
    def create(self, ttl: float, max_size: int | None) -> None:
        self.ttl = ttl
        self.max_size = max_size
        self.cache = TTLCache(ttl, max_size=max_size, timer=self.clock)

    @rule(dt=st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.5, 4.0]))
    def advance(self, dt: float) -> None:
        self.clock.now += dt

    @rule(key=keys, value=values)
    def set(self, key: int, value: int | None) -> None:
        self.cache[key] = value
        self._purge()
        self.model[key] = value
        self.expires[key] = self.clock.now + self.ttl
        self._use(key)
        if self.max_size is not None and len(self.model) > self.max_size:
            self._forget(self._order()[0])

    @rule(key=keys)
    def getitem(self, key: int) -> None:
        self._purge()
        if key in self.model:
            assert self.cache[key] == self.model[key]
            self._use(key)
        else:
            with pytest.raises(KeyError):
                self.cache[key]

    @rule(key=keys)
    def get(self, key: int) -> None:
        self._purge()
        assert self.cache.get(key, -1) == self.model.get(key, -1)
        if key in self.model:
            self._use(key)

    @rule(key=keys)
    def peek(self, key: int) -> None:
        self._purge()
        assert self.cache.peek(key, -1) == self.model.get(key, -1)

    @rule(key=keys)
    def contains(self, key: int) -> None:
        self._purge()
        assert (key in self.cache) == (key in self.model)

    @rule(key=keys)
    def delete(self, key: int) -> None:
        self._purge()
        if key in self.model:
            del self.cache[key]
            self._forget(key)
        else:
            with pytest.raises(KeyError):
                del self.cache[key]

    @rule(key=keys)
    def pop(self, key: int) -> None:
        self._purge()
        assert self.cache.pop(key, -1) == self.model.get(key, -1)
        if key in self.model:
            self._forget(key)

    @rule()
    def popitem(self) -> None:
        order = self._order()
        if order:
            assert self.cache.popitem() == (order[0], self.model[order[0]])
            self._forget(order[0])
        else:
            with pytest.raises(KeyError):
                self.cache.popitem()

    @rule(dt=st.sampled_from([0.5, 1.0, 2.5]))
    def advance_and_expire(self, dt: float) -> None:
        self.clock.now += dt
        due = [k for k, e in self.expires.items() if e <= self.clock.now]
        assert self.cache.expire() == len(due)
        self._purge()
        # Expired entries are gone from storage, not merely hidden.
        assert len(self.cache._data) == len(self.model)

    @invariant()
    def only_live_entries_are_visible(self) -> None:
        order = self._order()
        assert len(self.cache) == len(self.model)
        assert list(self.cache) == order
        assert list(self.cache.items()) == [(k, self.model[k]) for k in order]
        assert list(self.cache.values()) == [self.model[k] for k in order]

    @invariant()
    def heap_memory_stays_bounded(self) -> None:
        # Stale heap records never exceed the live entries plus a fixed slack.
        assert len(self.cache._heap) <= 2 * len(self.cache._data) + 33


TestTTLModel = TTLModel.TestCase
TestTTLModel.settings = settings(
    max_examples=150, stateful_step_count=50, deadline=None
)


def test_entry_expires_exactly_ttl_after_set() -> None:
    clock = FakeClock()
    cache: TTLCache[str, int] = TTLCache(10, timer=clock)
    cache["a"] = 1
    clock.now = 9.999
    assert cache["a"] == 1
    clock.now = 10.0
    assert "a" not in cache
    assert cache.get("a") is None
    assert len(cache) == 0


def test_reading_does_not_extend_life_but_setting_again_does() -> None:
    clock = FakeClock()
    cache: TTLCache[str, int] = TTLCache(10, timer=clock)
    cache["read"] = 1
    cache["reset"] = 1
    clock.now = 8
    assert cache["read"] == 1
    cache["reset"] = 2
    clock.now = 12
    assert dict(cache.items()) == {"reset": 2}
    clock.now = 18
    assert len(cache) == 0


def test_entry_expiring_mid_iteration_is_not_yielded() -> None:
    clock = FakeClock()
    cache: TTLCache[str, int] = TTLCache(10, timer=clock)
    cache["old"] = 1
    clock.now = 5
    cache["new"] = 2
    clock.now = 9
    seen = []
    for key in cache:
        seen.append(key)
        clock.now = 11  # "old" is being yielded now; "new" is still live afterwards
    assert seen == ["old", "new"]
    clock.now = 9
    cache2: TTLCache[str, int] = TTLCache(10, timer=clock)
    cache2["a"] = 1
    cache2["b"] = 2
    iterator = iter(cache2)
    assert next(iterator) == "a"
    clock.now = 20
    assert list(iterator) == []


def test_writes_during_iteration_do_not_raise() -> None:
    cache: TTLCache[int, int] = TTLCache(60)
    for i in range(5):
        cache[i] = i
    for key in cache:
        cache[key + 100] = key
        del cache[key]
    assert sorted(cache) == [100, 101, 102, 103, 104]


def test_size_bound_evicts_least_recently_used_live_entry() -> None:
    clock = FakeClock()
    cache: TTLCache[str, int] = TTLCache(10, max_size=2, timer=clock)
    cache["a"] = 1
    cache["b"] = 2
    assert cache["a"] == 1
    cache["c"] = 3
    assert list(cache) == ["a", "c"]
    clock.now = 10  # a and c expire together; a set now must not evict anything live
    cache["d"] = 4
    assert list(cache) == ["d"]


def test_repeated_sets_keep_heap_small() -> None:
    cache: TTLCache[str, int] = TTLCache(1000)
    for i in range(10_000):
        cache["only"] = i
    assert len(cache._heap) <= 2 + 33
    assert cache["only"] == 9999


def test_default_timer_is_monotonic_and_real_time_expiry_works() -> None:
    cache: TTLCache[str, int] = TTLCache(0.05)
    assert cache.timer is time.monotonic
    cache["a"] = 1
    assert cache["a"] == 1
    time.sleep(0.06)
    assert "a" not in cache


def test_views_compare_and_contain() -> None:
    cache: TTLCache[str, int | None] = TTLCache(60)
    cache["a"] = None
    cache["b"] = 2
    assert ("a", None) in cache.items()
    assert ("b", 3) not in cache.items()
    assert "nope" not in cache.items()  # type: ignore[operator]
    assert 2 in cache.values()
    assert 3 not in cache.values()
    assert cache == {"a": None, "b": 2}
    assert cache.peek("a", 7) is None
    assert repr(cache) == "TTLCache(ttl=60, max_size=None, {'a': None, 'b': 2})"


def test_expire_purges_storage_and_counts() -> None:
    clock = FakeClock()
    cache: TTLCache[int, int] = TTLCache(10, timer=clock)
    for i in range(6):
        clock.now = i
        cache[i] = i
    clock.now = 12.5
    assert cache.expire() == 3
    assert len(cache._data) == 3
    assert cache.expire() == 0


def test_clear_resets_everything() -> None:
    cache: TTLCache[int, int] = TTLCache(60, max_size=3)
    for i in range(10):
        cache[i] = i
    cache.clear()
    assert len(cache) == 0
    assert cache._heap == []
    assert cache._stale == 0
    with pytest.raises(KeyError):
        cache.pop(1)


@pytest.mark.parametrize("ttl", [0, -1, float("nan")])
def test_rejects_non_positive_ttl(ttl: float) -> None:
    with pytest.raises(ValueError, match="ttl"):
        TTLCache(ttl)


@pytest.mark.parametrize(("max_size", "error"), [(0, ValueError), (1.5, TypeError)])
def test_rejects_bad_size(max_size: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        TTLCache(5, max_size=max_size)  # type: ignore[arg-type]
