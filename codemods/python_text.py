"""Python source read as lines: the format, markers, order, and the text faces' outline.

The light half of `codemods.python_source`: nothing here imports LibCST, so the
wiring kinds' text faces (codemods._core.TextShortcut) run without it. An
`Outline` is the stdlib `ast` view of a file's top-level statements, with the
line each one spans; the text faces decide a managed block from it and its
lines, and decline (None) whenever the file is not in a shape they handle
exactly. The LibCST faces remain the definition (docs/codemods.md, "Text faces").
"""

from __future__ import annotations

import ast
import bisect
import copy
import itertools
import re
import warnings
from collections.abc import Callable, Hashable, Sequence
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, TypeVar, cast

from codemods._core import WiringError
from codemods.layout import MARKER_PREFIX

if TYPE_CHECKING:
    import libcst as cst

# Module names are Python identifiers PolePosition generates: lower snake case.
MARKER_RE = re.compile(rf"^#\s*({re.escape(MARKER_PREFIX)}[a-z0-9][a-z0-9-]*)\s*$")

T = TypeVar("T")

# isort's order of one key; see `natural_key`.
NaturalKey = tuple[str | int, ...]
SortKey = Callable[[str], NaturalKey]
# (first, stop, new): lines first..stop-1 (1-based) become `new`; see `splice`.
LineEdit = tuple[int, int, list[str]]


class PythonFormat:
    """Parse Python text into a `libcst.Module` and render it back byte for byte."""

    name = "python"

    def parse(self, text: str) -> cst.Module:
        """Parse file text; a syntax error becomes a `WiringError`."""
        import libcst

        try:
            return libcst.parse_module(text)
        except libcst.ParserSyntaxError as error:
            raise WiringError(
                f"cannot parse Python: {error.message}", line=error.raw_line
            ) from error

    def render(self, document: cst.Module) -> str:
        """Render a module back to its exact text."""
        import libcst

        if not isinstance(document, libcst.Module):
            raise TypeError(f"expected a libcst.Module, got {type(document).__name__}")
        return document.code


PYTHON = PythonFormat()


def normalize_marker(marker: str) -> str:
    """The canonical comment text of a marker: `# polepos:<name>`."""
    text = marker.strip()
    if not text.startswith("#"):
        # Accept "polepos:x" and the bare "x" a command-line user may type.
        bare = text.startswith(MARKER_PREFIX)
        text = f"# {text}" if bare else f"# {MARKER_PREFIX}{text}"
    match = MARKER_RE.match(text)
    if match is None:
        raise ValueError(f"not a PolePosition marker: {marker!r}")
    return f"# {match.group(1)}"


_DIGITS = re.compile(r"(\d+)")


# Cached: every operation placing a module keys every entry of its block, so a
# rename (several operations) of a 200-module project keyed the same names 1600 times.
@lru_cache(maxsize=4096)
def natural_key(text: str) -> NaturalKey:
    """isort's default ("natural", case-insensitive) order: `a9` sorts before `a10`."""
    parts = _DIGITS.split(text.lower())
    return tuple(int(part) if part.isdigit() else part for part in parts)


def is_sorted(keys: Sequence[str], sort_key: SortKey) -> bool:
    """True when `keys` are in `sort_key` order."""
    return all(sort_key(a) <= sort_key(b) for a, b in itertools.pairwise(keys))


# --- the outline the text faces read ---------------------------------------------

# Characters the text faces never reason about: line ends other than "\n", tabs,
# form feeds (LibCST and the tokenizer treat them specially).
_ODD = re.compile(r"[\r\t\f\v\x00]")
# ASCII words: a name or a module path component. A non-ASCII neighbour only
# makes a word *appear* more often, which makes a face decline, never err.
_WORD = re.compile(r"[A-Za-z0-9_]+")
_WORD_CHARS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
)
_COMPOUND = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.Try,
    ast.TryStar,
    ast.With,
    ast.AsyncWith,
    ast.Match,
)


class Statement:
    """One statement of a suite and the 1-based lines it spans (decorators too)."""

    __slots__ = ("end", "node", "start")

    def __init__(self, node: ast.stmt, offset: int = 0) -> None:
        self.node = node
        decorators = getattr(node, "decorator_list", ())
        self.start = min([node.lineno, *(d.lineno for d in decorators)]) + offset
        self.end = (node.end_lineno or node.lineno) + offset

    def moved(self, offset: int) -> Statement:
        """The same statement `offset` lines further down (its node unchanged)."""
        statement = Statement.__new__(Statement)
        statement.node = self.node
        statement.start, statement.end = self.start + offset, self.end + offset
        return statement

    @property
    def compound(self) -> bool:
        """True for a statement with an indented body (`def`, `if`, ...)."""
        return isinstance(self.node, _COMPOUND)


