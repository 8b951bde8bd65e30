"""Export wiring: a `"<name>",` item of an `__all__` list, directly above a marker.

Used for `modules/__init__.py` (`# polepos:module-exports`) and
`integrations/__init__.py` (`# polepos:integration-exports`).
"""

from __future__ import annotations

import ast
import copy
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from codemods import codes
from codemods._core import Finding, Observation, Presence, WiringError
from codemods._deferred import defer
from codemods._names import check_identifier
from codemods.layout import MARKERS, Layout
from codemods.provenance import Collision
from codemods.python_text import (
    PYTHON,
    LineEdit,
    Outline,
    PythonFormat,
    alone,
    by_key,
    natural_key,
    normalize_marker,
    outline,
    splice,
    splice_statement,
)

if TYPE_CHECKING:
    import libcst as cst

    from codemods import checking
    from codemods import python_source as py
else:
    defer(globals(), "cst", "py", "checking")

MODULE_EXPORTS = MARKERS.module_exports
INTEGRATION_EXPORTS = MARKERS.integration_exports


def _decompose(
    node: cst.List,
) -> tuple[
    list[cst.Element],
    list[cst.BaseParenthesizableWhitespace],
    cst.BaseParenthesizableWhitespace | None,
]:
    """Elements, the whitespace slots around them, and the last comma's tail."""
    elements = [e for e in node.elements if isinstance(e, cst.Element)]
    if len(elements) != len(node.elements):
        raise WiringError("`__all__` with starred items is not managed")
    slots = py.list_slots(node)
    tail: cst.BaseParenthesizableWhitespace | None = None
    if elements and isinstance(elements[-1].comma, cst.Comma):
        tail = elements[-1].comma.whitespace_after
    return elements, slots, tail


def _rebuild(
    node: cst.List,
    elements: list[cst.Element],
    slots: list[cst.BaseParenthesizableWhitespace],
    tail: cst.BaseParenthesizableWhitespace | None,
) -> cst.List:
    """The list with `elements` separated by `slots` (inverse of `_decompose`)."""
    if not elements:
        return node.with_changes(
            elements=[],
            lbracket=node.lbracket.with_changes(whitespace_after=slots[0]),
            rbracket=node.rbracket.with_changes(
                whitespace_before=cst.SimpleWhitespace("")
            ),
        )
    rebuilt = []
    for index, element in enumerate(elements):
        comma = element.comma
        last = index == len(elements) - 1
        if isinstance(comma, cst.Comma):
            after = (tail or cst.SimpleWhitespace("")) if last else slots[index + 1]
            comma = comma.with_changes(whitespace_after=after)
        elif not last:
            comma = cst.Comma(whitespace_after=slots[index + 1])
        rebuilt.append(element.with_changes(comma=comma))
    return node.with_changes(
        elements=rebuilt,
        lbracket=node.lbracket.with_changes(whitespace_after=slots[0]),
        rbracket=node.rbracket.with_changes(whitespace_before=slots[-1]),
    )


def entries(site: py.ListSite) -> list[tuple[int, str]]:
    """(element index, name) of the string items directly above the marker."""
    found: list[tuple[int, str]] = []
    slots = py.list_slots(site.node)
    index = site.slot - 1
    while index >= 0:
        element = site.node.elements[index]
        value = py.string_value(element.value)
        if value is None or not isinstance(slots[index], cst.ParenthesizedWhitespace):
            break
        found.append((index, value))
        index -= 1
    found.reverse()
    return found


