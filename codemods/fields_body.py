"""One statement per field in a class or function body, above `# polepos:fields`.

The model, schema and sample kinds share this shape: a top-level class (or
function) holds the marker comment directly below its last field; `apply`
inserts the field's statement above the marker and adds the imports it
needs, `invert` removes that statement and the imports nothing else uses.
`RestoreFieldsMarker` puts the marker into bodies generated before templates
carried it, directly below the last annotated field, where new templates have it.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from typing import ClassVar

import libcst as cst

from codemods import codes
from codemods import python_source as py
from codemods._core import Finding, Observation, Presence, WiringError
from codemods.fields_imports import (
    ensure_import,
    referenced_names,
    release_import,
)
from codemods.fields_spec import Import
from codemods.layout import MARKERS
from codemods.wrapping import LINE_LENGTH, wrap_call

MARKER = MARKERS.fields
INDENT = "    "


def find_scope(module: cst.Module, scope: str) -> cst.ClassDef | cst.FunctionDef | None:
    """The top-level class or function named `scope`."""
    for stmt in module.body:
        if (
            isinstance(stmt, cst.ClassDef | cst.FunctionDef)
            and stmt.name.value == scope
        ):
            return stmt
    return None


def replace_body(
    module: cst.Module, node: cst.ClassDef | cst.FunctionDef, body: py.Suite
) -> cst.Module:
    """`module` with the body of its top-level `node` replaced (no tree walk)."""
    assert isinstance(body, cst.IndentedBlock)
    statements = list(module.body)
    index = next(i for i, stmt in enumerate(statements) if stmt is node)
    statements[index] = node.with_changes(body=body)
    return module.with_changes(body=statements)


def _body(node: cst.ClassDef | cst.FunctionDef) -> cst.IndentedBlock:
    if not isinstance(node.body, cst.IndentedBlock):
        raise WiringError(f"`{node.name.value}` has no indented body")
    return node.body


def marker_index(suite: cst.IndentedBlock) -> int | None:
    """Body index whose leading lines (the footer past the end) hold the marker."""
    for index in range(len(suite.body) + 1):
        if any(py.marker_of(line) == MARKER for line in py.holder_lines(suite, index)):
            return index
    return None


def class_key(stmt: cst.BaseStatement) -> str | None:
    """`name` for `name: T ...` in a class body."""
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        node = stmt.body[0]
        if isinstance(node, cst.AnnAssign) and isinstance(node.target, cst.Name):
            return node.target.value
    return None


def sample_key(stmt: cst.BaseStatement) -> str | None:
    """`name` for `fields["name"] = ...` in a function body."""
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
        return None
    node = stmt.body[0]
    if not isinstance(node, cst.Assign) or len(node.targets) != 1:
        return None
    target = node.targets[0].target
    if not (
        isinstance(target, cst.Subscript)
        and isinstance(target.value, cst.Name)
        and target.value.value == "fields"
        and len(target.slice) == 1
    ):
        return None
    index = target.slice[0].slice
    if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
        value = index.value.evaluated_value
        return value if isinstance(value, str) else None
    return None


def wrap(head: str, arguments: list[str] | None, indent: str = INDENT) -> str:
    """`head(arguments)` as black lays it out in a body at `indent`.

    Continuation lines are written relative to the body: LibCST indents them
    when it renders the statement inside the block.
    """
    if arguments is None:
        return black_layout(head, indent)
    code = wrap_call(indent, head, arguments)
    return black_layout(code.replace(f"\n{indent}", "\n"), indent)


def black_layout(code: str, indent: str = INDENT) -> str:
    """`code` unchanged when every line fits; else laid out by black itself.

    Generated lines almost always fit (black is then never imported); a long
    field name can push one over, and only black knows black's layout.
    """
    lines = code.split("\n")
    if all(len(indent) + len(line) <= LINE_LENGTH for line in lines):
        return code
    import black

    body = "".join(f"{indent}{line}\n" for line in lines)
    wrapped = black.format_str(f"class _:\n{body}", mode=black.Mode())
    inner = wrapped.split("\n", 1)[1].rstrip("\n")
    return "\n".join(line[len(indent) :] for line in inner.split("\n"))


@dataclass(frozen=True)
class FieldLine(abc.ABC):
    """The statement of one field in one scope, with its imports."""

    format: ClassVar[py.PythonFormat] = py.PYTHON

    @staticmethod
    def key_of(statement: cst.BaseStatement) -> str | None:
        """The field a line of the class body declares."""
        return class_key(statement)

    path: str
    package: str

    @property
    @abc.abstractmethod
    def scope(self) -> str:
        """The class or function whose body holds the field."""

    @property
    @abc.abstractmethod
    def key(self) -> str:
        """The field's name."""

    @abc.abstractmethod
    def code(self) -> str:
        """The statement, continuation lines relative to the body."""

    @abc.abstractmethod
    def imports(self) -> tuple[Import, ...]:
        """What the statement needs imported at the top of the file."""

    # -- locating -------------------------------------------------------------

    def _scope(
        self, module: cst.Module
    ) -> tuple[cst.ClassDef | cst.FunctionDef, cst.IndentedBlock]:
        node = find_scope(module, self.scope)
        if node is None:
            raise WiringError(
                f"{self.path}: `{self.scope}` not found; its fields cannot be "
                "managed",
                path=self.path,
            )
        return node, _body(node)

    def _mine(self, suite: cst.IndentedBlock) -> list[int]:
        return [i for i, stmt in enumerate(suite.body) if self.key_of(stmt) == self.key]

    def _same(self, module: cst.Module, stmt: cst.BaseStatement) -> bool:
        ours = py.parse_stmt(self.code(), module)
        return bool(
            module.code_for_node(stmt.with_changes(leading_lines=[]))
            == module.code_for_node(ours)
        )

    def where(self, module: cst.Module) -> int | None:
        """The line defining the field in its scope, or None."""
        _node, suite = self._scope(module)
        mine = self._mine(suite)
        return py.line_of(module, suite.body[mine[0]]) if mine else None

    # -- the three faces --------------------------------------------------------

    def apply(self, document: cst.Module) -> cst.Module:
        """Insert the field above the marker and import what it needs."""
        module = py.as_module(document)
        node, suite = self._scope(module)
        mine = self._mine(suite)
        if mine:
            if len(mine) == 1 and self._same(module, suite.body[mine[0]]):
                return module
            line = py.line_of(module, suite.body[mine[0]])
            raise WiringError(
                f"{self.path}:{line}: `{self.key}` is already defined in "
                f"`{self.scope}`",
                path=self.path,
                line=line,
            )
        at = marker_index(suite)
        if at is None:
            raise py.MarkerError(
                f"{self.path}: marker `{MARKER}` not found in `{self.scope}`",
                code=codes.MARKER_MISSING,
                path=self.path,
                line=py.line_of(module, node),
            )
        statement = py.parse_stmt(self.code(), module)
        new = py.insert_statements(suite, MARKER, at, 1, at, [statement])
        module = replace_body(module, node, new)
        for wanted in self.imports():
            module = ensure_import(module, wanted, self.package)
        return module

    def invert(self, document: cst.Module) -> cst.Module:
        """Remove the field and the imports only it used; a no-op when absent."""
        module = py.as_module(document)
        node = find_scope(module, self.scope)
        if node is None:
            return module
        suite = _body(node)
        mine = self._mine(suite)
        if not mine:
            return module
        if len(mine) > 1 or not self._same(module, suite.body[mine[0]]):
            line = py.line_of(module, suite.body[mine[0]])
            raise WiringError(
                f"{self.path}:{line}: `{self.key}` in `{self.scope}` was changed by "
                "hand; edit it back or remove it by hand",
                path=self.path,
                line=line,
            )
        new = py.remove_statements(suite, mine[0], 1)
        module = replace_body(module, node, new)
        used = referenced_names(module)
        for wanted in reversed(self.imports()):
            module = release_import(module, wanted, self.package, used)
        return module

    def observe(self, document: cst.Module) -> Observation:
        """Present, absent, duplicated, or unmanaged (a hand-changed line)."""
        module = py.as_module(document)
        node = find_scope(module, self.scope)
        if node is None:
            return Observation(Presence.ABSENT, (), f"`{self.scope}` not found")
        suite = _body(node)
        mine = self._mine(suite)
        lines = tuple(py.line_of(module, suite.body[i]) or 0 for i in mine)
        if not mine:
            return Observation(Presence.ABSENT)
        if len(mine) > 1:
            return Observation(Presence.DUPLICATED, lines)
        if not self._same(module, suite.body[mine[0]]):
            return Observation(Presence.UNMANAGED, lines, "changed by hand")
        return Observation(Presence.PRESENT, lines)

    def check(self, document: cst.Module) -> list[Finding]:
        """A finding unless the field is present exactly as recorded."""
        observation = self.observe(document)
        if observation.presence is Presence.PRESENT:
            return []
        line = observation.lines[0] if observation.lines else None
        if observation.presence is Presence.ABSENT:
            return [
                codes.FIELD_MISSING.finding(
                    f"{self.path}: field `{self.key}` of `{self.scope}` is recorded "
                    "but missing",
                    "Run `polepos check --fix` to add it back.",
                    self.path,
                    line,
                )
            ]
        return [
            codes.FIELD_CHANGED.finding(
                f"{self.path}: field `{self.key}` of `{self.scope}` differs from its "
                f"recorded shape ({observation.presence.value})",
                "Edit it back to what `polepos add field` wrote, or remove it by "
                "hand and from [fields] in the manifest.",
                self.path,
                line,
            )
        ]