class Outline:
    """A file's lines and top-level statements, for deciding managed blocks on text.

    `exact` is False for an outline derived from another by `splice_outline`
    (`splice_suite`, `splice_statement`): its statements' spans and the
    structure of their `ast` nodes are the file's, but the nodes keep the line
    numbers of the text they were parsed from. A face that reads node positions
    asks `outline(text, exact=True)`, or finds what it read in the memo.
    """

    def __init__(
        self,
        text: str,
        tree: ast.Module | None,
        body: list[Statement] | None = None,
    ) -> None:
        self.text = text
        self.lines = text.split("\n")[:-1]  # the text ends with "\n"
        self.exact = tree is not None
        self.body = suite(tree.body) if tree is not None else list(body or ())
        self._starts = [statement.start for statement in self.body]
        self._memo: dict[Hashable, object] = {}
        # What a face that seeded this derived outline's memo checks against a
        # parse of the text (`derivation_error`): each returns a difference or None.
        self.checks: list[Callable[[Outline], str | None]] = []

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()` once per outline and key: what every operation reads."""
        if key not in self._memo:
            self._memo[key] = compute()
        # Keys are namespaced by the caller, which always computes the same type.
        return cast(T, self._memo[key])

    def remembers(self, key: Hashable) -> bool:
        """True when `memo(key, ...)` would compute nothing."""
        return key in self._memo

    def line(self, number: int) -> str:
        """The text of 1-based line `number`, without its newline."""
        return self.lines[number - 1]

    @cached_property
    def words(self) -> dict[str, list[int]]:
        """Every ASCII word of the file with the 1-based lines holding it."""
        found: dict[str, list[int]] = {}
        for number, text in enumerate(self.lines, start=1):
            for word in set(_WORD.findall(text)):
                found.setdefault(word, []).append(number)
        return found

    def lines_of(self, word: str) -> list[int]:
        """`words.get(word, [])` without reading every word of the file: the
        faces ask about two words each, and a 200-module router file has
        thousands (building them all took ~1.5 ms a file)."""
        if "words" in self.__dict__ or not _WORD.fullmatch(word):
            return self.words.get(word, [])
        text, size = self.text, len(word)
        found: list[int] = []
        number, counted, start = 1, 0, 0
        while (at := text.find(word, start)) >= 0:
            start = at + 1
            # A whole word: no word character on either side.
            if text[at - 1 : at] in _WORD_CHARS:
                continue
            if text[at + size : at + size + 1] in _WORD_CHARS:
                continue
            number += text.count("\n", counted, at)
            counted = at
            if not found or found[-1] != number:
                found.append(number)
        return found

    def only_on(self, word: str, lines: Sequence[int]) -> bool:
        """True when `word` appears on no line outside `lines` (strings and
        comments count: a face may decline too often, never answer wrongly)."""
        return set(self.lines_of(word)) <= set(lines)

    def marker(self, marker: str, indent: str = "") -> int | None:
        """The 1-based line of `marker` when the text names it exactly once, on a
        line of its own that is exactly `indent` + the marker."""
        name = marker[2:]  # "# polepos:x" -> "polepos:x": any spelling holds it
        offset = self.text.find(name)
        if offset < 0 or self.text.find(name, offset + 1) >= 0:
            return None
        number = self.text.count("\n", 0, offset) + 1
        return number if self.line(number) == indent + marker else None

    def between(self, number: int) -> int | None:
        """Index of the last top-level statement above line `number` when that line
        lies between statements (not inside one); None otherwise."""
        after = bisect.bisect_right(self._starts, number)
        if after and self.body[after - 1].end >= number:
            return None
        return after - 1

    def within(self, number: int) -> int | None:
        """Index of the top-level statement whose lines hold line `number`."""
        index = bisect.bisect_right(self._starts, number) - 1
        if index < 0 or self.body[index].end < number:
            return None
        return index

    def blank(self, first: int, last: int) -> bool:
        """True when lines `first`..`last` (1-based, inclusive) are all empty."""
        return all(not self.lines[n - 1] for n in range(first, last + 1))


def suite(nodes: Sequence[ast.stmt]) -> list[Statement]:
    """The statements of one suite with their line spans."""
    return [Statement(node) for node in nodes]


def alone(body: Sequence[Statement], index: int) -> bool:
    """True when statement `index` shares none of its lines with a neighbour
    (`a; b` is one LibCST line of two small statements)."""
    here = body[index]
    before = index == 0 or body[index - 1].end < here.start
    after = index == len(body) - 1 or body[index + 1].start > here.end
    return before and after


# One parse per file text: during `check` the driver's readers
# (`codemods.text_source`) and the operations' text faces read the same wiring
# files, and neither mutates the tree.
@lru_cache(maxsize=16)
def parse(text: str) -> ast.Module | None:
    """The `ast` tree of `text`, or None when this interpreter does not parse it."""
    try:
        with warnings.catch_warnings():
            # `"\d"` in the user's code: ast warns (SyntaxWarning on 3.12+),
            # LibCST does not, and neither should a command that only reads it.
            warnings.simplefilter("ignore")
            return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def outline(text: str, *, exact: bool = False) -> Outline | None:
    """The outline of `text`, or None when no text face should read it: a line
    end other than "\\n", a tab or form feed, no final newline, or not Python
    that this interpreter parses. Unless `exact`, an outline `splice_outline`
    derived for `text` serves without parsing it."""
    if not exact:
        derived = _DERIVED.get(text)
        if derived is not None:
            return derived
    return _parsed_outline(text)


@lru_cache(maxsize=16)
def _parsed_outline(text: str) -> Outline | None:
    if not text.endswith("\n") or _ODD.search(text):
        return None
    tree = parse(text)
    return None if tree is None else Outline(text, tree)


# Outlines `splice_outline` derived, by text (the last few: a command edits a
# file a handful of times). A text here is known to parse: see `parses`.
_DERIVED: dict[str, Outline] = {}
_DERIVED_KEPT = 16


def derivation_error(text: str) -> str | None:
    """When `splice_outline` (or `splice_suite`, `splice_statement`) derived
    `text`'s outline: how it differs from the parsed one (spans, statements, a
    seeding face's checks), else None. For verification."""
    derived = _DERIVED.get(text)
    if derived is None:
        return None
    parsed = _parsed_outline(text)
    if parsed is None:
        return "the derived text does not parse"
    spans = [(s.start, s.end, ast.dump(s.node)) for s in derived.body]
    expected = [(s.start, s.end, ast.dump(s.node)) for s in parsed.body]
    for number, (mine, theirs) in enumerate(itertools.zip_longest(spans, expected)):
        if mine != theirs:
            return f"statement {number}: derived {mine}, parsed {theirs}"
    for check in derived.checks:
        error = check(parsed)
        if error is not None:
            return error
    return None


def clear_caches() -> None:
    """Forget every parse, outline and derived outline (tests count parses)."""
    parse.cache_clear()
    _parsed_outline.cache_clear()
    _DERIVED.clear()


def parses(text: str) -> bool:
    """True when `splice_outline` derived `text` from a parsed text, so it is
    known to parse without parsing it."""
    return text in _DERIVED


def dotted(node: ast.expr) -> str | None:
    """`a.b.c` for a Name/Attribute chain, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = dotted(node.value)
        return None if head is None else f"{head}.{node.attr}"
    return None


def aliased_import(
    node: ast.stmt, imported: str, suffix: str
) -> tuple[str, str] | None:
    """(module, x) for `from <module> import <imported> as <x><suffix>`: one
    name, absolute; None for any other statement."""
    if not isinstance(node, ast.ImportFrom) or node.level or node.module is None:
        return None
    if len(node.names) != 1:
        return None
    alias = node.names[0]
    if alias.name != imported or alias.asname is None:
        return None
    if not alias.asname.endswith(suffix):
        return None
    return node.module, alias.asname[: -len(suffix)]


def run_above(
    body: Sequence[Statement], last: int, key_of: Callable[[ast.stmt], str | None]
) -> list[tuple[int, str]] | None:
    """(index, key) of the run of keyed statements ending at index `last`, as
    `python_source.block_entries` finds it; None when the run has lines a text
    face does not place (comments or blanks between entries, `a; b` lines)."""
    found: list[tuple[int, str]] = []
    index = last
    while index >= 0:
        key = key_of(body[index].node)
        if key is None:
            break
        if not alone(body, index):
            return None
        found.append((index, key))
        index -= 1
    found.reverse()
    for (first, _), (second, _) in itertools.pairwise(found):
        if body[first].end + 1 != body[second].start:
            return None
    return found


def joins_imports(body: Sequence[Statement], index: int, package: str) -> bool | None:
    """`python_source.joins_imports` on an outline: True when the statement in
    front of `index` imports only from `package` (absolute); None when that
    statement shares its line with another (LibCST sees one line of both)."""
    if index <= 0 or index > len(body):
        return False
    if not alone(body, index - 1):
        return None
    node = body[index - 1].node
    if isinstance(node, ast.ImportFrom):
        if node.level or node.module is None:
            return False
        names = [node.module]
    elif isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        return False
    return all(name.split(".")[0] == package for name in names)


def by_key(entries: Sequence[tuple[int, str]]) -> dict[str, list[int]]:
    """The positions of each key among `entries`: one lookup per operation, not a
    scan, when `check` asks about every module of a file."""
    found: dict[str, list[int]] = {}
    for index, key in entries:
        found.setdefault(key, []).append(index)
    return found


def insertion_index(
    entries: Sequence[tuple[int, str]], key: str, sort_key: SortKey
) -> int | None:
    """Position in `entries` before which `key` keeps the block sorted (None: at
    the end), as `python_source.insertion_point` decides it."""
    for position, (_, existing) in enumerate(entries):
        if sort_key(key) < sort_key(existing):
            return position
    return None


def splice(lines: Sequence[str], edits: Sequence[LineEdit]) -> str:
    """The text of `lines` with each (first, stop, new) edit replacing the 1-based
    lines first..stop-1 by `new`; edits must not overlap."""
    result = list(lines)
    for first, stop, new in sorted(edits, key=lambda edit: edit[0], reverse=True):
        result[first - 1 : stop - 1] = new
    return "".join(f"{line}\n" for line in result)


def splice_outline(found: Outline, edits: Sequence[LineEdit]) -> str:
    """`splice(found.lines, edits)`, and the outline of the result derived from
    `found` when every edit replaces whole top-level statements (and the lines
    between them) by lines that parse on their own: the next face reading the
    result, and the change set's syntax check, then parse nothing.

    A 200-module router file took three parses per `rename module` (unwire,
    wire, the final check), each growing with the project; the edits are a
    line or two.
    """
    text = splice(found.lines, edits)
    if text not in _DERIVED:
        body = _derived_suite(found.lines, found.body, edits, "")
        if body is not None:
            _remember(Outline(text, None, body))
    return text


# Memo entries a face derives for the outline of its result, by key: the value,
# and the check `derivation_error` runs on a parse of the text (None: the same).
Seeds = dict[Hashable, tuple[object, Callable[[Outline], str | None]]]


def splice_suite(
    found: Outline,
    index: int,
    inner: Sequence[Statement],
    edits: Sequence[LineEdit],
    seed: Callable[[Outline, list[Statement]], Seeds] | None = None,
) -> str:
    """`splice(found.lines, edits)` for edits in the body of the top-level `def`
    or `class` at `index`, whose statements are `inner`: as `splice_outline` one
    level down (whole statements, lines that parse alone at the body's
    indentation), the result's outline is derived. `seed(derived, its inner
    statements)` fills the derived outline's memo, so a face that reads node
    positions (stale in a derived outline) finds its block computed.

    The model block is the body of `import_models()`: every `add` and `remove`
    parsed the grown db/models.py again to check the result's syntax.
    """
    text = splice(found.lines, edits)
    if text not in _DERIVED:
        derived = _derived_within(found, index, inner, edits)
        if derived is not None:
            body, statements = derived
            result = Outline(text, None, body)
            if seed is not None:
                for key, (value, check) in seed(result, statements).items():
                    result._memo[key] = value
                    result.checks.append(check)
            _remember(result)
    return text


def splice_statement(
    found: Outline, index: int, edits: Sequence[LineEdit], node: ast.stmt
) -> str:
    """`splice(found.lines, edits)` for edits strictly inside the lines of
    top-level statement `index` that its caller knows leave a statement that
    parses, `node` (its structure; positions inside it stale): the result's
    outline is derived. For a face that edits a display line by line, having
    checked every line of it (`__all__`); verification compares `node` with a
    parse of the result.
    """
    text = splice(found.lines, edits)
    if text in _DERIVED:
        return text
    statement = found.body[index]
    shift = 0
    for first, stop, new in edits:
        if not statement.start < first <= stop <= statement.end:
            return text
        shift += len(new) - (stop - first)
    _remember(Outline(text, None, _replaced(found.body, index, node, shift, shift)))
    return text


def _remember(derived: Outline) -> None:
    if len(_DERIVED) >= _DERIVED_KEPT:
        del _DERIVED[next(iter(_DERIVED))]
    _DERIVED[derived.text] = derived


def _replaced(
    body: Sequence[Statement], index: int, node: ast.stmt, grown: int, shift: int
) -> list[Statement]:
    """`body` with statement `index` now `node`, `grown` lines longer, and the
    statements after it `shift` lines further down."""
    edited = Statement.__new__(Statement)
    edited.node = node
    edited.start, edited.end = body[index].start, body[index].end + grown
    after = (statement.moved(shift) for statement in body[index + 1 :])
    return [*body[:index], edited, *after]


_SUITES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _derived_within(
    found: Outline, index: int, inner: Sequence[Statement], edits: Sequence[LineEdit]
) -> tuple[list[Statement], list[Statement]] | None:
    """The top-level statements after `edits` in the body of statement `index`,
    and that body's, or None when they are not known to parse (see
    `_derived_suite`) or leave the body empty."""
    statement = found.body[index]
    if not isinstance(statement.node, _SUITES) or not inner:
        return None
    opening = inner[0].start
    width = inner[0].node.col_offset
    indent = " " * width
    if opening <= statement.start or not width:
        return None  # a body on the header's line
    if not found.lines[opening - 1].startswith(indent):
        return None
    # Up to the next top-level statement, indented lines continue the body.
    limit = (
        found.body[index + 1].start
        if index + 1 < len(found.body)
        else len(found.lines) + 1
    )
    if any(first < opening or stop > limit for first, stop, _ in edits):
        return None
    statements = _derived_suite(found.lines, inner, edits, indent)
    if not statements:
        return None
    shift = sum(len(new) - (stop - first) for first, stop, new in edits)
    node = copy.copy(statement.node)
    node.body = [s.node for s in statements]
    grown = statements[-1].end - statement.end
    return _replaced(found.body, index, node, grown, shift), statements


def _derived_suite(
    lines: Sequence[str],
    body: Sequence[Statement],
    edits: Sequence[LineEdit],
    indent: str,
) -> list[Statement] | None:
    """The statements of suite `body` (at `indent`) after `edits`, or None when
    an edit cuts into a statement or inserts lines that do not parse alone as
    whole statements at that indentation.

    Statements of a suite end where the tokenizer is back at the suite's
    indentation with no bracket, string or continuation open, so whole
    statements, blank lines and comment lines cut and joined at those seams
    parse as they did.
    """
    result: list[Statement] = []
    index, shift = 0, 0
    for first, stop, new in sorted(edits, key=lambda edit: edit[0]):
        while index < len(body) and body[index].end < first:
            result.append(body[index].moved(shift))
            index += 1
        if index < len(body) and body[index].start < first:
            return None  # the edit starts inside a statement
        while index < len(body) and body[index].end < stop:
            index += 1  # replaced whole
        if index < len(body) and body[index].start < stop:
            return None  # the edit ends inside a statement
        if first > 1 and lines[first - 2].endswith("\\"):
            return None  # a continuation line would join the seam
        if new:
            chunk = _chunk(new, indent)
            if chunk is None:
                return None
            nodes, lead = chunk
            result.extend(Statement(node, first - 1 - lead + shift) for node in nodes)
        shift += len(new) - (stop - first)
    result.extend(statement.moved(shift) for statement in body[index:])
    return result


def _chunk(new: Sequence[str], indent: str) -> tuple[list[ast.stmt], int] | None:
    """The statements lines `new` hold when they parse alone as whole statements
    at `indent`, and how many lines above them the parse added; else None."""
    chunk = "".join(f"{line}\n" for line in new)
    if _ODD.search(chunk) or chunk.endswith("\\\n"):
        return None
    # Uncached: the few big texts a command edits keep their cache slots.
    if not indent:
        tree = parse.__wrapped__(chunk)
        return None if tree is None else (tree.body, 0)
    if all(not line.strip() or line.lstrip().startswith("#") for line in new):
        return [], 0  # blank and comment lines: no tokens the body sees
    # In a block of its own: statements at `indent`, none outside it.
    tree = parse.__wrapped__(f"if 1:\n{chunk}")
    if tree is None or len(tree.body) != 1:
        return None
    block = tree.body[0]
    if not isinstance(block, ast.If) or block.orelse:
        return None
    if block.body[0].col_offset != len(indent):
        return None
    return block.body, 1