@dataclass(frozen=True)
class ExportEntry:
    """List `name` in the `__all__` above `marker` in the file at `path`."""

    path: str
    name: str
    marker: str = MODULE_EXPORTS

    format: ClassVar[PythonFormat] = PYTHON

    def __post_init__(self) -> None:
        check_identifier(self.name, "export")
        object.__setattr__(self, "marker", normalize_marker(self.marker))

    def _state(self, module: cst.Module) -> py.BlockState[py.ListSite, int]:
        site = py.list_site(module, self.marker, self.path)
        block = entries(site)
        mine = [index for index, name in block if name == self.name]
        managed = {index for index, _ in block}
        others = [
            index
            for index, element in enumerate(site.node.elements)
            if index not in managed and py.string_value(element.value) == self.name
        ]
        return py.BlockState(site, block, mine, others)

    @property
    def owner(self) -> str:
        """Who needs the entry, for messages."""
        return f"the `{self.marker}` block"

    def collisions(
        self, document: cst.Module, *, fresh: bool = False
    ) -> list[Collision]:
        """When fresh, every item already listing the name: a look-alike entry in
        the block is the user's, never adopted. Otherwise none (items outside
        the block are reported as unmanaged)."""
        if not fresh:
            return []
        module = py.as_module(document)
        site, _, mine, others = self._state(module)
        return sorted(
            Collision(py.line_of(module, site.node.elements[i]), self.name, "listed")
            for i in [*mine, *others]
        )

    def observe(self, document: cst.Module) -> Observation:
        """Present, absent, duplicated, or unmanaged (listed outside the block)."""
        module = py.as_module(document)
        site, _, mine, others = self._state(module)

        def lines(indices: list[int]) -> tuple[int, ...]:
            return tuple(
                py.line_of(module, site.node.elements[i]) or 0 for i in indices
            )

        if others:
            return Observation(
                Presence.UNMANAGED,
                lines(others),
                f"`{self.name}` is listed outside the managed block",
            )
        if len(mine) > 1:
            return Observation(Presence.DUPLICATED, lines(mine))
        if mine:
            return Observation(Presence.PRESENT, lines(mine))
        return Observation(Presence.ABSENT)

    def apply(self, document: cst.Module) -> cst.Module:
        """Add `"<name>",` in sorted position above the marker; no-op when present."""
        module = py.as_module(document)
        site, block, mine, others = self._state(module)
        if others:
            raise self._unmanaged(module, site, others)
        if mine:
            return module
        elements, slots, tail = _decompose(site.node)
        at = site.slot
        for index, name in block:
            if natural_key(self.name) < natural_key(name):
                at = index
                break
        slot = slots[at]
        if not isinstance(slot, cst.ParenthesizedWhitespace):
            raise self._shape(module, site)
        lines = list(slot.empty_lines)
        if at == site.slot:
            split = site.offset
            if at < len(elements):
                indent = slot.last_line
            else:
                indent = site.comment.whitespace
                if elements and not isinstance(elements[-1].comma, cst.Comma):
                    raise self._shape(module, site)
        else:
            # Leading blank lines go with the new item; comments stay with the
            # item they describe.
            split = next(
                (i for i, x in enumerate(lines) if not py.is_blank(x)), len(lines)
            )
            indent = slot.last_line
        before = slot.with_changes(empty_lines=lines[:split], last_line=indent)
        after = cst.ParenthesizedWhitespace(
            first_line=cst.TrailingWhitespace(),
            empty_lines=lines[split:],
            indent=slot.indent,
            last_line=slot.last_line,
        )
        new = cst.Element(value=cst.SimpleString(f'"{self.name}"'), comma=cst.Comma())
        elements.insert(at, new)
        slots[at : at + 1] = [before, after]
        return py.replace_node(
            module, site.node, _rebuild(site.node, elements, slots, tail)
        )

    def invert(self, document: cst.Module) -> cst.Module:
        """Remove the managed item, handing its comment lines to what follows."""
        module = py.as_module(document)
        while True:
            site, _, mine, others = self._state(module)
            if others:
                raise self._unmanaged(module, site, others)
            if not mine:
                return module
            at = mine[-1]
            elements, slots, tail = _decompose(site.node)
            first, second = slots[at], slots[at + 1]
            assert isinstance(first, cst.ParenthesizedWhitespace)
            assert isinstance(second, cst.ParenthesizedWhitespace)
            merged = first.with_changes(
                empty_lines=[*first.empty_lines, *second.empty_lines],
                indent=second.indent,
                last_line=second.last_line,
            )
            del elements[at]
            slots[at : at + 2] = [merged]
            rebuilt = _rebuild(site.node, elements, slots, tail)
            module = py.replace_node(module, site.node, rebuilt)

    def _unmanaged(
        self, module: cst.Module, site: py.ListSite, others: list[int]
    ) -> WiringError:
        line = py.line_of(module, site.node.elements[others[0]])
        return WiringError(
            f"{self.path}:{line}: `{self.name}` is listed in `__all__` outside the "
            f"managed block above `{self.marker}`; edit it by hand",
            path=self.path,
            line=line,
        )

    def _shape(self, module: cst.Module, site: py.ListSite) -> WiringError:
        line = py.line_of(module, site.comment)
        return WiringError(
            f"{self.path}:{line}: the `__all__` list around `{self.marker}` must have "
            "one item per line with trailing commas",
            path=self.path,
            line=line,
        )

    def check(self, document: cst.Module) -> list[Finding]:
        """Findings when the name is not listed exactly once in the block."""
        return checking.observed_findings(
            self,
            document,
            missing=codes.EXPORT_MISSING,
            what=f"export `{self.name}`",
            marker=self.marker,
            present=lambda module: py.wired_once(self._state(module)),
        )

    # -- text faces (codemods._core.TextShortcut) -------------------------------
    # The LibCST faces above are the definition; these decide black's exploded
    # `__all__` (one `"name",` per line, the marker on its own line) on lines and
    # decline (None) everything else.

    def _text_state(self, text: str) -> tuple[_ExportText, list[int], bool] | None:
        """The list, the lines of the managed item, and whether the name is
        listed outside the block too."""
        found = outline(text)
        if found is None:
            return None
        listing = found.memo(
            ("export", self.marker), lambda: _export_list(found, self.marker)
        )
        if listing is None:
            return None
        mine = listing.block_lines.get(self.name, [])
        elsewhere = self.name in listing.below_lines
        return listing, mine, elsewhere

    def apply_text(self, text: str) -> str | None:
        """`apply` decided on lines: the list as the tool writes it, else None."""
        state = self._text_state(text)
        if state is None or state[2] or len(state[1]) > 1:
            return None
        listing, mine, _ = state
        if mine:
            return text
        at = next(
            (
                line
                for line, name in listing.block
                if natural_key(self.name) < natural_key(name)
            ),
            listing.marker,
        )
        line = f'{_ITEM_INDENT}"{self.name}",'
        if _ITEM.match(line) is None:
            return splice(listing.outline.lines, [(at, at, [line])])
        position = sum(1 for number, _ in listing.block if number < at)
        return _edited(listing, [(at, at, [line])], position, ast.Constant(self.name))

    def invert_text(self, text: str) -> str | None:
        """`invert` decided on lines: the list as the tool writes it, else None."""
        state = self._text_state(text)
        if state is None or state[2] or len(state[1]) > 1:
            return None
        listing, mine, _ = state
        if not mine:
            return text
        position = sum(1 for number, _ in listing.block if number < mine[0])
        return _edited(listing, [(mine[0], mine[0] + 1, [])], position, None)

    def check_text(self, text: str) -> list[Finding] | None:
        """`check` decided on lines: [] for a name listed once, in its block."""
        state = self._text_state(text)
        if state is None or state[2] or len(state[1]) != 1:
            return None
        return []

    def claims_text(self, text: str) -> list[Collision] | None:
        """`collisions(fresh=True)` decided on lines: [] when the list does not
        name it, else None."""
        state = self._text_state(text)
        if state is None or state[2] or state[1]:
            return None
        return []


