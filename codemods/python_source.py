"""Python source as the wiring kinds see it: parsing, markers, the cached scan, blocks.

Nothing here imports `libcst.codemod` or `libcst.matchers`: the CLI pays only for
`libcst` itself. A module is scanned once (one visitor pass, cached by identity)
and every operation over that module reads the same `Scan`. Line layout lives in
`codemods.wrapping`; turning observations into findings in `codemods.checking`.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar, cast

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from codemods import codes
from codemods._core import Observation, Operation, WiringError
from codemods.python_text import MARKER_RE as _MARKER_RE
from codemods.python_text import PYTHON as PYTHON
from codemods.python_text import NaturalKey as NaturalKey
from codemods.python_text import PythonFormat as PythonFormat
from codemods.python_text import SortKey as SortKey
from codemods.python_text import is_sorted as is_sorted
from codemods.python_text import natural_key as natural_key
from codemods.python_text import normalize_marker as normalize_marker

Suite = cst.Module | cst.IndentedBlock
T = TypeVar("T")


class MarkerError(WiringError):
    """A marker is missing or duplicated; `code` is its check code."""

    def __init__(
        self,
        message: str,
        *,
        code: codes.Code,
        path: str,
        line: int | None,
        hint: str = "Restore the marker comment where docs/managed-blocks.md shows it.",
    ):
        super().__init__(message, path=path, line=line)
        self.code = code
        self.hint = hint


def as_module(document: object) -> cst.Module:
    """`document` as a Module; a TypeError for anything else."""
    if not isinstance(document, cst.Module):
        raise TypeError(f"expected a libcst.Module, got {type(document).__name__}")
    return document


def marker_of(line: cst.EmptyLine) -> str | None:
    """The canonical marker a comment line carries, or None."""
    if line.comment is None:
        return None
    match = _MARKER_RE.match(line.comment.value.strip())
    return f"# {match.group(1)}" if match else None


@dataclass(frozen=True)
class StatementSite:
    """A marker among statements: in `body[index].leading_lines` or, when
    `index == len(body)`, in the suite's footer."""

    suite: Suite
    index: int
    offset: int
    comment: cst.EmptyLine


@dataclass(frozen=True)
class ListSite:
    """A marker inside a multi-line list literal, in whitespace slot `slot`
    (slot i precedes element i; the last slot follows the last element)."""

    node: cst.List
    slot: int
    offset: int
    comment: cst.EmptyLine


Site = StatementSite | ListSite


def holder_lines(suite: Suite, index: int) -> Sequence[cst.EmptyLine]:
    """The comment/blank lines in front of `body[index]` (the footer past the end)."""
    if index == len(suite.body):
        return suite.footer
    return leading_lines(suite.body[index])


def leading_lines(statement: cst.CSTNode) -> Sequence[cst.EmptyLine]:
    """The comment and blank lines LibCST attaches in front of a statement."""
    lines: Sequence[cst.EmptyLine] = getattr(statement, "leading_lines", ())
    return lines


def _with_holder(
    body: list[cst.BaseStatement], suite: Suite, index: int, lines: list[cst.EmptyLine]
) -> Suite:
    """`suite` with `body` and the lines in front of `body[index]` replaced."""
    if index == len(body):
        return suite.with_changes(body=body, footer=lines)
    body[index] = body[index].with_changes(leading_lines=lines)
    return suite.with_changes(body=body)


def with_lines_before(
    suite: Suite, index: int, lines: Sequence[cst.EmptyLine]
) -> Suite:
    """`suite` with the lines in front of `body[index]` (the footer) replaced."""
    return _with_holder(list(suite.body), suite, index, list(lines))


def list_slots(node: cst.List) -> list[cst.BaseParenthesizableWhitespace]:
    """The whitespace between `[`, the elements and `]`, one slot per gap."""
    elements = node.elements
    if not elements:
        return [node.lbracket.whitespace_after]
    slots = [node.lbracket.whitespace_after]
    for element in elements[:-1]:
        comma = element.comma
        slots.append(
            comma.whitespace_after
            if isinstance(comma, cst.Comma)
            else cst.SimpleWhitespace("")
        )
    slots.append(node.rbracket.whitespace_before)
    return slots


def _slot_lines(slot: cst.BaseParenthesizableWhitespace) -> Sequence[cst.EmptyLine]:
    return slot.empty_lines if isinstance(slot, cst.ParenthesizedWhitespace) else ()


