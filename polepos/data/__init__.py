"""Pure-Python data structures for generated applications.

`LRUCache` and `TTLCache` are typed mutable mappings; `Trie` maps strings to
values with prefix queries. Only the standard library is imported.
"""

from polepos.data.lru import CacheStats, LRUCache
from polepos.data.trie import Trie
from polepos.data.ttl import TTLCache

__all__ = ["CacheStats", "LRUCache", "TTLCache", "Trie"]
