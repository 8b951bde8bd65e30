"""Restore a missing marker comment where docs/managed-blocks.md puts it.

`restore_marker(path, marker)` is the `polepos check --fix` repair for PP101. It
inserts the marker (and the blank lines of its shape) at the syntactically right
place, so the file stays black/isort clean and the wiring kinds work afterwards:

* `# polepos:router-imports`: one blank line below the last top-level
  `from <pkg>.modules.<m>.router import router as <m>_router` (else the last
  top-level import);
* `# polepos:router-includes`: directly below the last top-level
  `<receiver>.include_router(...)` statement, however many lines it spans (else one
  blank line below the last `<name> = APIRouter(...)` or `FastAPI(...)`);
* `# polepos:model-imports`: the last line of `import_models()`, one blank line
  below the imports when the body ends with an import; in a file without
  `import_models()` (an adopted Alembic `env.py` or `models/__init__.py`), one
  blank line below the last top-level import, where `polepos adopt` puts it;
* `# polepos:module-exports` / `# polepos:integration-exports`: the last line of
  the `__all__` list, which is exploded into black's one-item-per-line form;
* the settings and env markers keep their order (auth < llm < integration). When
  a later marker exists, the new one goes above that marker's block (the fields or
  keys directly above it) followed by a blank line; content separated from that
  block by a blank line and directly following the preceding marker is the new
  marker's own block, and the marker closes it. Without a later marker it goes
  after the last annotated field / at the end of `.env.example`, one blank line
  below unless it closes the content that follows its predecessor.

The inserted lines depend only on the file's structure, never on the blank lines
already there, so `invert` can take back exactly what `apply` added:
`invert(apply(x)) == x` whenever the marker was missing in `x`. Restoring after
the marker *and the blank line it brought* were deleted gives the original bytes.
One ambiguity is inherent: a one-line `__all__ = [...]` stays exploded after
`invert`, because black's exploded form is the only shape a marker fits in.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic

import libcst as cst

from codemods import codes
from codemods import python_source as py
from codemods._core import (
    D,
    DocumentFormat,
    Finding,
    Observation,
    Presence,
    WiringError,
)
from codemods.env import ENV_FORMAT, EnvDocument, EnvFormat
from codemods.layout import DEFAULT_RECEIVER, MARKERS, Layout
from codemods.router import factory_target, receiver_of
from codemods.settings import field_name

ROUTER_IMPORTS = MARKERS.router_imports
ROUTER_INCLUDES = MARKERS.router_includes
MODEL_IMPORTS = MARKERS.model_imports
MODULE_EXPORTS = MARKERS.module_exports
INTEGRATION_EXPORTS = MARKERS.integration_exports
AUTH_SETTINGS = MARKERS.auth_settings
LLM_SETTINGS = MARKERS.llm_settings
INTEGRATION_SETTINGS = MARKERS.integration_settings
AUTH_ENV = MARKERS.auth_env
LLM_ENV = MARKERS.llm_env
INTEGRATION_ENV = MARKERS.integration_env

SETTINGS_ORDER = MARKERS.settings_order
ENV_ORDER = MARKERS.env_order
EXPORT_MARKERS = MARKERS.exports
KNOWN_MARKERS = MARKERS.wiring


def _layout(layout: Layout | str, db: str) -> Layout:
    # A bare package name means the generated layout (direct codemod runs, tests).
    return Layout.default(layout, db) if isinstance(layout, str) else layout


def expected_markers(
    layout: Layout | str, db: str = "sqlite"
) -> dict[str, tuple[str, ...]]:
    """Every managed file of the project with the markers it must hold."""
    return _layout(layout, db).expected_markers()


def restore_operations(
    layout: Layout | str, db: str = "sqlite"
) -> list[StatementMarker | SettingsMarker | ListMarker | EnvMarker]:
    """One restore operation per expected marker of the project."""
    return [
        restore_marker(path, marker)
        for path, markers in expected_markers(layout, db).items()
        for marker in markers
    ]


# --- small structural predicates ------------------------------------------------


def _small(stmt: cst.BaseStatement) -> Sequence[cst.BaseSmallStatement]:
    return stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ()


def _is_import(stmt: cst.BaseStatement) -> bool:
    small = _small(stmt)
    return bool(small) and all(
        isinstance(s, cst.Import | cst.ImportFrom) for s in small
    )


def _is_router_import(stmt: cst.BaseStatement) -> bool:
    """`from <pkg>.modules.<m>.router import router as <m>_router`."""
    small = _small(stmt)
    if len(small) != 1 or not isinstance(small[0], cst.ImportFrom):
        return False
    node = small[0]
    name = py.dotted(node.module) if not node.relative else None
    if name is None or isinstance(node.names, cst.ImportStar) or len(node.names) != 1:
        return False
    parts = name.split(".")
    if len(parts) < 4 or parts[-3] != "modules" or parts[-1] != "router":
        return False
    alias = node.names[0]
    asname = alias.asname.name if alias.asname is not None else None
    return (
        py.dotted(alias.name) == "router"
        and isinstance(asname, cst.Name)
        and asname.value == f"{parts[-2]}_router"
    )


def _is_include(stmt: cst.BaseStatement) -> bool:
    """A top-level `<receiver>.include_router(...)` statement (any line count)."""
    return receiver_of(stmt) is not None


def _is_router_assign(stmt: cst.BaseStatement) -> bool:
    """`<name> = APIRouter(...)` or `FastAPI(...)` (annotated or not)."""
    return factory_target(stmt) is not None


def _is_field(stmt: cst.BaseStatement) -> bool:
    small = _small(stmt)
    return len(small) == 1 and isinstance(small[0], cst.AnnAssign)


def _last(
    body: Sequence[cst.BaseStatement], test: Callable[[cst.BaseStatement], bool]
) -> int | None:
    found = [index for index, stmt in enumerate(body) if test(stmt)]
    return found[-1] if found else None


# Kinds of the items (lines and statements) around the settings and env markers.
_BLANK, _MARKER, _CONTENT, _OTHER = "blank", "marker", "content", "other"


def _above_next(kinds: Sequence[str], after: int) -> tuple[int, bool]:
    """Where a marker goes that precedes the marker at item `after`.

    The content (fields, keys, comments) directly above the next marker is that
    marker's block, so the new marker goes above it, followed by a blank line:
    `(start of that block, False)`. When a blank line separates that block from
    more content which directly follows a preceding marker, that content is the
    restored marker's own block: `(the separating blank line, True)`, and the
    marker is inserted alone between its block and the blank line.
    """
    start = after
    while start > 0 and kinds[start - 1] == _CONTENT:
        start -= 1
    if start > 0 and kinds[start - 1] == _BLANK:
        blank = start - 1
        first = blank
        while first > 0 and kinds[first - 1] == _CONTENT:
            first -= 1
        before = first - 1
        while before >= 0 and kinds[before] == _BLANK:
            before -= 1
        if first < blank and before >= 0 and kinds[before] == _MARKER:
            return blank, True
    return start, False


def _closes_own_block(kinds: Sequence[str], at: int) -> bool:
    """True when the marker at item `at` directly follows content (its block)."""
    return at > 0 and kinds[at - 1] == _CONTENT


@dataclass(frozen=True)
class _Spot:
    """Where a statement-level marker goes: `lines` at `offset` of holder `index`.

    `before` / `after`: a blank line is part of what apply inserts, in front of /
    behind the marker.
    """

    suite: py.Suite
    index: int
    offset: int
    before: bool
    after: bool


# --- the operations: one class per marker shape ----------------------------------


@dataclass(frozen=True)
class RestoreMarker(ABC, Generic[D]):
    """Insert a missing marker comment at its place; remove it again on invert.

    The shared base of the four marker shapes (statement, settings, list, env);
    `restore_marker(path, marker)` builds the right one for a marker.
    """

    path: str
    marker: str

    def __post_init__(self) -> None:
        marker = py.normalize_marker(self.marker)
        if marker not in KNOWN_MARKERS:
            raise ValueError(f"not a marker PolePosition manages: {self.marker!r}")
        object.__setattr__(self, "marker", marker)

    @property
    @abstractmethod
    def format(self) -> DocumentFormat[D]:
        """How the marker's file is parsed and rendered."""
        ...

    # -- the three faces ------------------------------------------------------

    @abstractmethod
    def apply(self, document: D) -> D:
        """Insert the marker where it belongs; a no-op when it is present."""
        ...

    @abstractmethod
    def invert(self, document: D) -> D:
        """Remove the marker line and the blank line apply adds with it."""
        ...

    def observe(self, document: D) -> Observation:
        """PRESENT (exactly once), ABSENT, or DUPLICATED with every line."""
        lines = self._lines(document)
        if not lines:
            return Observation(Presence.ABSENT, (), f"`{self.marker}` not found")
        if len(lines) > 1:
            return Observation(
                Presence.DUPLICATED,
                tuple(lines),
                f"`{self.marker}` appears {len(lines)} times",
            )
        return Observation(Presence.PRESENT, tuple(lines))

    def check(self, document: D) -> list[Finding]:
        """PP101 (fixable when the place is known) or PP102; empty when present."""
        if self._count(document) == 1:
            return []  # line numbers cost a position pass; only problems need them
        lines = self._lines(document)
        if len(lines) == 1:
            return []
        if len(lines) > 1:
            return [
                codes.MARKER_DUPLICATED.finding(
                    f"{self.path}: marker `{self.marker}` appears {len(lines)} times "
                    "(lines " + ", ".join(map(str, lines)) + ")",
                    "Keep the one at its managed block and delete the others.",
                    self.path,
                    lines[1],
                )
            ]
        message = f"{self.path}: marker `{self.marker}` not found"
        try:
            restored = self._lines(self.apply(document))
        except WiringError as error:
            return [
                codes.MARKER_MISSING.finding(
                    f"{message}; {error.message}",
                    "Restore the marker comment where docs/managed-blocks.md shows it.",
                    self.path,
                    error.line,
                    fixable=False,
                )
            ]
        return [
            codes.MARKER_MISSING.finding(
                message,
                "Run `polepos check --fix` to restore it.",
                self.path,
                restored[0] if restored else None,
                fixable=True,
            )
        ]

    # -- reading --------------------------------------------------------------

    @abstractmethod
    def _count(self, document: D) -> int:
        """How many times the marker appears (cheap: no line numbers)."""
        ...

    @abstractmethod
    def _lines(self, document: D) -> list[int]:
        """The 1-based line of every appearance of the marker."""
        ...

    def _error(self, what: str) -> WiringError:
        return WiringError(
            f"{self.path}: cannot restore `{self.marker}`: {what}; "
            "restore it by hand where docs/managed-blocks.md shows it",
            path=self.path,
        )