@dataclass
class Scan:
    """Markers and candidate wiring nodes of one module, collected in one pass."""

    markers: dict[str, list[Site]] = field(default_factory=dict)
    imports: list[cst.ImportFrom | cst.Import] = field(default_factory=list)
    calls: list[cst.Call] = field(default_factory=list)


class _Scanner(cst.CSTVisitor):
    """Collects marker sites, imports and `*.include_router(...)` calls."""

    def __init__(self) -> None:
        super().__init__()
        self.scan = Scan()

    def _suite(self, suite: Suite) -> None:
        for index in range(len(suite.body) + 1):
            for offset, line in enumerate(holder_lines(suite, index)):
                marker = marker_of(line)
                if marker is not None:
                    site = StatementSite(suite, index, offset, line)
                    self.scan.markers.setdefault(marker, []).append(site)

    def visit_Module(self, node: cst.Module) -> bool:
        self._suite(node)
        return True

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> bool:
        self._suite(node)
        return True

    def visit_List(self, node: cst.List) -> bool:
        for slot_index, slot in enumerate(list_slots(node)):
            for offset, line in enumerate(_slot_lines(slot)):
                marker = marker_of(line)
                if marker is not None:
                    site = ListSite(node, slot_index, offset, line)
                    self.scan.markers.setdefault(marker, []).append(site)
        return True

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        self.scan.imports.append(node)
        return False

    def visit_Import(self, node: cst.Import) -> bool:
        self.scan.imports.append(node)
        return False

    def visit_Call(self, node: cst.Call) -> bool:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "include_router":
            self.scan.calls.append(node)
        return True


# Per node class: its child fields, and the name of its `visit_<Class>` method.
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}
_VISIT_NAMES: dict[type, str] = {}
# Classes whose fields LibCST declares in another order than the source (and its
# own traversal) has them, as (fields that come first, fields that come last).
# Only nodes that can hold statements, calls or lists matter; whitespace and
# brackets hold none. tests/codemods/test_scan_walk.py compares both traversals.
_REORDERED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "FunctionDef": (("decorators",), ("body",)),
    "ClassDef": (("decorators",), ("body",)),
    "ExceptHandler": ((), ("body",)),
    "ExceptStarHandler": ((), ("body",)),
    "MatchCase": ((), ("body",)),
    "IfExp": (("body",), ()),
    "Parameters": (("posonly_params", "posonly_ind", "params", "star_arg"), ()),
}


def walk(node: cst.CSTNode, visitor: cst.CSTVisitor) -> None:
    """Call `visitor.visit_<Class>` on every node in the order `node.visit` would.

    A read-only walk over the nodes' fields: `CSTNode.visit` rebuilds every node
    on the way back up even when nothing changes, which made one scan of a
    200-module router cost three times as much. The visitor's `leave_*` methods
    are not called, and `visit_*` returning False skips the node's children.
    """
    kind = type(node)
    method = _VISIT_NAMES.get(kind)
    if method is None:
        method = _VISIT_NAMES[kind] = f"visit_{kind.__name__}"
    visit = getattr(visitor, method, None)
    if visit is not None and visit(node) is False:
        return
    names = _CHILD_FIELDS.get(kind)
    if names is None:
        names = _child_fields(kind)
        _CHILD_FIELDS[kind] = names
    for name in names:
        value = getattr(node, name)
        if isinstance(value, cst.CSTNode):
            walk(value, visitor)
        elif isinstance(value, tuple | list):
            for item in value:
                if isinstance(item, cst.CSTNode):
                    walk(item, visitor)


def _child_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node class in source order."""
    declared = [f.name for f in dataclasses.fields(kind)]
    first, last = _REORDERED.get(kind.__name__, ((), ()))
    middle = [name for name in declared if name not in first and name not in last]
    return tuple(name for name in (*first, *middle, *last) if name in declared)


class _IdentityCache(Generic[T]):
    """A small LRU keyed by module identity (CST nodes are slotted: no weakrefs).

    Holding the module itself keeps its `id` from being reused while cached.
    """

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self.items: OrderedDict[int, tuple[cst.Module, T]] = OrderedDict()

    def get(self, module: cst.Module) -> T | None:
        item = self.items.get(id(module))
        if item is None or item[0] is not module:
            return None
        self.items.move_to_end(id(module))
        return item[1]

    def put(self, module: cst.Module, value: T) -> None:
        self.items[id(module)] = (module, value)
        if len(self.items) > self.size:
            self.items.popitem(last=False)


_scans: _IdentityCache[Scan] = _IdentityCache()
_positions: _IdentityCache[Mapping[cst.CSTNode, CodeRange]] = _IdentityCache()
_memos: _IdentityCache[dict[Hashable, object]] = _IdentityCache()


def memo(module: cst.Module, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per module object and key: per-file indexes many checks share.

    Checking N modules of one file would otherwise rescan the file N times.
    """
    table = _memos.get(module)
    if table is None:
        table = {}
        _memos.put(module, table)
    if key not in table:
        table[key] = compute()
    # Keys are namespaced by the caller, which always computes the same type.
    return cast(T, table[key])


