"""Model wiring: a module's model imported inside `import_models()` in `db/models.py`.

Managed line (docs/managed-blocks.md)::

    from <pkg>.modules.<m> import model as <m>_model

wrapped as black and isort's black profile both write it when it is longer than
88 columns at its indentation::

    from <pkg>.modules.<m> import (
        model as <m>_model,
    )

The `as <m>_model` alias keeps every import binding a distinct name (no F811).
The import exists only for its side effect (registering tables), so generated
projects ignore F401 for `db/models.py` in their ruff configuration instead of
pinning a `# noqa` comment to the line. Lines written before that change end in
`  # noqa: F401`; they are still recognised as managed (any trailing comment is:
the key looks at the import only), and `invert` removes them whole.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

import libcst as cst

from codemods import _bindings as bindings
from codemods import codes
from codemods import python_source as py
from codemods._core import Finding, Observation, Presence, WiringError
from codemods._names import check_identifier
from codemods.checking import block_order_findings, observed_findings
from codemods.layout import MARKERS, Layout
from codemods.provenance import Collision, collision_error, collision_findings
from codemods.wrapping import indent_unit, relative_continuation, wrap_import

MARKER = MARKERS.model_imports
_SUFFIX = "_model"
_MARKER_CODES = frozenset({codes.MARKER_MISSING.code, codes.MARKER_DUPLICATED.code})


def models_path(package: str) -> str:
    """Where the model aggregation lives in a generated project with a database."""
    return str(Layout.default(package).models_file)


def _layout(layout: Layout | str) -> Layout:
    # A bare package name means the generated layout (direct codemod runs, tests).
    return Layout.default(layout) if isinstance(layout, str) else layout


def _module_of(modules: str, node: cst.ImportFrom) -> str | None:
    """`m` when `node` imports from `<modules>.<m>`, else None."""
    name = py.dotted(node.module) if not node.relative else None
    prefix = f"{modules}."
    if name is None or not name.startswith(prefix):
        return None
    middle = name[len(prefix) :]
    return middle if middle.isidentifier() else None


def import_key(modules: str) -> py.KeyOf:
    """Key function: `m` for a managed-shape model import line, else None.

    `modules` is the dotted modules package, e.g. "shop_api.modules".
    """
    return py.aliased_import_key(
        lambda node: _module_of(modules, node), "model", _SUFFIX
    )


def _index(
    module: cst.Module, modules: str, path: str
) -> tuple[py.StatementSite, list[tuple[int, str]], dict[str, list[Any]]]:
    """The managed block and, per module, every import of its model: one scan."""
    site = py.statement_site(module, MARKER, path)
    entries = py.block_entries(site.suite, site.index, import_key(modules))
    prefix = f"{modules}."
    imports: dict[str, list[Any]] = {}

    def model_owner(dotted_name: str | None) -> str | None:
        if not dotted_name or not dotted_name.startswith(prefix):
            return None
        middle = dotted_name[len(prefix) :]
        owner, _, rest = middle.partition(".")
        return owner if rest == "model" and owner.isidentifier() else None

    for node in py.scan(module).imports:
        owners: list[str | None] = []
        if isinstance(node, cst.ImportFrom):
            if isinstance(node.names, cst.ImportStar):
                continue
            owner = _module_of(modules, node)
            if owner is not None and any(
                py.dotted(a.name) == "model" for a in node.names
            ):
                owners = [owner]
            else:
                owners = [model_owner(py.dotted(node.module))]
        else:
            owners = [model_owner(py.dotted(a.name)) for a in node.names]
        for owner in dict.fromkeys(owners):
            if owner is not None:
                imports.setdefault(owner, []).append(node)
    return site, entries, imports


@dataclass(frozen=True)
class ModelImport:
    """Import a module's model inside `import_models()` so its tables register."""

    package: str
    module: str
    path: str = ""
    modules_package: str = ""  # default `<package>.modules` (see codemods.layout)

    format: ClassVar[py.PythonFormat] = py.PYTHON

    def __post_init__(self) -> None:
        check_identifier(self.package, "package")
        check_identifier(self.module, "module")
        if not self.path:
            object.__setattr__(self, "path", models_path(self.package))
        if not self.modules_package:
            modules = Layout.default(self.package).modules_package
            object.__setattr__(self, "modules_package", modules)

    @classmethod
    def of(cls, layout: Layout, module: str) -> ModelImport:
        """The model import of `module` in `layout` (which must have a database)."""
        if layout.models_file is None:
            raise ValueError("the layout has no models file (no database)")
        return cls(
            package=layout.package,
            module=module,
            path=layout.models_file,
            modules_package=layout.modules_package,
        )

    def _code(self, indent: str, unit: str) -> str:
        code = wrap_import(
            indent,
            f"{self.modules_package}.{self.module}",
            f"model as {self.module}{_SUFFIX}",
            unit=unit,
        )
        return relative_continuation(code, indent)

    def _sort(self, name: str) -> py.NaturalKey:
        return py.natural_key(f"{self.modules_package}.{name}")

    def _state(
        self, module: cst.Module
    ) -> py.BlockState[py.StatementSite, cst.CSTNode]:
        site, entries, imports = py.memo(
            module,
            ("model", self.modules_package),
            lambda: _index(module, self.modules_package, self.path),
        )
        mine = [index for index, key in entries if key == self.module]
        managed_nodes = {
            id(node)
            for index in mine
            for node in getattr(site.suite.body[index], "body", ())
        }
        others = [
            node
            for node in imports.get(self.module, [])
            if id(node) not in managed_nodes
        ]
        return py.BlockState(site, entries, mine, others)

    @property
    def owner(self) -> str:
        """Who needs the names, for messages."""
        return f"module `{self.module}`"

    def collisions(
        self, document: cst.Module, *, fresh: bool = False
    ) -> list[Collision]:
        """Bindings of `<m>_model` in the block's scope the tool did not write
        (when fresh: every binding and every import of the module's model)."""
        module = py.as_module(document)
        site, _, mine, others = self._state(module)
        name = f"{self.module}{_SUFFIX}"
        managed: set[int] = set()
        if not fresh:
            managed = {
                id(node)
                for index in mine
                for node in getattr(site.suite.body[index], "body", ())
            }
            managed |= {id(node) for node in others}  # reported as unmanaged
        found = [
            Collision(py.line_of(module, node), name, "bound")
            for node in bindings.scope_binders(module, site.suite, name)
            if id(node) not in managed
        ]
        if fresh:
            found += [
                Collision(py.line_of(module, site.suite.body[index]), name, "bound")
                for index in mine
            ]
            found += [
                Collision(py.line_of(module, node), name, "imported") for node in others
            ]
        return sorted(set(found))

    def observe(self, document: cst.Module) -> Observation:
        """Present, absent, duplicated or unmanaged, with lines."""
        module = py.as_module(document)
        site, _, mine, others = self._state(module)
        if others:
            return Observation(
                Presence.UNMANAGED,
                tuple(sorted(py.line_of(module, n) or 0 for n in others)),
                f"model of module `{self.module}` is imported outside the block",
            )
        lines = tuple(py.line_of(module, site.suite.body[i]) or 0 for i in mine)
        if len(mine) > 1:
            return Observation(Presence.DUPLICATED, lines)
        if mine:
            return Observation(Presence.PRESENT, lines)
        return Observation(Presence.ABSENT)

    def apply(self, document: cst.Module) -> cst.Module:
        """Add the model import in sorted position; no-op when present."""
        module = py.as_module(document)
        site, entries, mine, others = self._state(module)
        if others:
            raise self._unmanaged(module, others)
        collisions = self.collisions(module)
        if collisions:
            raise collision_error(self.path, self.owner, collisions[0])
        if mine:
            return module
        indent = py.indent_of(site.suite, module)
        new = py.insert_statements(
            site.suite,
            MARKER,
            site.index,
            len(entries),
            py.insertion_point(entries, self.module, site.index, self._sort),
            [py.parse_stmt(self._code(indent, indent_unit(indent)), module)],
            separator=1,
            join=py.joins_imports(site.suite, site.index, self._root),
        )
        return py.replace_node(module, site.suite, new)

    @property
    def _root(self) -> str:
        # The first-party package isort groups the managed imports under.
        return self.modules_package.split(".")[0]

    def invert(self, document: cst.Module) -> cst.Module:
        """Remove the managed model import; no-op when absent."""
        module = py.as_module(document)
        while True:
            site, entries, mine, others = self._state(module)
            if others:
                raise self._unmanaged(module, others)
            if not mine:
                return module
            new = py.remove_statements(
                site.suite,
                mine[-1],
                1,
                separator=1,
                block_emptied=len(entries) == 1,
                join=py.joins_imports(site.suite, mine[-1], self._root),
            )
            module = py.replace_node(module, site.suite, new)

    def _unmanaged(self, module: cst.Module, others: list[cst.CSTNode]) -> WiringError:
        line = py.line_of(module, others[0])
        return WiringError(
            f"{self.path}:{line}: the model of module `{self.module}` is imported in a "
            "shape PolePosition does not manage; edit it by hand",
            path=self.path,
            line=line,
        )

    def check(self, document: cst.Module) -> list[Finding]:
        """Findings when the model is not imported exactly once in the block, or
        when its name is bound by user code."""
        findings = observed_findings(
            self,
            document,
            missing=codes.MODEL_IMPORT_MISSING,
            what=f"module `{self.module}`: model import",
            marker=MARKER,
            present=lambda module: py.wired_once(self._state(module)),
        )
        if any(f.code in _MARKER_CODES for f in findings):
            return findings
        collisions = self.collisions(py.as_module(document))
        if collisions:
            # Re-applying would refuse: nothing here is for `--fix`.
            findings = [replace(f, fixable=False) for f in findings]
        return findings + collision_findings(self.path, self.owner, collisions)


