"""Managed Python files read with `ast` and lines: what `check` decides without LibCST.

Importing LibCST costs more than the rest of a `check` of a small project, and
the managed files are almost always in the shape the tool writes. This module
answers the checker's questions for that shape: where the one copy of a marker
sits, and which entries the managed block above it holds. Each answer equals
what the LibCST readers (`python_source.scan`, `block_entries`, the export
`entries`) give, or is None when the text is not in a shape decided here
exactly (two lines mention the marker, a comment inside brackets other than a
list's, an odd line break, a syntax error, ...); the caller then parses with
LibCST. `tests/codemods/test_text_source.py` compares both on many variants.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from codemods.python_text import MARKER_RE as _MARKER_RE
from codemods.python_text import dotted as dotted
from codemods.python_text import is_sorted as is_sorted
from codemods.python_text import natural_key as natural_key
from codemods.python_text import normalize_marker as normalize_marker
from codemods.python_text import parse

# Line breaks (or whitespace) that Python's tokenizer and `str.split("\n")` may
# count differently: such files go to LibCST.
_ODD_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x00]")
_COMMA_TAIL = re.compile(r"^[ \t]*,[ \t]*(#.*)?$")
_BLANK_TAIL = re.compile(r"^[ \t]*(#.*)?$")
# Statements whose one body LibCST holds in an `IndentedBlock` of their own.
_BLOCKS = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class StatementSpot:
    """A marker between statements: in front of `body[index]` (past the end: after
    the last statement of the suite)."""

    body: list[ast.stmt]
    index: int


@dataclass(frozen=True)
class ListSpot:
    """A marker inside a list literal, in the gap before element `slot`."""

    node: ast.List
    slot: int


Spot = StatementSpot | ListSpot


def _start(statement: ast.stmt) -> int:
    """The first line of a statement, decorators included."""
    decorators: list[ast.expr] = getattr(statement, "decorator_list", [])
    return min([statement.lineno, *(d.lineno for d in decorators)])


class PythonText:
    """One Python file's text, its lines and (lazily) its `ast` tree."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.parsed = False  # whether the text was read with `ast` (the checker counts)

    @cached_property
    def tree(self) -> ast.Module | None:
        """The `ast` tree, or None when the text is not decided here (see module)."""
        if _ODD_BREAKS.search(self.text):
            return None
        self.parsed = True
        # Shared with the text faces' outline: one `ast.parse` per file text.
        return parse(self.text)

    def _line(self, number: int) -> str:
        return self.lines[number - 1]

    def _before(self, number: int, column: int) -> str:
        """Line `number` up to the `ast` column (a UTF-8 byte offset)."""
        return self._line(number).encode("utf-8")[:column].decode("utf-8", "replace")

    def _after(self, number: int, column: int) -> str:
        """Line `number` from the `ast` column (a UTF-8 byte offset)."""
        return self._line(number).encode("utf-8")[column:].decode("utf-8", "replace")

    def _indent(self, number: int) -> str:
        line = self._line(number)
        return line[: len(line) - len(line.lstrip(" \t"))]

    # --- where a marker sits ------------------------------------------------------

    def spot(self, marker: str) -> Spot | None:
        """Where the one copy of `marker` sits, when the text shows it exactly."""
        tree = self.tree
        if tree is None:
            return None
        name = marker[2:]  # "polepos:<name>"
        mentions = [n for n, line in enumerate(self.lines, 1) if name in line]
        if len(mentions) != 1:
            return None  # absent, repeated, or also in a string: LibCST decides
        number = mentions[0]
        line = self._line(number)
        comment = line.lstrip(" \t")
        match = _MARKER_RE.match(comment.strip())
        if not comment.startswith("#") or match is None:
            return None
        if f"# {match.group(1)}" != marker:
            return None
        return self._place(tree.body, number, nested=False)

    def _place(self, body: list[ast.stmt], number: int, nested: bool) -> Spot | None:
        """The spot of the comment line `number` among `body`'s statements."""
        for index, statement in enumerate(body):
            if number < _start(statement):
                if index == 0:
                    return None  # the module's header, or a block's first lines
                return self._between(body, index, number)
            if number <= (statement.end_lineno or 0):
                return self._inside(statement, number)
        if not body:
            return None
        return self._between(body, len(body), number)

    def _between(self, body: list[ast.stmt], index: int, number: int) -> Spot | None:
        """A comment line after `body[index - 1]`: in front of `body[index]` when
        indented like `body`, in the footer of the block ending above it when
        indented like that block's statements (LibCST's rule)."""
        previous = body[index - 1]
        indent, own = self._indent(number), self._indent(body[0].lineno)
        if not hasattr(previous, "body"):
            return StatementSpot(body, index) if indent == own else None
        if not isinstance(previous, _BLOCKS) or len(indent) <= len(own):
            return None  # else-clauses, or which footer owns it is subtle
        inner = previous.body
        if inner[0].lineno == previous.lineno:
            return None
        return self._between(inner, len(inner), number)

    def _inside(self, statement: ast.stmt, number: int) -> Spot | None:
        """A comment line within a statement's span: in a block, or in a list."""
        if isinstance(statement, _BLOCKS):
            body = statement.body
            if body[0].lineno == statement.lineno or number < _start(body[0]):
                return None  # in the header, or before the block's first statement
            return self._place(body, number, nested=True)
        if hasattr(statement, "body"):
            return None  # if/for/try/with/match: clauses LibCST holds apart
        holder: ast.AST | None = None
        for node in ast.walk(statement):
            first = getattr(node, "lineno", None)
            last = getattr(node, "end_lineno", None)
            if first is None or last is None or not first <= number <= last:
                continue
            if holder is None or (first, -last) >= (
                getattr(holder, "lineno", 0),
                -getattr(holder, "end_lineno", 0),
            ):
                holder = node
        if not isinstance(holder, ast.List):
            return None
        slot = next(
            (i for i, e in enumerate(holder.elts) if e.lineno > number),
            len(holder.elts),
        )
        return ListSpot(holder, slot) if self._clean_gap(holder, slot) else None

    def _clean_gap(self, node: ast.List, slot: int) -> bool:
        """Only whitespace, comments and the separating comma between the token in
        front of gap `slot` (`[` or the previous element) and the one after it."""
        elements = node.elts
        if slot == 0:
            top, tail = node.lineno, self._after(node.lineno, node.col_offset + 1)
            opening = _BLANK_TAIL
        else:
            before = elements[slot - 1]
            top = before.end_lineno or 0
            tail = self._after(top, before.end_col_offset or 0)
            opening = _COMMA_TAIL
            if slot == len(elements) and _BLANK_TAIL.match(tail):
                opening = _BLANK_TAIL  # no trailing comma
        if not opening.match(tail):
            return False
        if slot < len(elements):
            bottom = elements[slot].lineno
            head = self._before(bottom, elements[slot].col_offset)
        else:
            bottom = node.end_lineno or 0
            head = self._before(bottom, (node.end_col_offset or 1) - 1)
        if head.strip(" \t") or bottom <= top:
            return False
        return all(_BLANK_TAIL.match(self._line(n)) for n in range(top + 1, bottom))

    # --- the managed blocks above a marker -------------------------------------------

    def block(
        self, spot: StatementSpot, key_of: Callable[[ast.stmt], str | None]
    ) -> list[tuple[int, str]] | None:
        """(index, key) of the run of keyed statements directly above the spot
        (as `python_source.block_entries`); None when a statement shares a line."""
        entries: list[tuple[int, str]] = []
        body = spot.body
        position = spot.index - 1
        while position >= 0:
            statement = body[position]
            key = key_of(statement)
            if key is None:
                break
            if not self._alone(body, position):
                return None
            entries.append((position, key))
            position -= 1
        entries.reverse()
        return entries

    def _alone(self, body: list[ast.stmt], index: int) -> bool:
        """The statement is the only one on its lines, starting its first line."""
        statement = body[index]
        if index > 0 and (body[index - 1].end_lineno or 0) >= statement.lineno:
            return False
        following = body[index + 1] if index + 1 < len(body) else None
        if following is not None and following.lineno <= (statement.end_lineno or 0):
            return False
        return not self._before(statement.lineno, statement.col_offset).strip(" \t")

    def list_entries(self, spot: ListSpot) -> list[tuple[int, str]] | None:
        """(element index, name) of the string items directly above the marker (as
        `export.entries`); None when a gap is not in a shape decided here."""
        found: list[tuple[int, str]] = []
        node = spot.node
        index = spot.slot - 1
        while index >= 0:
            element = node.elts[index]
            value = string_value(element)
            if value is None:
                break
            if not self._clean_gap(node, index):
                return None  # maybe a one-line gap, where LibCST's block ends
            found.append((index, value))
            index -= 1
        found.reverse()
        return found