class _PythonMarker(RestoreMarker[cst.Module], ABC):
    """A marker in a Python file: found by the shared scan."""

    @property
    def format(self) -> py.PythonFormat:
        """`PYTHON`."""
        return py.PYTHON

    def apply(self, document: cst.Module) -> cst.Module:
        """Insert the marker where it belongs; a no-op when it is present."""
        module = py.as_module(document)
        if py.scan(module).markers.get(self.marker):
            return module
        return self._insert(module)

    def invert(self, document: cst.Module) -> cst.Module:
        """Remove the marker line and the blank line apply adds with it."""
        module = py.as_module(document)
        sites = py.scan(module).markers.get(self.marker, [])
        if not sites:
            return module
        site = sites[-1]
        if isinstance(site, py.ListSite):
            return _invert_list(module, site)
        holder = list(py.holder_lines(site.suite, site.index))
        before, after = self._blanks(module, site)
        start, stop = site.offset, site.offset + 1
        if before and start > 0 and py.is_blank(holder[start - 1]):
            start -= 1
        if after and stop < len(holder) and py.is_blank(holder[stop]):
            stop += 1
        del holder[start:stop]
        return py.replace_node(
            module, site.suite, py.with_lines_before(site.suite, site.index, holder)
        )

    @abstractmethod
    def _insert(self, module: cst.Module) -> cst.Module: ...

    def _blanks(self, module: cst.Module, site: py.StatementSite) -> tuple[bool, bool]:
        """(before, after): the blank lines apply inserts with a marker at `site`."""
        return False, False

    def _count(self, document: cst.Module) -> int:
        return len(py.scan(py.as_module(document)).markers.get(self.marker, []))

    def _lines(self, document: cst.Module) -> list[int]:
        module = py.as_module(document)
        sites = py.scan(module).markers.get(self.marker, [])
        return [py.line_of(module, site.comment) or 0 for site in sites]


