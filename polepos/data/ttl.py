"""A cache whose entries expire a fixed time after they were set."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, ItemsView, Iterator, MutableMapping, ValuesView
from heapq import heapify, heappop, heappush
from itertools import count
from typing import Any, TypeVar, overload

__all__ = ["TTLCache"]

K = TypeVar("K")
V = TypeVar("V")
D = TypeVar("D")

_MISSING: object = object()

# Stale heap records are tolerated up to the number of live entries plus this
# slack; the slack keeps tiny caches from rebuilding their heap on every write.
_COMPACT_SLACK = 32


class TTLCache(MutableMapping[K, V]):
    """A mapping whose entries expire `ttl` seconds (per `timer`) after being set.

    An entry set at time t is visible while ``timer() < t + ttl`` and never after:
    every operation first purges the entries whose expiry has passed, so `len()`,
    `in`, lookups and iteration only ever see live entries. Reads do not extend
    an entry's life; setting a key again gives it a fresh `ttl`.

    Expiry uses a min-heap of (expiry, sequence, key) records with lazy deletion:
    overwriting, deleting or evicting a key leaves its old record in the heap as
    stale, and the heap is rebuilt once stale records outnumber live entries, so
    memory stays O(live entries). Each operation therefore costs O(log n)
    amortised (O(1) when nothing expires), never a scan of all entries.

    With `max_size`, inserting beyond capacity evicts the least recently used
    entry; `cache[key]` and `get` count as uses, `peek` and `in` do not.
    Iteration runs from least to most recently used. `timer` must not go
    backwards. Not thread-safe.
    """

    __slots__ = ("_data", "_heap", "_ttl", "_max_size", "_timer", "_seq", "_stale")

    def __init__(
        self,
        ttl: float,
        *,
        max_size: int | None = None,
        timer: Callable[[], float] = time.monotonic,
    ) -> None:
        """Create an empty cache; entries live `ttl` (> 0) units of `timer`."""
        if not ttl > 0:
            raise ValueError(f"ttl must be positive, got {ttl!r}")
        if max_size is not None:
            if isinstance(max_size, bool) or not isinstance(max_size, int):
                raise TypeError(
                    f"max_size must be an int or None, not {type(max_size).__name__}"
                )
            if max_size < 1:
                raise ValueError(f"max_size must be at least 1, got {max_size}")
        # key -> (value, expires_at, seq); the seq tells the live heap record of a
        # key from the stale ones left behind by earlier sets of the same key.
        self._data: OrderedDict[K, tuple[V, float, int]] = OrderedDict()
        # Records are (expires_at, seq, key): seq is unique, so keys are never
        # compared and need not be orderable.
        self._heap: list[tuple[float, int, K]] = []
        self._ttl = ttl
        self._max_size = max_size
        self._timer = timer
        self._seq = count()
        self._stale = 0

    @property
    def ttl(self) -> float:
        """Lifetime of an entry, in units of the timer."""
        return self._ttl

    @property
    def max_size(self) -> int | None:
        """The size bound, or None for an unbounded cache."""
        return self._max_size

    @property
    def timer(self) -> Callable[[], float]:
        """The clock used to stamp and expire entries."""
        return self._timer

    def _purge(self, now: float) -> int:
        """Drop every entry whose expiry is <= `now`; O(log n) per record popped."""
        heap = self._heap
        data = self._data
        removed = 0
        while heap and heap[0][0] <= now:
            _, seq, key = heappop(heap)
            entry = data.get(key)
            if entry is not None and entry[2] == seq:
                del data[key]
                removed += 1
            else:
                self._stale -= 1
        return removed

    def _now(self) -> float:
        """Read the clock and purge what has expired by then."""
        now = self._timer()
        heap = self._heap
        # Peeking at the heap top first keeps the common no-expiry path O(1).
        if heap and heap[0][0] <= now:
            self._purge(now)
        return now

    def _retire_record(self) -> None:
        """Account for one heap record that no longer matches a live entry."""
        self._stale += 1
        if self._stale > len(self._data) + _COMPACT_SLACK:
            # O(n) rebuild, paid for by the > n stale-making operations before it.
            heap = self._heap
            heap[:] = [(e[1], e[2], k) for k, e in self._data.items()]
            heapify(heap)
            self._stale = 0

    def expire(self) -> int:
        """Purge expired entries now and return how many were removed."""
        return self._purge(self._timer())

    def __getitem__(self, key: K) -> V:
        """Return the live value for `key` and mark it recently used."""
        # _now() inlined: on this hot path an extra Python call is measurable.
        now = self._timer()
        heap = self._heap
        if heap and heap[0][0] <= now:
            self._purge(now)
        data = self._data
        entry = data[key]
        data.move_to_end(key)
        return entry[0]

    @overload
    def get(self, key: K, /) -> V | None: ...

    @overload
    def get(self, key: K, /, default: V | D) -> V | D: ...

    def get(self, key: K, /, default: object = None) -> object:
        """Return the live value for `key` (marking it used) or `default`."""
        # _now() inlined: on this hot path an extra Python call is measurable.
        now = self._timer()
        heap = self._heap
        if heap and heap[0][0] <= now:
            self._purge(now)
        data = self._data
        entry = data.get(key)
        if entry is None:
            return default
        data.move_to_end(key)
        return entry[0]

    @overload
    def peek(self, key: K, /) -> V | None: ...

    @overload
    def peek(self, key: K, /, default: V | D) -> V | D: ...

    def peek(self, key: K, /, default: object = None) -> object:
        """Return the live value for `key` or `default`, without marking it used."""
        self._now()
        entry = self._data.get(key)
        return default if entry is None else entry[0]

    def __setitem__(self, key: K, value: V) -> None:
        """Set `key` to expire `ttl` from now; evict the LRU entry if over size."""
        # _now() inlined: on this hot path an extra Python call is measurable.
        now = self._timer()
        heap = self._heap
        if heap and heap[0][0] <= now:
            self._purge(now)
        data = self._data
        seq = next(self._seq)
        expires = now + self._ttl
        replaced = key in data
        data[key] = (value, expires, seq)
        data.move_to_end(key)
        heappush(heap, (expires, seq, key))
        if replaced:
            self._retire_record()
        if self._max_size is not None and len(data) > self._max_size:
            data.popitem(last=False)
            self._retire_record()

    def __delitem__(self, key: K) -> None:
        """Remove `key`; raise KeyError if absent or expired."""
        self._now()
        del self._data[key]
        self._retire_record()

    def __contains__(self, key: object) -> bool:
        """Tell whether `key` holds a live entry, without marking it used."""
        self._now()
        return key in self._data

    def __len__(self) -> int:
        """Return the number of live entries; O(log n) amortised."""
        self._now()
        return len(self._data)

    def _live_items(self) -> Iterator[tuple[K, V]]:
        """Yield (key, value) pairs, LRU first, each still live when yielded."""
        self._now()
        data = self._data
        timer = self._timer
        # Iterate a snapshot so callers may read or write the cache meanwhile; an
        # entry that expires or is removed before its turn is skipped.
        for key in list(data):
            entry = data.get(key)
            if entry is not None and entry[1] > timer():
                yield key, entry[0]

    def __iter__(self) -> Iterator[K]:
        """Iterate live keys from least to most recently used, without using them."""
        return (key for key, _ in self._live_items())

    def values(self) -> ValuesView[V]:
        """Return a view of the live values that does not mark entries used."""
        return _ValuesView(self)

    def items(self) -> ItemsView[K, V]:
        """Return a view of the live items that does not mark entries used."""
        return _ItemsView(self)

    @overload
    def pop(self, key: K, /) -> V: ...

    @overload
    def pop(self, key: K, /, default: V | D) -> V | D: ...

    def pop(self, key: K, /, default: object = _MISSING) -> object:
        """Remove `key` and return its live value, or `default`; else KeyError."""
        self._now()
        entry = self._data.pop(key, None)
        if entry is None:
            if default is _MISSING:
                raise KeyError(key)
            return default
        self._retire_record()
        return entry[0]

    def popitem(self) -> tuple[K, V]:
        """Remove and return the least recently used live item; KeyError if empty."""
        self._now()
        if not self._data:
            raise KeyError("popitem(): cache is empty")
        key, entry = self._data.popitem(last=False)
        self._retire_record()
        return key, entry[0]

    def clear(self) -> None:
        """Remove every entry and every heap record; O(n)."""
        self._data.clear()
        self._heap.clear()
        self._stale = 0

    def __repr__(self) -> str:
        """Show the settings and the live entries, least recently used first."""
        body = ", ".join(f"{k!r}: {v!r}" for k, v in self._live_items())
        return (
            f"{type(self).__name__}(ttl={self._ttl!r}, "
            f"max_size={self._max_size!r}, {{{body}}})"
        )


class _ItemsView(ItemsView[K, V]):
    """Items view of a TTLCache that reads without refreshing recency."""

    __slots__ = ("_cache",)

    def __init__(self, cache: TTLCache[K, V]) -> None:
        """Wrap `cache`."""
        super().__init__(cache)
        self._cache = cache

    def __iter__(self) -> Iterator[tuple[K, V]]:
        """Iterate live items, least recently used first."""
        return self._cache._live_items()

    def __contains__(self, item: object) -> bool:
        """Tell whether `item` is a live (key, value) pair."""
        if not isinstance(item, tuple) or len(item) != 2:
            return False
        key, value = item
        found = self._cache.peek(key, _MISSING)
        return found is not _MISSING and (found is value or found == value)


class _ValuesView(ValuesView[V]):
    """Values view of a TTLCache that reads without refreshing recency."""

    __slots__ = ("_cache",)

    def __init__(self, cache: TTLCache[Any, V]) -> None:
        """Wrap `cache`."""
        super().__init__(cache)
        self._cache = cache

    def __iter__(self) -> Iterator[V]:
        """Iterate live values, least recently used first."""
        return (value for _, value in self._cache._live_items())

    def __contains__(self, value: object) -> bool:
        """Tell whether some live entry holds `value`; O(n)."""
        return any(v is value or v == value for v in self)
