"""Router wiring: a module's router imported and included in `api/router.py`.

Managed lines (docs/managed-blocks.md)::

    from <pkg>.modules.<m>.router import router as <m>_router   # above router-imports
    api_router.include_router(<m>_router, prefix="/<m>", tags=["<m>"])  # above includes
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

import libcst as cst

from codemods import _python as py
from codemods import codes
from codemods._core import Finding, Observation, Presence, WiringError
from codemods._names import check_identifier

IMPORT_MARKER = "# polepos:router-imports"
INCLUDE_MARKER = "# polepos:router-includes"
_SUFFIX = "_router"


def router_path(package: str) -> str:
    """Where the API router lives in a generated project."""
    return f"src/{package}/api/router.py"


def _single(stmt: cst.BaseStatement) -> cst.BaseSmallStatement | None:
    """The only small statement of a simple statement line, else None."""
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        return stmt.body[0]
    return None


def _router_module(package: str, node: cst.ImportFrom) -> str | None:
    """`m` when `node` imports from `<package>.modules.<m>.router`, else None."""
    if node.relative:
        return None
    name = py.dotted(node.module)
    prefix = f"{package}.modules."
    if name is None or not name.startswith(prefix) or not name.endswith(".router"):
        return None
    middle = name[len(prefix) : -len(".router")]
    return middle if middle.isidentifier() else None


def import_key(package: str) -> py.KeyOf:
    """Key function: `m` for a managed-shape router import line, else None."""
    return py.aliased_import_key(
        lambda node: _router_module(package, node), "router", _SUFFIX
    )


def _include_call(stmt: cst.BaseStatement, router_name: str) -> cst.Call | None:
    node = _single(stmt)
    if not isinstance(node, cst.Expr) or not isinstance(node.value, cst.Call):
        return None
    call = node.value
    if py.dotted(call.func) != f"{router_name}.include_router":
        return None
    return call


def _first_arg_name(call: cst.Call) -> str | None:
    if call.args and call.args[0].keyword is None and call.args[0].star == "":
        value = call.args[0].value
        if isinstance(value, cst.Name):
            return value.value
    return None


def include_key(router_name: str) -> py.KeyOf:
    """Key function: `m` for an include line of `<m>_router`, else None."""

    def key_of(stmt: cst.BaseStatement) -> str | None:
        call = _include_call(stmt, router_name)
        name = _first_arg_name(call) if call is not None else None
        if name is None or not name.endswith(_SUFFIX) or name == _SUFFIX:
            return None
        return name[: -len(_SUFFIX)]

    return key_of


@dataclass(frozen=True)
class _Part:
    """What the scan saw of one module's router wiring."""

    imports: list[cst.BaseStatement] = field(default_factory=list)
    includes: list[cst.BaseStatement] = field(default_factory=list)
    others: list[cst.CSTNode] = field(default_factory=list)


@dataclass(frozen=True)
class _RouterIndex:
    """One scan of a router file, shared by every module's checker."""

    blocks: tuple[
        py.StatementSite, list[tuple[int, str]], py.StatementSite, list[tuple[int, str]]
    ]
    # module -> (import node, its `router` aliases), for every import of a router
    router_imports: dict[str, list[tuple[cst.ImportFrom, list[cst.ImportAlias]]]]
    # first argument name -> (order in the file, include_router call)
    calls_by_name: dict[str, list[tuple[int, cst.Call]]]


def _build_index(
    module: cst.Module, package: str, router_name: str, path: str
) -> _RouterIndex:
    isite = py.statement_site(module, IMPORT_MARKER, path)
    csite = py.statement_site(module, INCLUDE_MARKER, path)
    blocks = (
        isite,
        py.block_entries(isite.suite, isite.index, import_key(package)),
        csite,
        py.block_entries(csite.suite, csite.index, include_key(router_name)),
    )
    found = py.scan(module)
    prefix = f"{package}.modules."
    router_imports: dict[str, list[tuple[cst.ImportFrom, list[cst.ImportAlias]]]] = {}
    for node in found.imports:
        if not isinstance(node, cst.ImportFrom) or isinstance(
            node.names, cst.ImportStar
        ):
            continue
        owner = _router_module(package, node)
        if owner is None:
            name = py.dotted(node.module) if not node.relative else None
            middle = name[len(prefix) :] if name and name.startswith(prefix) else ""
            owner = middle if middle.isidentifier() else None
        if owner is None:
            continue
        names = [a for a in node.names if py.dotted(a.name) == "router"]
        if names:
            router_imports.setdefault(owner, []).append((node, names))
    calls_by_name: dict[str, list[tuple[int, cst.Call]]] = {}
    for order, call in enumerate(found.calls):
        first = _first_arg_name(call)
        if first is not None:
            calls_by_name.setdefault(first, []).append((order, call))
    return _RouterIndex(blocks, router_imports, calls_by_name)