class StatementMarker(_PythonMarker):
    """A marker between statements: the router imports and includes, the model
    imports inside `import_models()`."""

    def _insert(self, module: cst.Module) -> cst.Module:
        spot = self._spot(module)
        holder = list(py.holder_lines(spot.suite, spot.index))
        new = [
            *([py.blank_line()] if spot.before else []),
            py.comment_line(self.marker),
            *([py.blank_line()] if spot.after else []),
        ]
        holder[spot.offset : spot.offset] = new
        return py.replace_node(
            module, spot.suite, py.with_lines_before(spot.suite, spot.index, holder)
        )

    def _spot(self, module: cst.Module) -> _Spot:
        """Where apply puts the (missing) marker, and the blanks it adds."""
        if self.marker == ROUTER_IMPORTS:
            body = module.body
            at = _last(body, _is_router_import)
            if at is None:
                at = _last(body, _is_import)
            if at is None:
                raise self._error("the file has no top-level import")
            return _Spot(module, at + 1, 0, True, False)
        if self.marker == ROUTER_INCLUDES:
            body = module.body
            at = _last(body, _is_include)
            if at is not None:
                return _Spot(module, at + 1, 0, False, False)
            at = _last(body, _is_router_assign)
            if at is None:
                raise self._error(
                    f"no `{DEFAULT_RECEIVER} = APIRouter(...)` (or `FastAPI()`)"
                )
            return _Spot(module, at + 1, 0, True, False)
        if self.marker == MODEL_IMPORTS:
            block = self._function_body(module)
            if block is None:
                # An adopted project imports its models at the top of a file
                # (Alembic's env.py, models/__init__.py): adopt's shape.
                at = _last(module.body, _is_import)
                if at is None:
                    raise self._error(
                        "no top-level `def import_models():` block and no "
                        "top-level import"
                    )
                return _Spot(module, at + 1, 0, True, False)
            before = bool(block.body) and _is_import(block.body[-1])
            return _Spot(block, len(block.body), 0, before, False)
        raise self._error("not a statement marker")

    def _blanks(self, module: cst.Module, site: py.StatementSite) -> tuple[bool, bool]:
        """(before, after): the blank lines apply inserts with a marker at `site`."""
        previous = site.suite.body[site.index - 1] if site.index > 0 else None
        if self.marker == ROUTER_IMPORTS:
            return True, False
        if self.marker == ROUTER_INCLUDES:
            return not (previous is not None and _is_include(previous)), False
        if self.marker == MODEL_IMPORTS:
            return previous is not None and _is_import(previous), False
        return False, False

    def _function_body(self, module: cst.Module) -> cst.IndentedBlock | None:
        for stmt in module.body:
            if (
                isinstance(stmt, cst.FunctionDef)
                and stmt.name.value == "import_models"
                and isinstance(stmt.body, cst.IndentedBlock)
            ):
                return stmt.body
        return None