def scan(module: cst.Module) -> Scan:
    """The facts of `module`, computed once per module object (one traversal)."""
    cached: Scan | None = _scans.get(module)
    if cached is None:
        scanner = _Scanner()
        walk(module, scanner)
        cached = scanner.scan
        _scans.put(module, cached)
    return cached


def line_of(module: cst.Module, node: cst.CSTNode) -> int | None:
    """1-based line of `node` in `module` (positions are computed once per module)."""
    positions: Mapping[cst.CSTNode, CodeRange] | None = _positions.get(module)
    if positions is None:
        # unsafe_skip_copy: the positions must be keyed by *our* nodes, and the
        # deep copy alone costs more than the resolution on large files.
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        positions = wrapper.resolve(PositionProvider)
        _positions.put(module, positions)
    found = positions.get(node)
    return found.start.line if found is not None else None


def find_marker(module: cst.Module, marker: str, path: str) -> Site:
    """The one site of `marker`; `WiringError` naming file and marker otherwise."""
    sites = scan(module).markers.get(marker, [])
    if not sites:
        raise MarkerError(
            f"{path}: marker `{marker}` not found",
            code=codes.MARKER_MISSING,
            path=path,
            line=None,
        )
    if len(sites) > 1:
        lines = [line_of(module, site.comment) for site in sites]
        raise MarkerError(
            f"{path}: marker `{marker}` appears {len(sites)} times (lines "
            + ", ".join(str(line) for line in lines)
            + ")",
            code=codes.MARKER_DUPLICATED,
            path=path,
            line=lines[1],
        )
    return sites[0]


def statement_site(module: cst.Module, marker: str, path: str) -> StatementSite:
    """The site of a marker that must sit between statements."""
    site = find_marker(module, marker, path)
    if not isinstance(site, StatementSite):
        raise WiringError(
            f"{path}: marker `{marker}` must be on a line of its own between "
            "statements, not inside an expression",
            path=path,
            line=line_of(module, site.comment),
        )
    return site


def list_site(module: cst.Module, marker: str, path: str) -> ListSite:
    """The site of a marker that must sit inside a list literal."""
    site = find_marker(module, marker, path)
    if not isinstance(site, ListSite):
        raise WiringError(
            f"{path}: marker `{marker}` must be inside the `__all__` list",
            path=path,
            line=line_of(module, site.comment),
        )
    return site


def replace_node(module: cst.Module, old: cst.CSTNode, new: cst.CSTNode) -> cst.Module:
    """`module` with the node `old` (by identity) replaced by `new`."""
    if old is module:
        assert isinstance(new, cst.Module)
        return new
    replaced = module.deep_replace(old, new)
    assert isinstance(replaced, cst.Module)
    return replaced


def dotted(node: cst.BaseExpression | None) -> str | None:
    """`a.b.c` for a Name/Attribute chain, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        head = dotted(node.value)
        return None if head is None else f"{head}.{node.attr.value}"
    return None


def string_value(node: cst.BaseExpression) -> str | None:
    """The value of a plain (non-f, non-bytes) string literal, any quote style."""
    if isinstance(node, cst.SimpleString):
        raw = node.value
        # The common '"name"' needs no evaluation: LibCST's evaluated_value runs
        # ast.literal_eval: some 40k calls in a `check` of 200 modules, one per
        # __all__ item per export checked.
        if (
            len(raw) >= 2
            and raw[0] in "\"'"
            and raw[-1] == raw[0]
            and raw[:3] not in ('"""', "'''")
            and "\\" not in raw
        ):
            return raw[1:-1]
    if isinstance(node, cst.SimpleString | cst.ConcatenatedString):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def blank_line() -> cst.EmptyLine:
    """A blank line; `indent=False` so no trailing whitespace in indented blocks."""
    return cst.EmptyLine(indent=False)


