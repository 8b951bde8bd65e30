"""Trie: a state machine against a dict model, plus long-key and edge cases."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from polepos.data import Trie

# A two-letter alphabet makes shared prefixes, and so branching and pruning, common.
words = st.text(alphabet="ab", max_size=6)
texts = st.text(alphabet="abc", max_size=8)


def count_nodes(trie: Trie[Any]) -> int:
    """Count the trie's nodes, root included, without recursion."""
    stack = [trie._root]
    total = 0
    while stack:
        node = stack.pop()
        total += 1
        stack.extend(node.children.values())
    return total


class TrieModel(RuleBasedStateMachine):
    """Drive Trie and a plain dict with the same operations."""

    def __init__(self) -> None:
        super().__init__()
        self.trie: Trie[int | None] = Trie()
        self.model: dict[str, int | None] = {}

    @rule(key=words, value=st.integers() | st.none())
    def insert(self, key: str, value: int | None) -> None:
        self.trie.insert(key, value)
        self.model[key] = value

    @rule(key=words)
    def delete(self, key: str) -> None:
        if key in self.model:
            self.trie.delete(key)
            del self.model[key]
        else:
            with pytest.raises(KeyError):
                self.trie.delete(key)

    @rule(key=words)
    def lookup(self, key: str) -> None:
        assert (key in self.trie) == (key in self.model)
        assert self.trie.get(key, -1) == self.model.get(key, -1)
        if key in self.model:
            assert self.trie[key] == self.model[key]
        else:
            with pytest.raises(KeyError):
                self.trie[key]

    @rule(prefix=words)
    def prefix_queries(self, prefix: str) -> None:
        expected = sorted(k for k in self.model if k.startswith(prefix))
        assert self.trie.starts_with(prefix) == bool(expected)
        assert self.trie.keys(prefix) == expected
        assert self.trie.items(prefix) == [(k, self.model[k]) for k in expected]
        assert self.trie.values(prefix) == [self.model[k] for k in expected]

    @rule(text=texts)
    def longest_prefix(self, text: str) -> None:
        matches = [k for k in self.model if text.startswith(k)]
        if matches:
            best = max(matches, key=len)
            assert self.trie.longest_prefix_of(text) == (best, self.model[best])
        else:
            assert self.trie.longest_prefix_of(text) is None

    @invariant()
    def same_keys_in_order(self) -> None:
        assert len(self.trie) == len(self.model)
        assert list(self.trie) == sorted(self.model)

    @invariant()
    def deletion_leaves_no_dead_nodes(self) -> None:
        prefixes = {k[:i] for k in self.model for i in range(len(k) + 1)}
        assert count_nodes(self.trie) == len(prefixes | {""})


TestTrieModel = TrieModel.TestCase
TestTrieModel.settings = settings(
    max_examples=200, stateful_step_count=50, deadline=None
)


def test_hundred_thousand_character_keys_under_a_low_recursion_limit() -> None:
    long_key = "x" * 100_000
    half = long_key[:50_000]
    trie: Trie[int] = Trie()
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(100)
    try:
        trie.insert(long_key, 1)
        trie.insert(half, 2)
        trie.insert(long_key + "y", 3)
        assert trie[long_key] == 1
        assert trie.starts_with(long_key[:-1])
        assert trie.keys(half) == [half, long_key, long_key + "y"]
        assert trie.items(long_key) == [(long_key, 1), (long_key + "y", 3)]
        match = trie.longest_prefix_of(long_key + "z")
        assert match is not None
        assert match[0] == long_key
        trie.delete(long_key + "y")
        trie.delete(long_key)
        assert list(trie) == [half]
        assert count_nodes(trie) == 50_001
        trie.delete(half)
        assert len(trie) == 0
        assert count_nodes(trie) == 1
        trie.insert(long_key, 4)
        trie.clear()
    finally:
        sys.setrecursionlimit(old_limit)
    assert not trie.starts_with("")


def test_empty_key_and_none_values() -> None:
    trie: Trie[int | None] = Trie()
    assert not trie.starts_with("")
    assert trie.longest_prefix_of("abc") is None
    trie.insert("", None)
    assert "" in trie
    assert trie.starts_with("")
    assert trie.get("", 5) is None
    assert trie.longest_prefix_of("abc") == ("", None)
    trie.insert("ab", 1)
    assert trie.longest_prefix_of("abc") == ("ab", 1)
    assert trie.longest_prefix_of("a") == ("", None)
    assert "a" not in trie
    assert trie.starts_with("a")


def test_insert_replaces_and_mapping_syntax() -> None:
    trie: Trie[int] = Trie()
    trie["car"] = 1
    trie.insert("car", 2)
    trie["cart"] = 3
    assert len(trie) == 2
    assert trie["car"] == 2
    del trie["car"]
    assert trie.items() == [("cart", 3)]
    assert trie.keys("carts") == []
    assert trie.keys("x") == []


def test_output_is_sorted_by_code_point() -> None:
    trie: Trie[int] = Trie()
    for i, key in enumerate(["b", "B", "ab", "a", "é", "a\u0000", "ba"]):
        trie.insert(key, i)
    assert trie.keys() == sorted(["b", "B", "ab", "a", "é", "a\u0000", "ba"])


def test_rejects_non_string_keys() -> None:
    trie: Trie[int] = Trie()
    with pytest.raises(TypeError):
        trie.insert(["a", "b"], 1)  # type: ignore[arg-type]
    assert 3 not in trie


def test_equality_and_repr() -> None:
    left: Trie[int] = Trie()
    right: Trie[int] = Trie()
    left.insert("b", 2)
    left.insert("a", 1)
    right.insert("a", 1)
    assert left != right
    right.insert("b", 2)
    assert left == right
    assert repr(left) == "Trie({'a': 1, 'b': 2})"