class SettingsMarker(StatementMarker):
    """A marker in `class Settings`, kept in order with its sibling markers."""

    def _spot(self, module: cst.Module) -> _Spot:
        return self._settings_spot(module)

    def _blanks(self, module: cst.Module, site: py.StatementSite) -> tuple[bool, bool]:
        later, earlier = self._neighbours(module, site.suite)
        if later is not None:
            items = self._items(site.suite)
            kinds = [kind for kind, _, _ in items]
            at = self._position(items, site.index, site.offset)
            return False, not _closes_own_block(kinds, at)
        return not self._closes_block(site.suite, earlier), False

    def _settings_body(self, module: cst.Module) -> cst.IndentedBlock:
        for stmt in module.body:
            if (
                isinstance(stmt, cst.ClassDef)
                and stmt.name.value == "Settings"
                and isinstance(stmt.body, cst.IndentedBlock)
            ):
                return stmt.body
        raise self._error("no top-level `class Settings` block")

    def _neighbours(
        self, module: cst.Module, suite: py.Suite
    ) -> tuple[py.StatementSite | None, py.StatementSite | None]:
        """The nearest present settings markers after and before this one."""
        found = py.scan(module).markers
        position = SETTINGS_ORDER.index(self.marker)

        def site_of(marker: str) -> py.StatementSite | None:
            for site in found.get(marker, []):
                if isinstance(site, py.StatementSite) and site.suite is suite:
                    return site
            return None

        later = next(
            (s for m in SETTINGS_ORDER[position + 1 :] if (s := site_of(m))), None
        )
        earlier = next(
            (s for m in reversed(SETTINGS_ORDER[:position]) if (s := site_of(m))),
            None,
        )
        return later, earlier

    def _closes_block(self, suite: py.Suite, earlier: py.StatementSite | None) -> bool:
        """True when the last field follows the preceding marker: its block."""
        last = _last(suite.body, _is_field)
        return earlier is not None and last is not None and last >= earlier.index

    @staticmethod
    def _items(suite: py.Suite) -> list[tuple[str, int, int]]:
        """(kind, holder index, offset) of every line, (kind, index, -1) of every
        statement of `suite`, in file order."""
        items: list[tuple[str, int, int]] = []
        for index in range(len(suite.body) + 1):
            for offset, line in enumerate(py.holder_lines(suite, index)):
                if py.marker_of(line) is not None:
                    kind = _MARKER
                else:
                    kind = _BLANK if py.is_blank(line) else _CONTENT
                items.append((kind, index, offset))
            if index < len(suite.body):
                named = field_name(suite.body[index]) is not None
                items.append((_CONTENT if named else _OTHER, index, -1))
        return items

    @staticmethod
    def _position(items: list[tuple[str, int, int]], index: int, offset: int) -> int:
        return items.index(next(i for i in items if i[1:] == (index, offset)))

    def _settings_spot(self, module: cst.Module) -> _Spot:
        block = self._settings_body(module)
        later, earlier = self._neighbours(module, block)
        if later is not None:
            items = self._items(block)
            kinds = [kind for kind, _, _ in items]
            at, own = _above_next(
                kinds, self._position(items, later.index, later.offset)
            )
            _, index, offset = items[at]
            if offset < 0:  # in front of a statement: the end of its leading lines
                offset = len(py.holder_lines(block, index))
            return _Spot(block, index, offset, False, not own)
        last = _last(block.body, _is_field)
        if self._closes_block(block, earlier):
            assert last is not None
            return _Spot(block, last + 1, 0, False, False)
        if earlier is not None:
            return _Spot(block, earlier.index, earlier.offset + 1, True, False)
        if last is None:
            raise self._error("`class Settings` has no annotated field")
        return _Spot(block, last + 1, 0, True, False)