@dataclass(frozen=True)
class RouterWiring:
    """Import a module's router and include it in the API router."""

    package: str
    module: str
    path: str = ""
    router_name: str = "api_router"

    format: ClassVar[py.PythonFormat] = py.PYTHON

    def __post_init__(self) -> None:
        check_identifier(self.package, "package")
        check_identifier(self.module, "module")
        if not self.path:
            object.__setattr__(self, "path", router_path(self.package))

    # -- shapes ---------------------------------------------------------------

    def _import_code(self, indent: str) -> str:
        return py.wrap_import(
            indent,
            f"{self.package}.modules.{self.module}.router",
            f"router as {self.module}{_SUFFIX}",
        )

    def _include_code(self, indent: str) -> str:
        m = self.module
        return py.wrap_call(
            indent,
            f"{self.router_name}.include_router",
            [f"{m}{_SUFFIX}", f'prefix="/{m}"', f'tags=["{m}"]'],
        )

    def _import_sort(self, name: str) -> Any:
        # isort orders by the full module path, naturally and case-insensitively.
        return py.natural_key(f"{self.package}.modules.{name}.router")

    # -- reading --------------------------------------------------------------

    def _blocks(
        self, module: cst.Module
    ) -> tuple[
        py.StatementSite, list[tuple[int, str]], py.StatementSite, list[tuple[int, str]]
    ]:
        return self._index(module).blocks

    def _index(self, module: cst.Module) -> _RouterIndex:
        return cast(
            _RouterIndex,
            py.memo(
                module,
                ("router", self.package, self.router_name),
                lambda: _build_index(module, self.package, self.router_name, self.path),
            ),
        )

    def _part(self, module: cst.Module) -> _Part:
        index = self._index(module)
        isite, ientries, csite, centries = index.blocks
        part = _Part(
            imports=[isite.suite.body[i] for i, key in ientries if key == self.module],
            includes=[csite.suite.body[i] for i, key in centries if key == self.module],
        )
        managed_imports = {id(_single(stmt)) for stmt in part.imports}
        managed_calls = {id(_include_call(s, self.router_name)) for s in part.includes}
        bound = {f"{self.module}{_SUFFIX}"}
        for node, names in index.router_imports.get(self.module, []):
            for alias in names:
                asname = alias.asname.name if alias.asname is not None else None
                bound.add(asname.value if isinstance(asname, cst.Name) else "router")
            if id(node) not in managed_imports:
                part.others.append(node)
        calls = sorted(
            (order, call)
            for name in bound
            for order, call in index.calls_by_name.get(name, [])
            if id(call) not in managed_calls
        )
        part.others.extend(call for _, call in calls)
        return part

    def observe(self, document: Any) -> Observation:
        """Present, absent (also half wired), duplicated or unmanaged, with lines."""
        module = py.as_module(document)
        part = self._part(module)

        def lines(nodes: list[Any]) -> tuple[int, ...]:
            return tuple(sorted(py.line_of(module, n) or 0 for n in nodes))

        if part.others:
            return Observation(
                Presence.UNMANAGED,
                lines(part.others),
                f"router of module `{self.module}` is imported or included outside "
                "the managed blocks",
            )
        if len(part.imports) > 1 or len(part.includes) > 1:
            return Observation(
                Presence.DUPLICATED,
                lines(part.imports + part.includes),
                f"router of module `{self.module}` is wired more than once",
            )
        if part.imports and part.includes:
            return Observation(Presence.PRESENT, lines(part.imports + part.includes))
        if part.imports:
            return Observation(Presence.ABSENT, lines(part.imports), "include missing")
        if part.includes:
            return Observation(Presence.ABSENT, lines(part.includes), "import missing")
        return Observation(Presence.ABSENT)

    # -- writing --------------------------------------------------------------

    def apply(self, document: Any) -> cst.Module:
        """Add the import and the include that are missing; no-op when present."""
        module = py.as_module(document)
        part = self._part(module)
        if part.others:
            raise self._unmanaged(module, part)
        if not part.imports:
            isite, ientries, _, _ = self._blocks(module)
            indent = py.indent_of(isite.suite, module)
            new = py.insert_statements(
                isite.suite,
                IMPORT_MARKER,
                isite.index,
                len(ientries),
                py.insertion_point(
                    ientries, self.module, isite.index, self._import_sort
                ),
                [py.parse_stmt(self._import_code(indent), module)],
                separator=1,
            )
            module = py.replace_node(module, isite.suite, new)
        if not part.includes:
            _, _, csite, centries = self._blocks(module)
            indent = py.indent_of(csite.suite, module)
            new = py.insert_statements(
                csite.suite,
                INCLUDE_MARKER,
                csite.index,
                len(centries),
                py.insertion_point(
                    centries, self.module, csite.index, self._import_sort
                ),
                [py.parse_stmt(self._include_code(indent), module)],
            )
            module = py.replace_node(module, csite.suite, new)
        return module

    def invert(self, document: Any) -> cst.Module:
        """Remove the managed import and include; no-op when absent."""
        module = py.as_module(document)
        part = self._part(module)
        if part.others:
            raise self._unmanaged(module, part)
        # Includes first: they sit below the imports, so removing them keeps the
        # import block's indices valid when both live in the module body.
        for marker, separator in ((INCLUDE_MARKER, 0), (IMPORT_MARKER, 1)):
            while True:
                isite, ientries, csite, centries = self._blocks(module)
                site, entries = (
                    (csite, centries) if marker == INCLUDE_MARKER else (isite, ientries)
                )
                mine = [i for i, key in entries if key == self.module]
                if not mine:
                    break
                new = py.remove_statements(
                    site.suite,
                    mine[-1],
                    1,
                    separator=separator,
                    block_emptied=len(entries) == 1,
                )
                module = py.replace_node(module, site.suite, new)
        return module

    def _unmanaged(self, module: cst.Module, part: _Part) -> WiringError:
        line = py.line_of(module, part.others[0])
        return WiringError(
            f"{self.path}:{line}: the router of module `{self.module}` is wired in a "
            "shape PolePosition does not manage; edit it by hand",
            path=self.path,
            line=line,
        )

    # -- checking -------------------------------------------------------------

    def check(self, document: Any) -> list[Finding]:
        """Findings when the router is not wired exactly once in the managed blocks."""
        module = py.as_module(document)
        try:
            part = self._part(module)
            if not part.others and len(part.imports) == len(part.includes) == 1:
                return []  # wired: no position pass needed
            observation = self.observe(module)
        except WiringError as error:
            return [py.marker_finding(error)]
        first = observation.lines[0] if observation.lines else None
        where = f"module `{self.module}`"
        if observation.presence is Presence.UNMANAGED:
            return [
                codes.UNMANAGED_SHAPE.finding(
                    f"{where}: router wired outside the managed blocks",
                    "Move it into the managed block or wire it entirely by hand.",
                    self.path,
                    first,
                )
            ]
        if observation.presence is Presence.DUPLICATED:
            return [
                codes.WIRING_DUPLICATED.finding(
                    f"{where}: router wired more than once (lines "
                    + ", ".join(map(str, observation.lines))
                    + ")",
                    "Run `polepos check --fix` to keep one copy.",
                    self.path,
                    first,
                )
            ]
        part = self._part(module)
        findings = []
        if not part.imports:
            findings.append(
                codes.ROUTER_IMPORT_MISSING.finding(
                    f"{where}: router import missing",
                    "Run `polepos check --fix` to restore it.",
                    self.path,
                    py.marker_line(module, IMPORT_MARKER),
                )
            )
        if not part.includes:
            findings.append(
                codes.ROUTER_INCLUDE_MISSING.finding(
                    f"{where}: router include missing",
                    "Run `polepos check --fix` to restore it.",
                    self.path,
                    py.marker_line(module, INCLUDE_MARKER),
                )
            )
        return findings


