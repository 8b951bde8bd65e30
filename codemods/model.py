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

import ast
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from codemods import codes
from codemods._core import Finding, Observation, Presence, WiringError
from codemods._deferred import defer
from codemods._names import check_identifier
from codemods.layout import MARKERS, Layout
from codemods.provenance import Collision, collision_error, collision_findings
from codemods.python_text import (
    PYTHON,
    LineEdit,
    NaturalKey,
    Outline,
    PythonFormat,
    Seeds,
    Statement,
    aliased_import,
    by_key,
    insertion_index,
    joins_imports,
    natural_key,
    outline,
    run_above,
    splice_suite,
    suite,
)
from codemods.wrapping import indent_unit, relative_continuation, wrap_import

if TYPE_CHECKING:
    import libcst as cst

    from codemods import _bindings as bindings
    from codemods import checking
    from codemods import python_source as py
else:
    defer(globals(), "cst", "bindings", "py", "checking")

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

    format: ClassVar[PythonFormat] = PYTHON

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
        return natural_key(f"{self.modules_package}.{name}")

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
        findings = checking.observed_findings(
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

    # -- text faces (codemods._core.TextShortcut) -------------------------------
    # The LibCST faces above are the definition; these decide the shape the tool
    # writes (the block ends `import_models()`, the last statement of the file)
    # on lines and decline (None) everything else. The module's words (`<m>`,
    # `<m>_model`) on no line but the managed one rule out unmanaged imports and
    # collisions anywhere in the file.

    def _text_state(
        self, text: str
    ) -> tuple[_ModelText, tuple[int, int] | None] | None:
        # `_model_block` reads the positions of the `def`'s nodes: an outline
        # derived without parsing keeps stale ones, unless the face that derived
        # it left the block it derived too (`_edited`).
        key = ("model", self.modules_package)
        found = outline(text)
        if found is not None and not found.exact and not found.remembers(key):
            found = outline(text, exact=True)
        if found is None:
            return None
        block = found.memo(key, lambda: _model_block(found, self.modules_package))
        if block is None:
            return None
        spans = [
            (block.body[i].start, block.body[i].end)
            for i in block.keys.get(self.module, ())
        ]
        if len(spans) > 1:
            return None
        owned: list[int] = []
        if spans:
            first, last = spans[0]
            if found.lines[first - 1 : last] != self._text_lines():
                return None
            owned = list(range(first, last + 1))
        words = (self.module, f"{self.module}{_SUFFIX}")
        if not all(found.only_on(word, owned) for word in words):
            return None
        return block, (spans[0] if spans else None)

    def _text_lines(self) -> list[str]:
        return [f"{_INDENT}{line}" for line in self._code(_INDENT, "    ").split("\n")]

    def apply_text(self, text: str) -> str | None:
        """`apply` decided on lines: the file as the tool writes it, else None."""
        state = self._text_state(text)
        if state is None:
            return None
        block, mine = state
        if mine is not None:
            return text
        found, body, entries = block.outline, block.body, block.entries
        position = insertion_index(entries, self.module, self._text_sort)
        new = self._text_lines()
        if position is not None:
            index = entries[position][0]
            if position == 0 and (
                index == 0
                or not found.blank(body[index - 1].end + 1, body[index].start - 1)
            ):
                return None  # leading comments, or the block's first line
            at = body[index].start
        elif not entries:
            join = joins_imports(body, len(body), self._root)
            if join is None:
                return None
            if join and found.blank(body[-1].end + 1, block.marker - 1):
                at = body[-1].end + 1  # into the import paragraph above, as isort
            else:
                at, new = block.marker, [*new, ""]  # the separator line
        else:
            start = body[entries[-1][0]].end + 1
            at = block.marker - 1 if block.marker > start else start
        return self._edited(block, [(at, at, new)])

    def invert_text(self, text: str) -> str | None:
        """`invert` decided on lines: the file as the tool writes it, else None."""
        state = self._text_state(text)
        if state is None:
            return None
        block, mine = state
        if mine is None:
            return text
        first, stop = mine[0], mine[1] + 1
        # The last entry takes the separator blank line with it (remove_statements),
        # unless it had joined the import paragraph above it.
        if len(block.entries) == 1 and block.marker > stop:
            index = block.entries[0][0]
            join = joins_imports(block.body, index, self._root)
            if join is None:
                return None
            if not (join and block.body[index - 1].end + 1 == first):
                stop += 1
        return self._edited(block, [(first, stop, [])])

    def _edited(self, block: _ModelText, edits: list[LineEdit]) -> str:
        """The text after `edits` of whole statements in the block: its outline,
        and the block in it, derived (the next face and the change set's syntax
        check parse nothing)."""
        modules = self.modules_package

        def seed(derived: Outline, body: list[Statement]) -> Seeds:
            # The `def` line is right above its first statement (`_suite_block`).
            mine = _suite_block(derived, block.body[0].start - 1, body, modules)

            def check(parsed: Outline) -> str | None:
                fresh = _model_block(parsed, modules)
                if _shape(fresh) == _shape(mine):
                    return None
                return f"model block: derived {_shape(mine)}, parsed {_shape(fresh)}"

            return {("model", modules): (mine, check)}

        found = block.outline
        return splice_suite(found, len(found.body) - 1, block.body, edits, seed)

    def check_text(self, text: str) -> list[Finding] | None:
        """`check` decided on lines: [] for a model imported as the tool writes it."""
        state = self._text_state(text)
        return [] if state is not None and state[1] is not None else None

    def claims_text(self, text: str) -> list[Collision] | None:
        """`collisions(fresh=True)` decided on lines: [] when nothing of the
        module's model is in the file, else None."""
        state = self._text_state(text)
        return [] if state is not None and state[1] is None else None

    def _text_sort(self, name: str) -> NaturalKey:
        return natural_key(f"{self.modules_package}.{name}")


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
        return natural_key(f"{modules}.{name}")

    return sort_key


def block_findings(
    document: cst.Module, layout: Layout | str, path: str = ""
) -> list[Finding]:
    """Marker and ordering findings for the model import block."""
    layout = _layout(layout)
    return checking.block_order_findings(
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


# --- text faces: the model block as lines ----------------------------------------

# The indentation of `import_models()`'s body in a generated project.
_INDENT = "    "


@dataclass(frozen=True)
class _ModelText:
    outline: Outline
    body: list[Statement]  # the statements of `import_models()`
    entries: list[tuple[int, str]]  # (statement index, module) above the marker
    marker: int  # its 1-based line: the file's last

    @cached_property
    def keys(self) -> dict[str, list[int]]:
        """Statement indices of each module's entries."""
        return by_key(self.entries)


def _model_block(found: Outline, modules: str) -> _ModelText | None:
    """The block when the marker is the last line of the file, closing the body
    of the file's last statement, a `def` indented by four spaces, with blank
    lines only between its last statement and the marker."""
    if not found.body:
        return None
    function = found.body[-1].node
    if not isinstance(function, ast.FunctionDef) or function.col_offset:
        return None
    if not found.line(function.lineno).endswith(":"):
        return None
    return _suite_block(found, function.lineno, suite(function.body), modules)


def _suite_block(
    found: Outline, header: int, body: list[Statement], modules: str
) -> _ModelText | None:
    """`_model_block` for the `def` on line `header` whose statements are `body`
    (read on spans and node kinds only: a derived outline's body serves)."""
    marker = found.marker(MARKER, _INDENT)
    if marker is None or marker != len(found.lines) or not body:
        return None
    if body[0].node.col_offset != len(_INDENT) or body[0].start != header + 1:
        return None
    if body[-1].compound or not found.blank(body[-1].end + 1, marker - 1):
        return None
    prefix = f"{modules}."

    def key_of(node: ast.stmt) -> str | None:
        imported = aliased_import(node, "model", _SUFFIX)
        if imported is None or not imported[0].startswith(prefix):
            return None
        middle = imported[0][len(prefix) :]
        return middle if middle.isidentifier() and imported[1] == middle else None

    entries = run_above(body, len(body) - 1, key_of)
    if entries is None:
        return None
    return _ModelText(found, body, entries, marker)


def _shape(block: _ModelText | None) -> object:
    """What verification compares of a block: spans, statements, entries."""
    if block is None:
        return None
    body = [(s.start, s.end, ast.dump(s.node)) for s in block.body]
    return body, block.entries, block.marker