class ListMarker(_PythonMarker):
    """A marker inside the `__all__` list (module and integration exports)."""

    def _insert(self, module: cst.Module) -> cst.Module:
        return self._apply_export(module)

    def _all_list(self, module: cst.Module) -> cst.List:
        for stmt in module.body:
            for node in _small(stmt):
                if isinstance(node, cst.Assign) and len(node.targets) == 1:
                    target: cst.BaseExpression = node.targets[0].target
                    value: cst.BaseExpression | None = node.value
                elif isinstance(node, cst.AnnAssign):
                    target, value = node.target, node.value
                else:
                    continue
                if isinstance(target, cst.Name) and target.value == "__all__":
                    if not isinstance(value, cst.List):
                        raise self._error("`__all__` is not a list literal")
                    return value
        raise self._error("no top-level `__all__ = [...]`")

    def _apply_export(self, module: cst.Module) -> cst.Module:
        node = self._all_list(module)
        if any(not isinstance(e, cst.Element) for e in node.elements):
            raise self._error("`__all__` has starred items")
        slots = py.list_slots(node)
        exploded = [s for s in slots if isinstance(s, cst.ParenthesizedWhitespace)]
        indent = next(
            (s.last_line for s in exploded if s.last_line.value),
            cst.SimpleWhitespace(module.default_indent),
        )
        marker = cst.EmptyLine(
            indent=True, whitespace=indent, comment=cst.Comment(self.marker)
        )

        def opened(
            slot: cst.BaseParenthesizableWhitespace,
        ) -> cst.ParenthesizedWhitespace:
            if isinstance(slot, cst.ParenthesizedWhitespace):
                return slot
            return cst.ParenthesizedWhitespace(indent=True, last_line=indent)

        elements = list(node.elements)
        if not elements:
            first = opened(slots[0])
            new = node.with_changes(
                lbracket=node.lbracket.with_changes(
                    whitespace_after=first.with_changes(
                        empty_lines=[marker, *first.empty_lines],
                        last_line=cst.SimpleWhitespace(""),
                    )
                ),
                rbracket=node.rbracket.with_changes(
                    whitespace_before=cst.SimpleWhitespace("")
                ),
            )
            return py.replace_node(module, node, new)
        rebuilt = []
        for index, element in enumerate(elements):
            comma = element.comma
            if index < len(elements) - 1:
                after: cst.BaseParenthesizableWhitespace = opened(slots[index + 1])
            else:
                after = cst.SimpleWhitespace("")
            if isinstance(comma, cst.Comma):
                comma = comma.with_changes(
                    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=after
                )
            else:
                comma = cst.Comma(whitespace_after=after)
            rebuilt.append(element.with_changes(comma=comma))
        last = slots[-1]
        closing = (
            last
            if isinstance(last, cst.ParenthesizedWhitespace)
            else cst.ParenthesizedWhitespace(indent=True)
        )
        new = node.with_changes(
            elements=rebuilt,
            lbracket=node.lbracket.with_changes(whitespace_after=opened(slots[0])),
            rbracket=node.rbracket.with_changes(
                whitespace_before=closing.with_changes(
                    empty_lines=[marker, *closing.empty_lines]
                )
            ),
        )
        return py.replace_node(module, node, new)