def is_blank(line: cst.EmptyLine) -> bool:
    """True for a line without a comment."""
    return line.comment is None


def comment_line(text: str) -> cst.EmptyLine:
    """A comment line at the block's indentation."""
    return cst.EmptyLine(comment=cst.Comment(text))


def parse_stmt(code: str, module: cst.Module) -> cst.BaseStatement:
    """Parse one generated statement with the file's newline and indentation."""
    return cst.parse_statement(code, config=module.config_for_parsing)


KeyOf = Callable[[cst.BaseStatement], str | None]


def block_entries(suite: Suite, index: int, key_of: KeyOf) -> list[tuple[int, str]]:
    """(body index, key) of the run of entry statements directly above `index`."""
    entries: list[tuple[int, str]] = []
    position = index - 1
    while position >= 0:
        key = key_of(suite.body[position])
        if key is None:
            break
        entries.append((position, key))
        position -= 1
    entries.reverse()
    return entries


def insert_statements(
    suite: Suite,
    marker: str,
    marker_index: int,
    entry_count: int,
    at: int,
    statements: Sequence[cst.BaseStatement],
    header: Sequence[cst.EmptyLine] = (),
    separator: int = 0,
    join: bool = False,
) -> Suite:
    """Insert `statements` at body index `at` of a block ending at `marker_index`.

    The lines in front of the insertion point move to the new statements (so the
    inverse can hand them back by concatenation); `separator` blank lines are kept
    between the block and its marker, created when the block was empty. `join`
    (see `joins_imports`): an empty block opens directly below the statement in
    front of it, and the blank lines above the marker stay where they are.
    """
    body: list[cst.BaseStatement] = list(suite.body)
    lead: list[cst.EmptyLine]
    if at == marker_index:
        holder = list(holder_lines(suite, marker_index))
        offset = next(i for i, line in enumerate(holder) if marker_of(line) == marker)
        pre, rest = holder[:offset], holder[offset:]
        cut = len(pre) - separator
        if entry_count == 0 and join and all(is_blank(line) for line in pre):
            lead = []
        elif entry_count == 0:
            lead, pre = pre, [blank_line() for _ in range(separator)]
        elif cut >= 0 and all(is_blank(line) for line in pre[cut:]):
            lead, pre = pre[:cut], pre[cut:]
        else:
            lead = []
        suite = _with_holder(body, suite, marker_index, pre + rest)
        body = list(suite.body)
    else:
        following = list(leading_lines(body[at]))
        # Leading blank lines separate the block from what precedes it and go to
        # the new first entry; comments stay with the statement they describe.
        split = next(
            (i for i, line in enumerate(following) if not is_blank(line)),
            len(following),
        )
        lead = following[:split]
        body[at] = body[at].with_changes(leading_lines=following[split:])
    first = statements[0].with_changes(leading_lines=[*lead, *header])
    body[at:at] = [first, *statements[1:]]
    return suite.with_changes(body=body)


def remove_statements(
    suite: Suite,
    at: int,
    count: int,
    header_count: int = 0,
    separator: int = 0,
    block_emptied: bool = False,
    join: bool = False,
) -> Suite:
    """Remove `count` statements at `at`, handing their leading lines (minus the
    `header_count` header lines they own) to whatever follows them.

    `join` is `insert_statements`'s: a joined block's last entry has no lines of
    its own, and the separator in front of the marker was there before it.
    """
    body: list[cst.BaseStatement] = list(suite.body)
    lead = list(leading_lines(body[at]))
    transfer = lead[: len(lead) - header_count] if header_count else lead
    del body[at : at + count]
    following = list(holder_lines(suite.with_changes(body=body), at))
    if (
        block_emptied
        and separator
        and not (join and not lead)
        and len(following) > separator
        and all(is_blank(line) for line in following[:separator])
    ):
        following = following[separator:]
    return _with_holder(body, suite, at, transfer + following)


def joins_imports(suite: Suite, index: int, package: str) -> bool:
    """True when the statement in front of body index `index` imports from
    `package` (absolute, `import` or `from`): a managed import of `package` placed
    there belongs to that paragraph, isort's first-party section, not a new one."""
    if index <= 0 or index > len(suite.body):
        return False
    previous = suite.body[index - 1]
    if not isinstance(previous, cst.SimpleStatementLine) or not previous.body:
        return False
    for small in previous.body:
        if isinstance(small, cst.ImportFrom):
            if small.relative:
                return False  # isort's local-folder section comes after ours
            names = [dotted(small.module)]
        elif isinstance(small, cst.Import):
            names = [dotted(alias.name) for alias in small.names]
        else:
            return False
        if any((name or "").split(".")[0] != package for name in names):
            return False
    return True