@dataclass(frozen=True)
class RestoreFieldsMarker:
    """Put `# polepos:fields` directly below the last annotated field of a scope."""

    path: str
    scope: str
    format: ClassVar[py.PythonFormat] = py.PYTHON

    def _place(self, suite: cst.IndentedBlock) -> int:
        fields = [
            i
            for i, stmt in enumerate(suite.body)
            if class_key(stmt) is not None or sample_key(stmt) is not None
        ]
        return fields[-1] + 1 if fields else len(suite.body)

    def apply(self, document: cst.Module) -> cst.Module:
        """Insert the marker; a no-op when the scope already has one."""
        module = py.as_module(document)
        node = find_scope(module, self.scope)
        if node is None:
            raise WiringError(f"{self.path}: `{self.scope}` not found", path=self.path)
        suite = _body(node)
        if marker_index(suite) is not None:
            return module
        at = self._place(suite)
        holder = [py.comment_line(MARKER), *py.holder_lines(suite, at)]
        new = py._with_holder(list(suite.body), suite, at, holder)
        return replace_body(module, node, new)

    def invert(self, document: cst.Module) -> cst.Module:
        """Remove the marker line."""
        module = py.as_module(document)
        node = find_scope(module, self.scope)
        if node is None:
            return module
        suite = _body(node)
        at = marker_index(suite)
        if at is None:
            return module
        holder = [
            line for line in py.holder_lines(suite, at) if py.marker_of(line) != MARKER
        ]
        new = py._with_holder(list(suite.body), suite, at, holder)
        return replace_body(module, node, new)

    def observe(self, document: cst.Module) -> Observation:
        """Present when the scope holds the marker."""
        module = py.as_module(document)
        node = find_scope(module, self.scope)
        if node is None or marker_index(_body(node)) is None:
            return Observation(Presence.ABSENT)
        return Observation(Presence.PRESENT)

    def check(self, document: cst.Module) -> list[Finding]:
        """A finding when the marker is missing."""
        if self.observe(document).presence is Presence.PRESENT:
            return []
        return [
            codes.FIELDS_MARKER_MISSING.finding(
                f"{self.path}: `{self.scope}` lacks the `{MARKER}` marker",
                "Run `polepos check --fix` to restore it below the last field.",
                self.path,
            )
        ]