def _layout(layout: Layout | str) -> Layout:
    # A bare package name means the generated layout (direct codemod runs, tests).
    if isinstance(layout, str):
        check_identifier(layout, "package")
        return Layout.default(layout)
    return layout


def module_export(layout: Layout | str, module: str) -> ExportEntry:
    """The export of a feature module in the layout's `modules/__init__.py`."""
    path = _layout(layout).module_exports_file
    return ExportEntry(path, module, MODULE_EXPORTS)


def integration_export(layout: Layout | str, name: str) -> ExportEntry:
    """The export of an integration in the layout's `integrations/__init__.py`."""
    path = _layout(layout).integration_exports_file
    return ExportEntry(path, name, INTEGRATION_EXPORTS)


def wired_names(
    document: cst.Module, marker: str = MODULE_EXPORTS, path: str = ""
) -> list[str]:
    """Names listed in the managed block above `marker`."""
    site = py.list_site(py.as_module(document), normalize_marker(marker), path)
    return py.names_in(name for _, name in entries(site))


def block_findings(document: cst.Module, marker: str, path: str) -> list[Finding]:
    """Marker and ordering findings for an export block."""
    module = py.as_module(document)
    marker = normalize_marker(marker)
    try:
        site = py.list_site(module, marker, path)
    except WiringError as error:
        return [checking.marker_finding(error)]
    block = entries(site)
    if py.is_sorted([name for _, name in block], py.natural_key):
        return []
    return [
        codes.BLOCK_OUT_OF_ORDER.finding(
            f"the block above `{marker}` is not sorted",
            "Run `polepos check --fix` to sort it.",
            path,
            py.line_of(module, site.node.elements[block[0][0]]),
        )
    ]


