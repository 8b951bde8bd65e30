"""Settings wiring: a block of typed fields on `Settings`, directly above a marker.

The block may open with a one-line header comment, e.g.::

    # Redis: polepos add integration redis
    redis_enabled: bool = False
    redis_url: str = "redis://localhost:6379/0"
    # polepos:integration-settings

A field's annotation may use a `typing` name (`Literal[...]`) the settings file
does not bind: an adopted project's settings need not import it.
`SettingsFields.owning(document)` is the block that also imports those names,
so its `imports` are exactly the imports it adds; `invert` takes back only
those (and only while nothing else uses them), never one the user wrote. The
plan records them (the lock note `ADDED_IMPORTS`), so `remove` and `check`
rebuild the same operation.
"""

from __future__ import annotations

import builtins
import typing
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

import libcst as cst

from codemods import _bindings as bindings
from codemods import codes
from codemods import python_source as py
from codemods._core import Finding, Observation, Presence, WiringError
from codemods._names import check_identifier
from codemods.checking import observed_findings
from codemods.fields_imports import ensure_import, referenced_names, release_import
from codemods.fields_spec import Import
from codemods.layout import MARKERS, Layout
from codemods.provenance import Collision, collision_error, collision_findings

AUTH_SETTINGS = MARKERS.auth_settings
LLM_SETTINGS = MARKERS.llm_settings
INTEGRATION_SETTINGS = MARKERS.integration_settings

Field = tuple[str, str, str | None]
_MARKER_CODES = frozenset({codes.MARKER_MISSING.code, codes.MARKER_DUPLICATED.code})
# The lock note naming the imports a settings block added (`typing:Literal`).
ADDED_IMPORTS = "added_imports"
_TYPING = "typing"
_TYPING_NAMES = frozenset(typing.__all__) - frozenset(dir(builtins))


def settings_path(package: str) -> str:
    """Where `Settings` lives in a generated project."""
    return str(Layout.default(package).settings_file)


