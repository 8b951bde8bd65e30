"""A prefix tree over string keys whose every operation is iterative."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Final, Generic, Literal, TypeVar, overload

__all__ = ["Trie"]

V = TypeVar("V")
D = TypeVar("D")


class _Absent(Enum):
    """Marks a node that ends no key, so None remains a storable value."""

    # A one-member enum lets mypy narrow on a cheap `is` test (no isinstance).
    ABSENT = 0


_ABSENT: Final = _Absent.ABSENT


class _Node(Generic[V]):
    """One character position: children by next character, and maybe a value."""

    __slots__ = ("children", "value")

    def __init__(self) -> None:
        """Create a node with no children that ends no key."""
        self.children: dict[str, _Node[V]] = {}
        self.value: V | Literal[_Absent.ABSENT] = _ABSENT


class Trie(Generic[V]):
    """A mapping from strings to values, ordered by key, with prefix queries.

    Let m be the length of the key, prefix or text involved, and k the number
    of keys reported. `insert`, `get`, `in`, `delete` and `starts_with` are O(m);
    `longest_prefix_of` is O(m); `keys`, `values` and `items` are
    O(m + s log a + total length of the k reported keys), where s is the number
    of nodes below the prefix and a the alphabet size (children are sorted at
    each node). Every walk uses a loop or an explicit stack, never recursion,
    so keys of any length (100 000 characters and more) work. Not thread-safe.
    """

    __slots__ = ("_root", "_size")

    def __init__(self) -> None:
        """Create an empty trie."""
        self._root: _Node[V] = _Node()
        self._size = 0

    def _find(self, key: str) -> _Node[V] | None:
        """Return the node reached by spelling `key`, or None; O(len(key))."""
        node = self._root
        for char in key:
            child = node.children.get(char)
            if child is None:
                return None
            node = child
        return node

    def insert(self, key: str, value: V) -> None:
        """Map `key` to `value`, replacing any previous value; O(len(key))."""
        if not isinstance(key, str):
            raise TypeError(f"Trie keys must be str, not {type(key).__name__}")
        node = self._root
        for char in key:
            children = node.children
            child = children.get(char)
            if child is None:
                child = children[char] = _Node()
            node = child
        if node.value is _ABSENT:
            self._size += 1
        node.value = value

    __setitem__ = insert

    @overload
    def get(self, key: str, /) -> V | None: ...

    @overload
    def get(self, key: str, /, default: V | D) -> V | D: ...

    def get(self, key: str, /, default: object = None) -> object:
        """Return the value for `key`, or `default` if absent; O(len(key))."""
        node = self._find(key)
        if node is None or node.value is _ABSENT:
            return default
        return node.value

    def __getitem__(self, key: str) -> V:
        """Return the value for `key`; raise KeyError if absent; O(len(key))."""
        node = self._find(key)
        if node is None or node.value is _ABSENT:
            raise KeyError(key)
        return node.value

    def __contains__(self, key: object) -> bool:
        """Tell whether `key` is stored (not merely a prefix); O(len(key))."""
        if not isinstance(key, str):
            return False
        node = self._find(key)
        return node is not None and node.value is not _ABSENT

    def delete(self, key: str) -> None:
        """Remove `key`, pruning branches left empty; KeyError if absent; O(m)."""
        node = self._root
        # The path is kept so pruning can climb back up without recursion.
        path: list[tuple[_Node[V], str]] = []
        for char in key:
            child = node.children.get(char)
            if child is None:
                raise KeyError(key)
            path.append((node, char))
            node = child
        if node.value is _ABSENT:
            raise KeyError(key)
        node.value = _ABSENT
        self._size -= 1
        if node.children:
            return
        # Climb while the parent would be left with neither a value nor another
        # child; cutting at the highest such point frees the dead chain at once.
        for index in range(len(path) - 1, -1, -1):
            parent, char = path[index]
            if index == 0 or len(parent.children) > 1 or parent.value is not _ABSENT:
                del parent.children[char]
                return

    __delitem__ = delete

    def __len__(self) -> int:
        """Return the number of keys; O(1)."""
        return self._size

    def __iter__(self) -> Iterator[str]:
        """Iterate over all keys in sorted order."""
        return iter(self.keys())

    def starts_with(self, prefix: str) -> bool:
        """Tell whether any stored key starts with `prefix`; O(len(prefix))."""
        node = self._find(prefix)
        if node is None:
            return False
        # Deletion prunes dead branches, so any node below the root leads to a key.
        return node is not self._root or self._size > 0

    def _walk(self, prefix: str) -> Iterator[tuple[str, V]]:
        """Yield (key, value) for keys starting with `prefix`, in sorted order."""
        start = self._find(prefix)
        if start is None:
            return
        if start.value is not _ABSENT:
            yield prefix, start.value
        # The stack holds (depth, char, node); `path` is the suffix spelled so far,
        # truncated to `depth` on each pop, so a key is only joined when reported
        # and deep chains never copy a growing string per node.
        path: list[str] = []
        stack: list[tuple[int, str, _Node[V]]] = [
            (0, char, child) for char, child in _reverse_sorted(start.children)
        ]
        while stack:
            depth, char, node = stack.pop()
            del path[depth:]
            path.append(char)
            if node.value is not _ABSENT:
                yield prefix + "".join(path), node.value
            children = node.children
            if children:
                depth += 1
                if len(children) == 1:
                    # Chains are the common case; skip sorting a one-item dict.
                    for char, child in children.items():
                        stack.append((depth, char, child))
                else:
                    stack.extend(
                        (depth, char, child)
                        for char, child in _reverse_sorted(children)
                    )

    def keys(self, prefix: str = "") -> list[str]:
        """Return the keys starting with `prefix`, sorted."""
        return [key for key, _ in self._walk(prefix)]

    def values(self, prefix: str = "") -> list[V]:
        """Return the values of keys starting with `prefix`, in key order."""
        return [value for _, value in self._walk(prefix)]

    def items(self, prefix: str = "") -> list[tuple[str, V]]:
        """Return (key, value) pairs for keys starting with `prefix`, sorted."""
        return list(self._walk(prefix))

    def longest_prefix_of(self, text: str) -> tuple[str, V] | None:
        """Return the item whose key is the longest prefix of `text`, or None; O(m)."""
        node = self._root
        best_node: _Node[V] | None = node if node.value is not _ABSENT else None
        best_length = 0
        for length, char in enumerate(text, start=1):
            child = node.children.get(char)
            if child is None:
                break
            node = child
            if node.value is not _ABSENT:
                best_node = node
                best_length = length
        if best_node is None or best_node.value is _ABSENT:
            return None
        return text[:best_length], best_node.value

    def clear(self) -> None:
        """Remove every key."""
        self._root = _Node()
        self._size = 0

    def __eq__(self, other: object) -> bool:
        """Compare by items with another Trie."""
        if not isinstance(other, Trie):
            return NotImplemented
        return len(self) == len(other) and self.items() == other.items()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        """Show the items in key order."""
        body = ", ".join(f"{k!r}: {v!r}" for k, v in self._walk(""))
        return f"{type(self).__name__}({{{body}}})"


def _reverse_sorted(children: dict[str, _Node[V]]) -> list[tuple[str, _Node[V]]]:
    """Return children sorted by character, largest first, for a LIFO stack."""
    return sorted(children.items(), reverse=True)