def insertion_point(
    entries: Sequence[tuple[int, str]], key: str, end: int, sort_key: SortKey
) -> int:
    """Body index at which `key` keeps the (sorted) block sorted."""
    for index, existing in entries:
        if sort_key(key) < sort_key(existing):
            return index
    return end


def indent_of(suite: Suite, module: cst.Module) -> str:
    """The absolute indentation of statements in `suite` (found by walking)."""
    if isinstance(suite, cst.Module):
        return ""
    finder = _IndentFinder(suite, module.default_indent)
    module.visit(finder)
    return finder.found


class _IndentFinder(cst.CSTVisitor):
    """Accumulates indentation down to one IndentedBlock."""

    def __init__(self, target: cst.IndentedBlock, default: str) -> None:
        super().__init__()
        self.target = target
        self.default = default
        self.stack: list[str] = [""]
        self.found = ""

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> bool:
        own = node.indent if node.indent is not None else self.default
        self.stack.append(self.stack[-1] + own)
        if node is self.target:
            self.found = self.stack[-1]
            return False
        return True

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock) -> None:
        self.stack.pop()


def names_in(items: Iterable[str]) -> list[str]:
    """Sorted, de-duplicated module names."""
    return sorted(set(items), key=natural_key)


def marker_line(module: cst.Module, marker: str) -> int | None:
    """Line of the (first) site of `marker`, for findings that point at a block."""
    sites = scan(module).markers.get(marker, [])
    return line_of(module, sites[0].comment) if sites else None


def sort_block(
    module: cst.Module, path: str, marker: str, key_of: KeyOf, sort_key: SortKey
) -> cst.Module:
    """The block above `marker` sorted; leading lines stay where they were."""
    site = statement_site(module, marker, path)
    entries = block_entries(site.suite, site.index, key_of)
    keys = [key for _, key in entries]
    if is_sorted(keys, sort_key):
        return module
    statements = [site.suite.body[index] for index, _ in entries]
    order = sorted(range(len(keys)), key=lambda j: sort_key(keys[j]))
    body: list[cst.BaseStatement] = list(site.suite.body)
    for position, (index, _) in enumerate(entries):
        body[index] = statements[order[position]].with_changes(
            leading_lines=leading_lines(statements[position])
        )
    return replace_node(module, site.suite, site.suite.with_changes(body=body))


SiteT = TypeVar("SiteT", StatementSite, ListSite)
OtherT = TypeVar("OtherT")


class BlockState(NamedTuple, Generic[SiteT, OtherT]):
    """What one operation sees of its managed block, computed once per check."""

    site: SiteT
    # (index, key) of every managed entry of the block, in file order
    entries: list[tuple[int, str]]
    # indexes of the entries that are this operation's own
    mine: list[int]
    # the same wiring outside the managed block (nodes or list indexes)
    others: list[OtherT]


def wired_once(state: BlockState[SiteT, OtherT]) -> bool:
    """One managed entry of the operation, none of it elsewhere."""
    return not state.others and len(state.mine) == 1


def aliased_import_key(
    module_of: Callable[[cst.ImportFrom], str | None], imported: str, suffix: str
) -> KeyOf:
    """Key function: `m` for `from ... import <imported> as <m><suffix>`, else None.

    `module_of` names the module an import comes from (None when it is not one
    of the managed imports).
    """

    def key_of(stmt: cst.BaseStatement) -> str | None:
        if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
            return None
        node = stmt.body[0]
        if not isinstance(node, cst.ImportFrom) or isinstance(
            node.names, cst.ImportStar
        ):
            return None
        module = module_of(node)
        if module is None or len(node.names) != 1:
            return None
        alias = node.names[0]
        asname = alias.asname.name if alias.asname is not None else None
        if (
            dotted(alias.name) == imported
            and isinstance(asname, cst.Name)
            and asname.value == f"{module}{suffix}"
        ):
            return module
        return None

    return key_of


def observe_all(
    module: cst.Module, operations: Sequence[Operation[cst.Module]]
) -> list[Observation]:
    """Every operation's observation over one parsed module, from one shared scan."""
    scan(module)
    return [operation.observe(module) for operation in operations]