class EnvMarker(RestoreMarker[EnvDocument]):
    """A marker line in `.env.example`, kept in order with its sibling markers."""

    @property
    def format(self) -> EnvFormat:
        """`ENV_FORMAT`."""
        return ENV_FORMAT

    def apply(self, document: EnvDocument) -> EnvDocument:
        """Insert the marker where it belongs; a no-op when it is present."""
        return self._apply_env(_as_env(document))

    def invert(self, document: EnvDocument) -> EnvDocument:
        """Remove the marker line and the blank line apply adds with it."""
        return self._invert_env(_as_env(document))

    def _count(self, document: EnvDocument) -> int:
        return len(_env_indices(_as_env(document), self.marker))

    def _lines(self, document: EnvDocument) -> list[int]:
        return [i + 1 for i in _env_indices(_as_env(document), self.marker)]

    def _env_neighbours(self, env: EnvDocument) -> tuple[int | None, int | None]:
        """Line indices of the nearest present env markers after and before."""
        position = ENV_ORDER.index(self.marker)

        def first(marker: str) -> int | None:
            found = _env_indices(env, marker)
            return found[0] if found else None

        later = next(
            (i for m in ENV_ORDER[position + 1 :] if (i := first(m)) is not None),
            None,
        )
        earlier = next(
            (i for m in reversed(ENV_ORDER[:position]) if (i := first(m)) is not None),
            None,
        )
        return later, earlier

    def _env_blank_before(self, env: EnvDocument, earlier: int | None) -> bool:
        """A blank line goes above a marker appended at the end, unless the marker
        closes the lines that follow its predecessor (or the file is empty)."""
        if not env.lines:
            return False
        if earlier is None:
            return True
        own = _env_indices(env, self.marker)
        return not any(
            env.content(i).strip()
            for i in range(earlier + 1, len(env.lines))
            if i not in own
        )

    def _apply_env(self, env: EnvDocument) -> EnvDocument:
        if _env_indices(env, self.marker):
            return env
        newline = env.newline
        later, earlier = self._env_neighbours(env)
        if later is not None:
            at, own = _above_next(_env_kinds(env), later)
            new = [self.marker + newline] + ([] if own else [newline])
            return env.replace(at, at, new)
        lines = list(env.lines)
        unterminated = bool(lines) and not lines[-1].endswith("\n")
        if unterminated:
            lines[-1] += newline
        new = [newline] if self._env_blank_before(env, earlier) else []
        new.append(self.marker if unterminated else self.marker + newline)
        return EnvDocument(tuple(lines + new))

    def _invert_env(self, env: EnvDocument) -> EnvDocument:
        found = _env_indices(env, self.marker)
        if not found:
            return env
        at = found[-1]
        later, earlier = self._env_neighbours(env)
        start, stop = at, at + 1
        if later is not None:
            own = _closes_own_block(_env_kinds(env), at)
            if not own and stop < len(env.lines) and not env.content(stop).strip():
                stop += 1
            return env.replace(start, stop, [])
        if (
            self._env_blank_before(env, earlier)
            and start > 0
            and not env.content(start - 1).strip()
        ):
            start -= 1
        unterminated = stop == len(env.lines) and not env.lines[at].endswith("\n")
        result = env.replace(start, stop, [])
        if unterminated and result.lines and start == len(result.lines):
            result = result.replace(start - 1, start, [result.content(start - 1)])
        return result


