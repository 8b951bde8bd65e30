"""Markers `polepos adopt` places where `RestoreMarker` has no rule for the shape.

An adopted project keeps its own code: model imports may have to live at the
top of an Alembic `env.py` or a `models/__init__.py` (there is no
`import_models()`), and an app factory includes its routers inside
`create_app()`. `AnchoredMarker` puts the marker below the last top-level
import (one blank line between, which black requires after an import block) or
directly below the last `include_router` statement of the module or of one
top-level function, and `invert` takes back exactly those lines, so
`adopt --undo` restores the original bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import libcst as cst

from codemods import python_source as py
from codemods._core import Finding, Observation, Presence, WiringError

Anchor = Literal["import", "include"]


def _is_import(stmt: cst.BaseStatement) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and bool(stmt.body)
        and all(isinstance(s, cst.Import | cst.ImportFrom) for s in stmt.body)
    )


def _is_include(stmt: cst.BaseStatement, receiver: str) -> bool:
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return False
    expr = stmt.body[0]
    return (
        isinstance(expr, cst.Expr)
        and isinstance(expr.value, cst.Call)
        and py.dotted(expr.value.func) == f"{receiver}.include_router"
    )


@dataclass(frozen=True)
class AnchoredMarker:
    """Insert `marker` below the last import or include; `invert` removes it."""

    path: str
    marker: str
    anchor: Anchor
    receiver: str = ""
    function: str | None = None

    @property
    def format(self) -> py.PythonFormat:
        """Python source."""
        return py.PYTHON

    def _suite(self, module: cst.Module) -> py.Suite:
        if self.function is None:
            return module
        for stmt in module.body:
            if (
                isinstance(stmt, cst.FunctionDef)
                and stmt.name.value == self.function
                and isinstance(stmt.body, cst.IndentedBlock)
            ):
                return stmt.body
        raise WiringError(
            f"{self.path}: no top-level function {self.function}()", path=self.path
        )

    def _blank_before(self) -> bool:
        return self.anchor == "import"

    def apply(self, document: cst.Module) -> cst.Module:
        """Insert the marker below its anchor; a no-op when it is present."""
        module = py.as_module(document)
        if py.scan(module).markers.get(self.marker):
            return module
        suite = self._suite(module)
        found = [
            index
            for index, stmt in enumerate(suite.body)
            if (
                _is_import(stmt)
                if self.anchor == "import"
                else _is_include(stmt, self.receiver)
            )
        ]
        if not found:
            what = "import" if self.anchor == "import" else "include_router call"
            raise WiringError(f"{self.path}: no {what} to place `{self.marker}` below")
        at = found[-1] + 1
        lines = list(py.holder_lines(suite, at))
        new = [py.blank_line()] if self._blank_before() else []
        lines[0:0] = [*new, py.comment_line(self.marker)]
        return py.replace_node(module, suite, py.with_lines_before(suite, at, lines))

    def invert(self, document: cst.Module) -> cst.Module:
        """Remove the marker line and the blank line apply put in front of it."""
        module = py.as_module(document)
        sites = py.scan(module).markers.get(self.marker, [])
        site = sites[-1] if sites else None
        if not isinstance(site, py.StatementSite):
            return module
        lines = list(py.holder_lines(site.suite, site.index))
        start = site.offset
        if self._blank_before() and start > 0 and py.is_blank(lines[start - 1]):
            start -= 1
        del lines[start : site.offset + 1]
        return py.replace_node(
            module, site.suite, py.with_lines_before(site.suite, site.index, lines)
        )

    def observe(self, document: cst.Module) -> Observation:
        """PRESENT when the marker is there once, else ABSENT or DUPLICATED."""
        count = len(py.scan(py.as_module(document)).markers.get(self.marker, []))
        if count == 0:
            return Observation(Presence.ABSENT, (), f"`{self.marker}` not found")
        if count > 1:
            return Observation(Presence.DUPLICATED, (), f"`{self.marker}` repeated")
        return Observation(Presence.PRESENT, ())

    def check(self, document: cst.Module) -> list[Finding]:
        """Adopt's markers are checked by the marker rules of `polepos check`."""
        return []