def wired_modules(
    document: Any, package: str, router_name: str = "api_router"
) -> list[str]:
    """Module names whose router is imported or included in the managed blocks."""
    module = py.as_module(document)
    names: list[str] = []
    for marker, key_of in (
        (IMPORT_MARKER, import_key(package)),
        (INCLUDE_MARKER, include_key(router_name)),
    ):
        site = py.statement_site(module, marker, router_path(package))
        names.extend(key for _, key in py.block_entries(site.suite, site.index, key_of))
    return py.names_in(names)


def block_findings(
    document: Any, package: str, path: str = "", router_name: str = "api_router"
) -> list[Finding]:
    """Marker and ordering findings for both managed blocks of the router file."""
    module = py.as_module(document)
    path = path or router_path(package)
    findings: list[Finding] = []

    def import_sort(name: str) -> Any:
        return py.natural_key(f"{package}.modules.{name}.router")

    for marker, key_of, sort_key in (
        (IMPORT_MARKER, import_key(package), import_sort),
        (INCLUDE_MARKER, include_key(router_name), import_sort),
    ):
        findings.extend(py.block_order_findings(module, path, marker, key_of, sort_key))
    return findings


def sort_blocks(
    document: Any, package: str, router_name: str = "api_router"
) -> cst.Module:
    """Both managed blocks re-sorted (the `check --fix` repair for PP208)."""
    module = py.as_module(document)
    path = router_path(package)

    def import_sort(name: str) -> Any:
        return py.natural_key(f"{package}.modules.{name}.router")

    module = py.sort_block(
        module, path, IMPORT_MARKER, import_key(package), import_sort
    )
    # Includes follow the imports' (isort) order so both blocks read alike.
    return py.sort_block(
        module, path, INCLUDE_MARKER, include_key(router_name), import_sort
    )


def __getattr__(name: str) -> Any:
    # PEP 562: `python -m libcst.tool codemod router.AddRouter` resolves the class
    # as an attribute of this module; importing the wrappers lazily keeps
    # `libcst.codemod` out of the CLI's import path.
    if name in ("AddRouter", "RemoveRouter"):
        from codemods.commands import router as commands

        return getattr(commands, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