def restore_marker(
    path: str, marker: str
) -> StatementMarker | SettingsMarker | ListMarker | EnvMarker:
    """The restore operation of `marker` in the file at `path`, by marker shape."""
    canonical = py.normalize_marker(marker)
    if canonical in ENV_ORDER:
        return EnvMarker(path, marker)
    if canonical in SETTINGS_ORDER:
        return SettingsMarker(path, marker)
    if canonical in EXPORT_MARKERS:
        return ListMarker(path, marker)
    return StatementMarker(path, marker)


def _invert_list(module: cst.Module, site: py.ListSite) -> cst.Module:
    node = site.node
    slots = py.list_slots(node)
    slot = slots[site.slot]
    assert isinstance(slot, cst.ParenthesizedWhitespace)
    lines = list(slot.empty_lines)
    del lines[site.offset]
    fixed = slot.with_changes(empty_lines=lines)
    if site.slot == 0:
        new = node.with_changes(
            lbracket=node.lbracket.with_changes(whitespace_after=fixed)
        )
    elif site.slot == len(node.elements):
        new = node.with_changes(
            rbracket=node.rbracket.with_changes(whitespace_before=fixed)
        )
    else:
        elements = list(node.elements)
        element = elements[site.slot - 1]
        assert isinstance(element.comma, cst.Comma)
        elements[site.slot - 1] = element.with_changes(
            comma=element.comma.with_changes(whitespace_after=fixed)
        )
        new = node.with_changes(elements=elements)
    return py.replace_node(module, node, new)


def _as_env(document: object) -> EnvDocument:
    if not isinstance(document, EnvDocument):
        raise TypeError(f"expected an EnvDocument, got {type(document).__name__}")
    return document


def _env_indices(env: EnvDocument, marker: str) -> list[int]:
    """0-based indices of every line holding exactly `marker`."""
    return [
        index
        for index in range(len(env.lines))
        if env.content(index).strip().startswith("#")
        and _env_marker(env.content(index)) == marker
    ]


def _env_marker(content: str) -> str | None:
    try:
        return py.normalize_marker(content)
    except ValueError:
        return None


def _env_kinds(env: EnvDocument) -> list[str]:
    """The kind of every line: blank, marker, or content (keys and comments)."""
    kinds = []
    for index in range(len(env.lines)):
        content = env.content(index)
        if not content.strip():
            kinds.append(_BLANK)
        elif _env_marker(content) is not None:
            kinds.append(_MARKER)
        else:
            kinds.append(_CONTENT)
    return kinds