def field_name(stmt: cst.BaseStatement) -> str | None:
    """The target of a `name: type [= value]` or `name = value` class statement."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return None
    node = stmt.body[0]
    if isinstance(node, cst.AnnAssign) and isinstance(node.target, cst.Name):
        return node.target.value
    if (
        isinstance(node, cst.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0].target, cst.Name)
    ):
        return node.targets[0].target.value
    return None


@dataclass(frozen=True)
class SettingsFields:
    """Add typed fields, as one block with an optional header, above a marker."""

    path: str
    marker: str
    fields: tuple[Field, ...]
    header: str | None = None
    imports: tuple[Import, ...] = ()  # top-level imports the block added

    format: ClassVar[py.PythonFormat] = py.PYTHON

    def __init__(
        self,
        path: str,
        marker: str,
        fields: Sequence[Field],
        header: str | None = None,
        imports: Sequence[Sequence[str]] = (),
    ) -> None:
        # A custom __init__ so callers may pass lists; the dataclass stays frozen.
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "marker", py.normalize_marker(marker))
        object.__setattr__(self, "fields", tuple(tuple(f) for f in fields))
        owned: list[Import] = []
        for source, name in imports:
            if source != _TYPING or name not in _TYPING_NAMES:
                raise ValueError(f"not a typing name a settings block imports: {name}")
            owned.append((source, name))
        object.__setattr__(self, "imports", tuple(sorted(set(owned))))
        if header is not None:
            text = header.strip()
            header = text if text.startswith("#") else f"# {text}"
            if "\n" in header or "\r" in header:
                raise ValueError("a settings header is one line")
        object.__setattr__(self, "header", header)
        if not self.fields:
            raise ValueError("a settings block needs at least one field")
        names = [name for name, _, _ in self.fields]
        for name in names:
            check_identifier(name, "settings field")
        if len(set(names)) != len(names):
            raise ValueError("settings field names must be distinct")

    @property
    def names(self) -> tuple[str, ...]:
        """The field names, in order."""
        return tuple(name for name, _, _ in self.fields)

    def typing_names(self) -> tuple[str, ...]:
        """The `typing` names the annotations use by their bare name (`Literal`)."""
        used = {name for _, kind, _ in self.fields for name in _typing_names(kind)}
        return tuple(sorted(used))

    def unbound(self, document: cst.Module) -> tuple[str, ...]:
        """The annotations' `typing` names the module binds nowhere at top level."""
        bound = bindings.index(py.as_module(document).body)
        return tuple(name for name in self.typing_names() if name not in bound)

    def owning(self, document: cst.Module) -> SettingsFields:
        """This block, also importing the `typing` names `document` lacks: the
        operation `add` applies and records (see `imports_note`)."""
        imports = tuple((_TYPING, name) for name in self.unbound(document))
        return replace(self, imports=imports)

    def _statements(self, module: cst.Module) -> list[cst.BaseStatement]:
        return [
            py.parse_stmt(
                f"{name}: {kind}" if default is None else f"{name}: {kind} = {default}",
                module,
            )
            for name, kind, default in self.fields
        ]

    def _state(
        self, module: cst.Module
    ) -> tuple[py.StatementSite, list[int], list[int]]:
        """The marker site, starts of complete runs of the fields, stray indices."""
        site = py.statement_site(module, self.marker, self.path)
        body = site.suite.body
        names = [field_name(stmt) for stmt in body]
        width = len(self.fields)
        runs = [
            start
            for start in range(len(body) - width + 1)
            if tuple(names[start : start + width]) == self.names
        ]
        covered = {start + offset for start in runs for offset in range(width)}
        stray = [
            index
            for index, name in enumerate(names)
            if name in self.names and index not in covered
        ]
        return site, runs, stray

    def _header_count(self, statement: cst.BaseStatement) -> int:
        lines = py.leading_lines(statement)
        if (
            self.header is not None
            and lines
            and lines[-1].comment is not None
            and lines[-1].comment.value == self.header
        ):
            return 1
        return 0

    @property
    def owner(self) -> str:
        """Who needs the names, for messages."""
        return f"the `{self.marker}` block"

    def collisions(
        self, document: cst.Module, *, fresh: bool = False
    ) -> list[Collision]:
        """Bindings of the field names in the class the tool did not write: a
        `@property`, a method, a nested class, an import (when fresh: every one,
        fields included)."""
        module = py.as_module(document)
        site, runs, stray = self._state(module)
        body = site.suite.body
        skip: set[int] = set()
        if not fresh:
            # The managed run, and stray fields (reported as unmanaged), are not
            # collisions: only other kinds of binding are.
            width = len(self.fields)
            indices = [s + o for s in runs for o in range(width)] + list(stray)
            for index in indices:
                skip.add(id(body[index]))
                skip.update(id(node) for node in getattr(body[index], "body", ()))
        found = [
            Collision(py.line_of(module, node), name, "defined")
            for name in self.names
            for node in bindings.scope_binders(module, site.suite, name)
            if id(node) not in skip
        ]
        return sorted(set(found))

    def observe(self, document: cst.Module) -> Observation:
        """Present (all fields, in order, together), absent, duplicated, unmanaged."""
        module = py.as_module(document)
        site, runs, stray = self._state(module)

        def lines(indices: list[int]) -> tuple[int, ...]:
            return tuple(py.line_of(module, site.suite.body[i]) or 0 for i in indices)

        if stray:
            return Observation(
                Presence.UNMANAGED,
                lines(stray),
                "some of the fields exist outside their block",
            )
        if len(runs) > 1:
            return Observation(Presence.DUPLICATED, lines(runs))
        if runs:
            return Observation(Presence.PRESENT, lines(runs))
        return Observation(Presence.ABSENT)

    def apply(self, document: cst.Module) -> cst.Module:
        """Add the block directly above the marker; no-op when present."""
        module = py.as_module(document)
        site, runs, stray = self._state(module)
        if stray:
            raise self._unmanaged(module, site, stray)
        collisions = self.collisions(module)
        if collisions:
            raise collision_error(self.path, self.owner, collisions[0])
        if not runs:
            header = [py.comment_line(self.header)] if self.header else []
            new = py.insert_statements(
                site.suite,
                self.marker,
                site.index,
                0,
                site.index,
                self._statements(module),
                header,
            )
            module = py.replace_node(module, site.suite, new)
        return self._ensure_imports(module)

    def _ensure_imports(self, module: cst.Module) -> cst.Module:
        missing = set(self._missing_imports(module))
        for wanted in self.imports:
            if wanted[1] in missing:
                # The package only ranks first-party imports; typing is stdlib.
                module = ensure_import(module, wanted, "")
        return module

    def _missing_imports(self, module: cst.Module) -> tuple[str, ...]:
        """Owned imports whose name the module does not bind (any other binding,
        `from typing_extensions import Literal` say, is left alone)."""
        bound = bindings.index(module.body)
        return tuple(name for _, name in self.imports if name not in bound)

    def invert(self, document: cst.Module) -> cst.Module:
        """Remove the block and its header, then each import it added that
        nothing uses any more; no-op when both are absent."""
        module = py.as_module(document)
        while True:
            site, runs, stray = self._state(module)
            if stray:
                raise self._unmanaged(module, site, stray)
            if not runs:
                break
            start = runs[-1]
            new = py.remove_statements(
                site.suite,
                start,
                len(self.fields),
                header_count=self._header_count(site.suite.body[start]),
            )
            module = py.replace_node(module, site.suite, new)
        if self.imports:
            used = referenced_names(module)
            for wanted in reversed(self.imports):
                module = release_import(module, wanted, "", used)
        return module

    def _unmanaged(
        self, module: cst.Module, site: py.StatementSite, stray: list[int]
    ) -> WiringError:
        line = py.line_of(module, site.suite.body[stray[0]])
        return WiringError(
            f"{self.path}:{line}: settings fields "
            + ", ".join(f"`{n}`" for n in self.names)
            + " are only partly present or split up; edit them by hand",
            path=self.path,
            line=line,
        )

    def check(self, document: cst.Module) -> list[Finding]:
        """Findings when the fields are not present exactly once, together, or
        when one of their names is defined otherwise in the class."""
        findings = observed_findings(
            self,
            document,
            missing=codes.SETTINGS_MISSING,
            what=f"settings {self._what()}",
            marker=self.marker,
        )
        if any(f.code in _MARKER_CODES for f in findings):
            return findings
        module = py.as_module(document)
        if not findings:
            findings = self._import_findings(module)
        collisions = self.collisions(module)
        if collisions:
            # Re-applying would refuse: nothing here is for `--fix`.
            findings = [replace(f, fixable=False) for f in findings]
        return findings + collision_findings(self.path, self.owner, collisions)

    def _import_findings(self, module: cst.Module) -> list[Finding]:
        """PP206 when the present block uses a `typing` name the file does not
        bind: fixable when the block added that import, else the user's to fix."""
        owned = {name for _, name in self.imports}
        site, runs, _ = self._state(module)
        findings: list[Finding] = []
        for name in self.unbound(module):
            users = [
                index
                for index, (_, kind, _) in enumerate(self.fields)
                if name in _typing_names(kind)
            ]
            fields = ", ".join(f"`{self.fields[index][0]}`" for index in users)
            statement = site.suite.body[runs[0] + users[0]] if runs else None
            findings.append(
                codes.SETTINGS_IMPORT_MISSING.finding(
                    f"{self.path}: settings field{'s' * (len(users) > 1)} {fields} "
                    f"use{'s' * (len(users) == 1)} `{name}`, which the file does "
                    "not import (NameError when the settings load)",
                    (
                        "Run `polepos check --fix` to import it again."
                        if name in owned
                        else f"Add `from typing import {name}` to the file."
                    ),
                    self.path,
                    py.line_of(module, statement) if statement else None,
                    fixable=name in owned,
                )
            )
        return findings

    def _what(self) -> str:
        return ", ".join(f"`{n}`" for n in self.names)


