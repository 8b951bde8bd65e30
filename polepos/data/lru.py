"""A size-bounded least-recently-used cache with O(1) operations."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import ItemsView, Iterator, KeysView, MutableMapping, ValuesView
from typing import NamedTuple, TypeVar, overload

__all__ = ["CacheStats", "LRUCache"]

K = TypeVar("K")
V = TypeVar("V")
D = TypeVar("D")

# A private sentinel lets `get` tell "absent" from a stored None in one dict probe.
_MISSING: object = object()


class CacheStats(NamedTuple):
    """Counters reported by `LRUCache.stats`."""

    hits: int
    misses: int
    evictions: int
    size: int
    max_size: int


class LRUCache(MutableMapping[K, V]):
    """A mapping holding at most `max_size` entries, evicting the least recently used.

    Reads through `cache[key]` and `get` mark the entry as most recently used and
    count a hit or a miss; `peek`, `in`, iteration and the views do neither.
    Writes insert or refresh the entry and, when the cache is over capacity,
    evict the least recently used one. Every single-key operation is O(1);
    iteration runs from least to most recently used. Not thread-safe.
    """

    __slots__ = ("_data", "_evictions", "_hits", "_max_size", "_misses")

    def __init__(self, max_size: int) -> None:
        """Create an empty cache holding at most `max_size` (>= 1) entries."""
        if isinstance(max_size, bool) or not isinstance(max_size, int):
            raise TypeError(f"max_size must be an int, not {type(max_size).__name__}")
        if max_size < 1:
            raise ValueError(f"max_size must be at least 1, got {max_size}")
        # OrderedDict keeps recency order with O(1) move_to_end / popitem(last=False);
        # both run in C, which is what makes this faster than a hand-linked list.
        self._data: OrderedDict[K, V] = OrderedDict()
        self._max_size = max_size
        self._hits = 0
        self._misses = 0
        self._evictions = 0

    @property
    def max_size(self) -> int:
        """The capacity given at construction."""
        return self._max_size

    def __getitem__(self, key: K) -> V:
        """Return the value for `key` and mark it most recently used; O(1)."""
        data = self._data
        try:
            value = data[key]
        except KeyError:
            self._misses += 1
            raise
        data.move_to_end(key)
        self._hits += 1
        return value

    @overload
    def get(self, key: K, /) -> V | None: ...

    @overload
    def get(self, key: K, /, default: V | D) -> V | D: ...

    def get(self, key: K, /, default: object = None) -> object:
        """Return the value for `key` (refreshing it) or `default`; O(1)."""
        data = self._data
        value = data.get(key, _MISSING)
        if value is _MISSING:
            self._misses += 1
            return default
        data.move_to_end(key)
        self._hits += 1
        return value

    @overload
    def peek(self, key: K, /) -> V | None: ...

    @overload
    def peek(self, key: K, /, default: V | D) -> V | D: ...

    def peek(self, key: K, /, default: object = None) -> object:
        """Return the value for `key` or `default` without touching recency or stats."""
        return self._data.get(key, default)

    def __setitem__(self, key: K, value: V) -> None:
        """Insert or replace `key`, mark it most recently used, evict if full; O(1)."""
        data = self._data
        data[key] = value
        # A replaced key keeps its old slot in an OrderedDict, so move it explicitly;
        # for a new key this is a no-op on the last slot.
        data.move_to_end(key)
        if len(data) > self._max_size:
            data.popitem(last=False)
            self._evictions += 1

    def __delitem__(self, key: K) -> None:
        """Remove `key`; raise KeyError if absent; O(1)."""
        del self._data[key]

    def __contains__(self, key: object) -> bool:
        """Tell whether `key` is cached, without refreshing it; O(1)."""
        return key in self._data

    def __iter__(self) -> Iterator[K]:
        """Iterate keys from least to most recently used, without refreshing them."""
        return iter(self._data)

    def __len__(self) -> int:
        """Return the number of cached entries; O(1)."""
        return len(self._data)

    # The inherited views would read through __getitem__, refreshing every entry
    # (and mutating the OrderedDict under its own iterator); expose the raw views.
    def keys(self) -> KeysView[K]:
        """Return a live view of the keys, least recently used first."""
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        """Return a live view of the values, least recently used first."""
        return self._data.values()

    def items(self) -> ItemsView[K, V]:
        """Return a live view of the items, least recently used first."""
        return self._data.items()

    @overload
    def pop(self, key: K, /) -> V: ...

    @overload
    def pop(self, key: K, /, default: V | D) -> V | D: ...

    def pop(self, key: K, /, default: object = _MISSING) -> object:
        """Remove `key` and return its value, or `default`; KeyError if neither."""
        if default is _MISSING:
            return self._data.pop(key)
        return self._data.pop(key, default)

    def popitem(self) -> tuple[K, V]:
        """Remove and return the least recently used item; KeyError if empty."""
        if not self._data:
            raise KeyError("popitem(): cache is empty")
        return self._data.popitem(last=False)

    def clear(self) -> None:
        """Remove every entry (statistics are kept); O(n)."""
        self._data.clear()

    def stats(self) -> CacheStats:
        """Return hit, miss and eviction counts since creation or `reset_stats`."""
        return CacheStats(
            self._hits, self._misses, self._evictions, len(self._data), self._max_size
        )

    def reset_stats(self) -> None:
        """Zero the hit, miss and eviction counters."""
        self._hits = self._misses = self._evictions = 0

    def __repr__(self) -> str:
        """Show the capacity and the entries, least recently used first."""
        body = ", ".join(f"{k!r}: {v!r}" for k, v in self._data.items())
        return f"{type(self).__name__}(max_size={self._max_size}, {{{body}}})"