def sort_block(document: cst.Module, marker: str, path: str) -> cst.Module:
    """The export block re-sorted; comment lines stay where they were."""
    module = py.as_module(document)
    site = py.list_site(module, normalize_marker(marker), path)
    block = entries(site)
    names = [name for _, name in block]
    if py.is_sorted(names, py.natural_key):
        return module
    elements = list(site.node.elements)
    order = sorted(range(len(block)), key=lambda j: natural_key(names[j]))
    for position, (index, _) in enumerate(block):
        source = elements[block[order[position]][0]]
        elements[index] = elements[index].with_changes(value=source.value)
    return py.replace_node(module, site.node, site.node.with_changes(elements=elements))


# --- text faces: black's exploded `__all__` as lines -------------------------------

_ITEM_INDENT = "    "
_ITEM = re.compile(r'^    "([A-Za-z_][A-Za-z0-9_]*)",$')


@dataclass(frozen=True)
class _ExportText:
    outline: Outline
    block: list[tuple[int, str]]  # (1-based line, name) of the items above the marker
    below: list[tuple[int, str]]  # the items below it
    marker: int

    @cached_property
    def block_lines(self) -> dict[str, list[int]]:
        """The lines of each name's items in the block."""
        return by_key(self.block)

    @cached_property
    def below_lines(self) -> dict[str, list[int]]:
        """The lines of each name's items below the marker."""
        return by_key(self.below)


def _export_list(found: Outline, marker: str) -> _ExportText | None:
    """The list holding `marker` when it is a top-level `__all__ = [` ... `]` of
    one plain `"name",` per line, the marker on a line of its own among them."""
    line = found.marker(marker, _ITEM_INDENT)
    if line is None:
        return None
    index = found.within(line)
    if index is None or not alone(found.body, index):
        return None
    statement = found.body[index]
    node = statement.node
    if not (
        isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id == "__all__"
        and isinstance(node.value, ast.List)
        and found.line(statement.start) == "__all__ = ["
        and found.line(statement.end) == "]"
    ):
        return None
    items: list[tuple[int, str]] = []
    for number in range(statement.start + 1, statement.end):
        if number == line:
            continue
        match = _ITEM.match(found.line(number))
        if match is None:
            return None
        items.append((number, match.group(1)))
    if len(items) != len(node.value.elts):
        return None
    block = [item for item in items if item[0] < line]
    below = [item for item in items if item[0] > line]
    return _ExportText(found, block, below, line)


def _edited(
    listing: _ExportText, edits: list[LineEdit], position: int, item: ast.expr | None
) -> str:
    """The text after `edits` of the list's item lines, which add `item` at
    `position` of the list (None: remove the one there).

    Every line inside the list is an item or the marker (`_export_list`), so
    the result parses; its outline is derived with the list it holds (the
    change set's syntax check parses nothing).
    """
    found = listing.outline
    index = found.within(listing.marker)
    assert index is not None
    statement = found.body[index].node
    assert isinstance(statement, ast.Assign)
    assert isinstance(statement.value, ast.List)
    elements = list(statement.value.elts)
    if item is None:
        del elements[position]
    else:
        elements.insert(position, item)
    node = copy.copy(statement)
    node.value = copy.copy(statement.value)
    node.value.elts = elements
    return splice_statement(found, index, edits, node)