def _typing_names(annotation: str) -> set[str]:
    """The `typing` names one annotation uses by their bare name."""
    try:
        parsed = cst.parse_module(annotation)
    except cst.ParserSyntaxError:
        return set()  # applying the field reports the broken annotation
    return referenced_names(parsed) & _TYPING_NAMES


def imports_note(imports: Sequence[Import]) -> str:
    """The `ADDED_IMPORTS` lock note for `imports`: `typing:Literal,...`."""
    return ",".join(f"{source}:{name}" for source, name in imports)


def parse_imports_note(note: str) -> tuple[Import, ...]:
    """The imports an `ADDED_IMPORTS` note names (unknown entries are skipped)."""
    found: list[Import] = []
    for item in note.split(","):
        source, _, name = item.strip().partition(":")
        if source == _TYPING and name in _TYPING_NAMES:
            found.append((source, name))
    return tuple(found)


def field_names(document: cst.Module, marker: str, path: str) -> list[str]:
    """Names of the fields between `marker` and the marker or code above it."""
    module = py.as_module(document)
    site = py.statement_site(module, py.normalize_marker(marker), path)
    names: list[str] = []
    index = site.index - 1
    while index >= 0:
        statement = site.suite.body[index]
        name = field_name(statement)
        if name is None:
            break
        names.append(name)
        if any(py.marker_of(line) for line in py.leading_lines(statement)):
            break
        index -= 1
    return sorted(names)