def wired_modules(document: cst.Module, layout: Layout | str) -> list[str]:
    """Module names whose model is imported in the managed block."""
    layout = _layout(layout)
    module = py.as_module(document)
    site = py.statement_site(module, MARKER, str(layout.models_file))
    entries = py.block_entries(
        site.suite, site.index, import_key(layout.modules_package)
    )
    return py.names_in(key for _, key in entries)


def _sort_key(modules: str) -> py.SortKey:
    def sort_key(name: str) -> py.NaturalKey:
        return py.natural_key(f"{modules}.{name}")

    return sort_key


def block_findings(
    document: cst.Module, layout: Layout | str, path: str = ""
) -> list[Finding]:
    """Marker and ordering findings for the model import block."""
    layout = _layout(layout)
    return block_order_findings(
        py.as_module(document),
        path or str(layout.models_file),
        MARKER,
        import_key(layout.modules_package),
        _sort_key(layout.modules_package),
    )


def sort_blocks(document: cst.Module, layout: Layout | str) -> cst.Module:
    """The model import block re-sorted (the `check --fix` repair for PP208)."""
    layout = _layout(layout)
    return py.sort_block(
        py.as_module(document),
        str(layout.models_file),
        MARKER,
        import_key(layout.modules_package),
        _sort_key(layout.modules_package),
    )