def import_key(
    module_of: Callable[[str], str | None], imported: str, suffix: str
) -> Callable[[ast.stmt], str | None]:
    """`m` for `from <module> import <imported> as <m><suffix>` (as
    `python_source.aliased_import_key`), where `module_of` names `m`."""

    def key_of(statement: ast.stmt) -> str | None:
        if not isinstance(statement, ast.ImportFrom) or statement.level:
            return None
        module = module_of(statement.module or "")
        if module is None or len(statement.names) != 1:
            return None
        alias = statement.names[0]
        if alias.name == imported and alias.asname == f"{module}{suffix}":
            return module
        return None

    return key_of


def string_value(node: ast.expr | None) -> str | None:
    """The value of a plain string literal (as `python_source.string_value`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


# --- the wiring files' managed blocks -------------------------------------------


def _module_between(prefix: str, suffix: str) -> Callable[[str], str | None]:
    """`m` for a dotted name `<prefix>.<m><suffix>` (m an identifier), else None."""

    def module_of(name: str) -> str | None:
        if not name.startswith(f"{prefix}.") or not name.endswith(suffix):
            return None
        middle = name[len(prefix) + 1 : len(name) - len(suffix)]
        return middle if middle.isidentifier() else None

    return module_of


def _include_key(receiver: str) -> Callable[[ast.stmt], str | None]:
    """`m` for `<receiver>.include_router(<m>_router, ...)` (`router.include_key`)."""

    def key_of(statement: ast.stmt) -> str | None:
        call = statement.value if isinstance(statement, ast.Expr) else None
        if not isinstance(call, ast.Call) or not call.args:
            return None
        if dotted(call.func) != f"{receiver}.include_router":
            return None
        first = call.args[0]
        if not isinstance(first, ast.Name) or not first.id.endswith("_router"):
            return None
        return first.id[: -len("_router")] or None

    return key_of


def _canonical_include(statement: ast.stmt, module: str) -> bool:
    """`include_router(<m>_router, prefix="/<m>", tags=["<m>"], ...)` (as
    `router._is_canonical_include`)."""
    call = statement.value if isinstance(statement, ast.Expr) else None
    if not isinstance(call, ast.Call) or len(call.args) != 1:
        return False
    keywords: dict[str, ast.expr] = {}
    for keyword in call.keywords:
        if keyword.arg is None:
            return False
        keywords[keyword.arg] = keyword.value
    tags = keywords.get("tags")
    return (
        string_value(keywords.get("prefix")) == f"/{module}"
        and isinstance(tags, ast.List)
        and len(tags.elts) == 1
        and string_value(tags.elts[0]) == module
    )


def _statement_block(
    source: PythonText, marker: str, key_of: Callable[[ast.stmt], str | None]
) -> tuple[StatementSpot, list[tuple[int, str]]] | None:
    spot = source.spot(marker)
    if not isinstance(spot, StatementSpot):
        return None
    entries = source.block(spot, key_of)
    return None if entries is None else (spot, entries)


def router_modules(
    source: PythonText, modules: str, receiver: str, markers: tuple[str, str]
) -> list[str] | None:
    """Modules the router file wires in its managed blocks (as `router.wired_modules`),
    when both blocks are decided here and sorted; else None."""
    names: list[str] = []

    def sort_key(name: str) -> tuple[str | int, ...]:
        return natural_key(f"{modules}.{name}.router")

    imports, includes = markers
    imported = import_key(_module_between(modules, ".router"), "router", "_router")
    for marker, key_of in ((imports, imported), (includes, _include_key(receiver))):
        found = _statement_block(source, marker, key_of)
        if found is None:
            return None
        spot, entries = found
        if not is_sorted([key for _, key in entries], sort_key):
            return None  # LibCST reports it, with the repair
        names.extend(
            key
            for index, key in entries
            if marker == imports or _canonical_include(spot.body[index], key)
        )
    return sorted(set(names), key=natural_key)


def model_modules(source: PythonText, modules: str, marker: str) -> list[str] | None:
    """Modules whose model the models file imports in its managed block (as
    `model.wired_modules`), when decided here and sorted; else None."""
    key_of = import_key(_module_between(modules, ""), "model", "_model")
    found = _statement_block(source, marker, key_of)
    if found is None:
        return None
    keys = [key for _, key in found[1]]
    if not is_sorted(keys, lambda name: natural_key(f"{modules}.{name}")):
        return None
    return sorted(set(keys), key=natural_key)


def export_names(source: PythonText, marker: str, *, order: bool) -> list[str] | None:
    """Names the `__all__` block above `marker` lists (as `export.wired_names`),
    when decided here (and, with `order`, sorted); else None."""
    spot = source.spot(marker)
    if not isinstance(spot, ListSpot):
        return None
    entries = source.list_entries(spot)
    if entries is None:
        return None
    names = [name for _, name in entries]
    if order and not is_sorted(names, natural_key):
        return None
    return sorted(set(names), key=natural_key)
