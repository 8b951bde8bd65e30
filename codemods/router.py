"""Router wiring: a module's router imported and included in `api/router.py`.

Managed lines (docs/managed-blocks.md)::

    from <pkg>.modules.<m>.router import router as <m>_router   # above router-imports
    api_router.include_router(<m>_router, prefix="/<m>", tags=["<m>"])  # above includes
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from codemods import codes
from codemods._core import Finding, Observation, Presence, WiringError
from codemods._deferred import defer
from codemods._names import check_identifier
from codemods.layout import DEFAULT_RECEIVER, MARKERS, Layout
from codemods.provenance import Collision, collision_error, collision_findings
from codemods.python_text import (
    PYTHON,
    LineEdit,
    NaturalKey,
    Outline,
    PythonFormat,
    SortKey,
    aliased_import,
    by_key,
    dotted,
    insertion_index,
    joins_imports,
    natural_key,
    outline,
    run_above,
    splice_outline,
)
from codemods.wrapping import indent_unit, relative_continuation, wrap_call, wrap_import

if TYPE_CHECKING:
    import libcst as cst

    from codemods import _bindings as bindings
    from codemods import checking
    from codemods import python_source as py
else:
    defer(globals(), "cst", "bindings", "py", "checking")

IMPORT_MARKER = MARKERS.router_imports
INCLUDE_MARKER = MARKERS.router_includes
_SUFFIX = "_router"
# Calls whose result can receive `include_router(...)`.
_ROUTER_FACTORIES = frozenset({"APIRouter", "FastAPI"})


def router_path(package: str) -> str:
    """Where the API router lives in a generated project."""
    return Layout.default(package).router_file


def _modules_of(package: str) -> str:
    """The dotted modules package of a generated project."""
    return Layout.default(package).modules_package


def _single(stmt: cst.BaseStatement) -> cst.BaseSmallStatement | None:
    """The only small statement of a simple statement line, else None."""
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        return stmt.body[0]
    return None


def _router_module(modules: str, node: cst.ImportFrom) -> str | None:
    """`m` when `node` imports from `<modules>.<m>.router`, else None."""
    if node.relative:
        return None
    name = py.dotted(node.module)
    prefix = f"{modules}."
    if name is None or not name.startswith(prefix) or not name.endswith(".router"):
        return None
    middle = name[len(prefix) : -len(".router")]
    return middle if middle.isidentifier() else None


def import_key(modules: str) -> py.KeyOf:
    """Key function: `m` for a managed-shape router import line, else None.

    `modules` is the dotted modules package, e.g. "shop_api.modules".
    """
    return py.aliased_import_key(
        lambda node: _router_module(modules, node), "router", _SUFFIX
    )


def _include_call(stmt: cst.BaseStatement, router_name: str) -> cst.Call | None:
    node = _single(stmt)
    if not isinstance(node, cst.Expr) or not isinstance(node.value, cst.Call):
        return None
    call = node.value
    if py.dotted(call.func) != f"{router_name}.include_router":
        return None
    return call


def receiver_of(stmt: cst.BaseStatement) -> str | None:
    """`X` for a statement `X.include_router(...)` (any receiver), else None."""
    node = _single(stmt)
    if not isinstance(node, cst.Expr) or not isinstance(node.value, cst.Call):
        return None
    name = py.dotted(node.value.func)
    if name is None or not name.endswith(".include_router"):
        return None
    return name[: -len(".include_router")]


def _first_arg_name(call: cst.Call) -> str | None:
    if call.args and call.args[0].keyword is None and call.args[0].star == "":
        value = call.args[0].value
        if isinstance(value, cst.Name):
            return value.value
    return None


def _router_arg_name(call: cst.Call) -> str | None:
    """The router an include passes, positionally or as `router=`."""
    first = _first_arg_name(call)
    if first is not None:
        return first
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "router":
            return arg.value.value if isinstance(arg.value, cst.Name) else None
    return None


def _is_canonical_include(call: cst.Call, module: str) -> bool:
    """`include_router(<m>_router, prefix="/<m>", tags=["<m>"], ...)`, any layout or
    quotes; more keyword arguments (`dependencies=...`) may follow.

    An include with another prefix or other tags mounts the router somewhere
    else: it is the user's (docs/managed-blocks.md, "Provenance"), never
    adopted, never removed.
    """
    if _first_arg_name(call) != f"{module}{_SUFFIX}":
        return False
    keywords: dict[str, cst.BaseExpression] = {}
    for arg in call.args[1:]:
        if arg.keyword is None or arg.star:
            return False
        keywords[arg.keyword.value] = arg.value
    prefix, tags = keywords.get("prefix"), keywords.get("tags")
    if prefix is None or py.string_value(prefix) != f"/{module}":
        return False
    return (
        isinstance(tags, cst.List)
        and len(tags.elements) == 1
        and isinstance(tags.elements[0], cst.Element)
        and py.string_value(tags.elements[0].value) == module
    )


def include_key(router_name: str) -> py.KeyOf:
    """Key function: `m` for an include line of `<m>_router`, else None."""

    def key_of(stmt: cst.BaseStatement) -> str | None:
        call = _include_call(stmt, router_name)
        name = _first_arg_name(call) if call is not None else None
        if name is None or not name.endswith(_SUFFIX) or name == _SUFFIX:
            return None
        return name[: -len(_SUFFIX)]

    return key_of


def canonical_include_key(router_name: str) -> py.KeyOf:
    """Like `include_key`, but only for includes of the exact managed shape."""
    loose = include_key(router_name)

    def key_of(stmt: cst.BaseStatement) -> str | None:
        key = loose(stmt)
        call = _include_call(stmt, router_name) if key is not None else None
        if key is None or call is None or not _is_canonical_include(call, key):
            return None
        return key

    return key_of


# --- the receiver: the router object the includes go into ---------------------


def factory_target(stmt: cst.BaseStatement) -> str | None:
    """`x` for `x = APIRouter(...)` / `x: T = FastAPI(...)` (any module prefix)."""
    node = _single(stmt)
    if isinstance(node, cst.Assign) and len(node.targets) == 1:
        target: cst.BaseExpression = node.targets[0].target
        value: cst.BaseExpression | None = node.value
    elif isinstance(node, cst.AnnAssign):
        target, value = node.target, node.value
    else:
        return None
    if not isinstance(target, cst.Name) or not isinstance(value, cst.Call):
        return None
    factory = py.dotted(value.func) or ""
    return target.value if factory.rpartition(".")[2] in _ROUTER_FACTORIES else None


def _factory_param(function: cst.FunctionDef) -> str | None:
    """The parameter annotated `FastAPI` or `APIRouter`: `register(app: FastAPI)`."""
    for param in [*function.params.params, *function.params.kwonly_params]:
        annotation = param.annotation.annotation if param.annotation else None
        kind = py.dotted(annotation) if annotation is not None else None
        if kind is not None and kind.rpartition(".")[2] in _ROUTER_FACTORIES:
            return param.name.value
    return None


@dataclass(frozen=True)
class Receiver:
    """The name the managed includes call `include_router` on, and whether the
    file binds it (in the includes' scope or at module level)."""

    name: str
    bound: bool
    found: bool  # False: no include and no `APIRouter()`/`FastAPI()` to go by


def find_receiver(module: cst.Module, site: py.StatementSite) -> Receiver:
    """The receiver of the includes above `site` (the include marker).

    The one receiver the includes directly above the marker use, else the
    object assigned `APIRouter(...)` or `FastAPI(...)` nearest above the marker
    in its block, else at module level, else a parameter of the enclosing
    function annotated with one of them. The one place that decides it, so a
    project layout can supply it later.
    """
    suite = site.suite
    owner, scope = bindings.scope_of(module, suite)
    used: list[str] = []
    position = site.index - 1
    while position >= 0:
        receiver = receiver_of(suite.body[position])
        if receiver is None:
            break
        used.append(receiver)
        position -= 1
    name: str | None = used[-1] if used else None
    if name is None:
        candidates = [*reversed(suite.body[: site.index])]
        if scope is not suite:
            candidates += reversed(scope.body)
        if scope is not module:
            candidates += reversed(module.body)
        name = next((t for s in candidates if (t := factory_target(s))), None)
    if name is None and isinstance(owner, cst.FunctionDef):
        name = _factory_param(owner)
    if name is None:
        return Receiver(DEFAULT_RECEIVER, False, False)
    head = name.partition(".")[0]
    bound = bool(bindings.scope_binders(module, suite, head)) or bool(
        bindings.scope_binders(module, module, head)
    )
    return Receiver(name, bound, True)


def _receiver_error(
    path: str,
    module: cst.Module,
    site: py.StatementSite,
    owner: str,
    receiver: Receiver | None = None,
) -> Any:
    """PP271 for an unbound receiver: `receiver` (a layout's), else the found one."""
    receiver = receiver or find_receiver(module, site)
    line = py.line_of(module, site.comment)
    if not receiver.found:
        message = (
            f"{owner}: no `APIRouter()` or `FastAPI()` object found above "
            f"`{INCLUDE_MARKER}` to include its router into; assign one (for "
            f"example `{DEFAULT_RECEIVER} = APIRouter()`) above the marker"
        )
    else:
        message = (
            f"{owner}: the includes above `{INCLUDE_MARKER}` call "
            f"`{receiver.name}`, which this file does not define (NameError on "
            "import)"
        )
    return py.MarkerError(
        message,
        code=codes.RECEIVER_MISSING,
        path=path,
        line=line,
        hint="Define the router object above the include marker, or fix the includes.",
    )


# --- placement of imports -------------------------------------------------------


def _before_imports(stmt: cst.BaseStatement) -> bool:
    """True for what may precede a module-level import without ruff's E402."""
    if isinstance(stmt, cst.If | cst.Try):
        return True
    small = stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ()
    return bool(small) and all(
        isinstance(s, cst.Import | cst.ImportFrom)
        or (isinstance(s, cst.Expr) and py.string_value(s.value) is not None)
        for s in small
    )


def _misplaced(site: py.StatementSite, entry_count: int) -> int | None:
    """Body index of a statement that would put a module-level import below code."""
    if not isinstance(site.suite, cst.Module):
        return None  # E402 is about module-level imports only
    for index in range(site.index - entry_count):
        if not _before_imports(site.suite.body[index]):
            return index
    return None


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
    receiver: Receiver
    # module -> (import node, its `router` aliases), for every import of a router
    router_imports: dict[str, list[tuple[cst.ImportFrom, list[cst.ImportAlias]]]]
    # router argument name -> (order in the file, include_router call)
    calls_by_name: dict[str, list[tuple[int, cst.Call]]]


def named_receiver(module: cst.Module, site: py.StatementSite, name: str) -> Receiver:
    """The receiver a layout names, bound when the includes' scope or the module
    binds it (an adopted `create_app()` may bind `app` in its own body)."""
    head = name.partition(".")[0]
    bound = bool(bindings.scope_binders(module, site.suite, head)) or bool(
        bindings.scope_binders(module, module, head)
    )
    owner, _ = bindings.scope_of(module, site.suite)
    if not bound and isinstance(owner, cst.FunctionDef):
        bound = _factory_param(owner) == head
    return Receiver(name, bound, True)


def _build_index(
    module: cst.Module, modules: str, router_name: str | None, path: str
) -> _RouterIndex:
    isite = py.statement_site(module, IMPORT_MARKER, path)
    csite = py.statement_site(module, INCLUDE_MARKER, path)
    receiver = (
        find_receiver(module, csite)
        if router_name is None
        else named_receiver(module, csite, router_name)
    )
    blocks = (
        isite,
        py.block_entries(isite.suite, isite.index, import_key(modules)),
        csite,
        py.block_entries(csite.suite, csite.index, include_key(receiver.name)),
    )
    found = py.scan(module)
    prefix = f"{modules}."
    router_imports: dict[str, list[tuple[cst.ImportFrom, list[cst.ImportAlias]]]] = {}
    for node in found.imports:
        if not isinstance(node, cst.ImportFrom) or isinstance(
            node.names, cst.ImportStar
        ):
            continue
        owner = _router_module(modules, node)
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
        first = _router_arg_name(call)
        if first is not None:
            calls_by_name.setdefault(first, []).append((order, call))
    return _RouterIndex(blocks, receiver, router_imports, calls_by_name)


@dataclass(frozen=True)
class RouterWiring:
    """Import a module's router and include it in the API router.

    `router_name` is the object the includes go into; None (the default) takes
    it from the file (`find_receiver`). `modules_package` is the dotted package
    the module lives in (default `<package>.modules`, see `codemods.layout`).
    """

    package: str
    module: str
    path: str = ""
    router_name: str | None = None
    modules_package: str = ""

    format: ClassVar[PythonFormat] = PYTHON

    def __post_init__(self) -> None:
        check_identifier(self.package, "package")
        check_identifier(self.module, "module")
        if not self.path:
            object.__setattr__(self, "path", router_path(self.package))
        if not self.modules_package:
            object.__setattr__(self, "modules_package", _modules_of(self.package))

    @classmethod
    def of(cls, layout: Layout, module: str) -> RouterWiring:
        """The router wiring of `module` in `layout`."""
        return cls(
            package=layout.package,
            module=module,
            path=layout.router_file,
            router_name=layout.router_receiver,
            modules_package=layout.modules_package,
        )

    @property
    def owner(self) -> str:
        """Who needs the names, for messages."""
        return f"module `{self.module}`"

    @property
    def _root(self) -> str:
        # The first-party package isort groups the managed imports under.
        return self.modules_package.split(".")[0]

    # -- shapes ---------------------------------------------------------------

    def _import_code(self, indent: str, unit: str) -> str:
        return relative_continuation(
            wrap_import(
                indent,
                f"{self.modules_package}.{self.module}.router",
                f"router as {self.module}{_SUFFIX}",
                unit=unit,
            ),
            indent,
        )

    def _include_code(self, indent: str, unit: str, receiver: str) -> str:
        m = self.module
        return relative_continuation(
            wrap_call(
                indent,
                f"{receiver}.include_router",
                [f"{m}{_SUFFIX}", f'prefix="/{m}"', f'tags=["{m}"]'],
                unit=unit,
            ),
            indent,
        )

    def _import_sort(self, name: str) -> py.NaturalKey:
        # isort orders by the full module path, naturally and case-insensitively.
        return natural_key(f"{self.modules_package}.{name}.router")

    # -- reading --------------------------------------------------------------

    def _blocks(
        self, module: cst.Module
    ) -> tuple[
        py.StatementSite, list[tuple[int, str]], py.StatementSite, list[tuple[int, str]]
    ]:
        return self._index(module).blocks

    def _index(self, module: cst.Module) -> _RouterIndex:
        return py.memo(
            module,
            ("router", self.modules_package, self.router_name),
            lambda: _build_index(
                module, self.modules_package, self.router_name, self.path
            ),
        )

    def _part(self, module: cst.Module) -> _Part:
        index = self._index(module)
        isite, ientries, csite, centries = index.blocks
        receiver = index.receiver.name
        part = _Part(
            imports=[isite.suite.body[i] for i, key in ientries if key == self.module],
        )
        for i, key in centries:
            if key != self.module:
                continue
            stmt = csite.suite.body[i]
            call = _include_call(stmt, receiver)
            if call is not None and _is_canonical_include(call, self.module):
                part.includes.append(stmt)
        managed_imports = {id(_single(stmt)) for stmt in part.imports}
        managed_calls = {id(_include_call(s, receiver)) for s in part.includes}
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

    def collisions(
        self, document: cst.Module, *, fresh: bool = False
    ) -> list[Collision]:
        """Bindings of `<m>_router` the tool did not write (all of them when fresh,
        with every line already wiring this module's router)."""
        module = py.as_module(document)
        index = self._index(module)
        isite, _, csite, _ = index.blocks
        part = self._part(module)
        name = f"{self.module}{_SUFFIX}"
        managed = set() if fresh else {id(_single(s)) for s in part.imports}
        reported = {id(node) for node in part.others}
        found: list[Collision] = []
        seen: set[int] = set()
        for site in (isite, csite):
            for node in bindings.scope_binders(module, site.suite, name):
                if id(node) in seen or id(node) in managed:
                    continue
                seen.add(id(node))
                if id(node) in reported and not fresh:
                    continue
                found.append(Collision(py.line_of(module, node), name, "bound"))
        if fresh:
            found.extend(
                Collision(py.line_of(module, node), name, "wired")
                for node in [*part.includes, *part.others]
                if isinstance(node, cst.Call)
                or id(node) not in {id(_single(s)) for s in part.imports}
            )
        return sorted(set(found))

    def observe(self, document: cst.Module) -> Observation:
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

    def apply(self, document: cst.Module) -> cst.Module:
        """Add the import and the include that are missing; no-op when present.

        Refuses when `<m>_router` is bound by code the tool did not write, when
        the import would land below code (E402), or when no receiver exists.
        """
        module = py.as_module(document)
        part = self._part(module)
        if part.others:
            raise self._unmanaged(module, part)
        collisions = self.collisions(module)
        if collisions:
            raise collision_error(self.path, self.owner, collisions[0])
        if not part.imports:
            isite, ientries, _, _ = self._blocks(module)
            blocked = _misplaced(isite, len(ientries))
            if blocked is not None:
                raise self._misplaced_error(module, isite, blocked)
            indent = py.indent_of(isite.suite, module)
            new = py.insert_statements(
                isite.suite,
                IMPORT_MARKER,
                isite.index,
                len(ientries),
                py.insertion_point(
                    ientries, self.module, isite.index, self._import_sort
                ),
                [py.parse_stmt(self._import_code(indent, indent_unit(indent)), module)],
                separator=1,
                join=py.joins_imports(isite.suite, isite.index, self._root),
            )
            module = py.replace_node(module, isite.suite, new)
        if not part.includes:
            index = self._index(module)
            _, _, csite, centries = index.blocks
            if not index.receiver.bound:
                raise _receiver_error(
                    self.path, module, csite, self.owner, index.receiver
                )
            indent = py.indent_of(csite.suite, module)
            new = py.insert_statements(
                csite.suite,
                INCLUDE_MARKER,
                csite.index,
                len(centries),
                py.insertion_point(
                    centries, self.module, csite.index, self._import_sort
                ),
                [
                    py.parse_stmt(
                        self._include_code(
                            indent, indent_unit(indent), index.receiver.name
                        ),
                        module,
                    )
                ],
            )
            module = py.replace_node(module, csite.suite, new)
        return module

    def invert(self, document: cst.Module) -> cst.Module:
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
                part = self._part(module)
                if marker == INCLUDE_MARKER:
                    site, entries, managed = csite, centries, part.includes
                else:
                    site, entries, managed = isite, ientries, part.imports
                ours = {id(stmt) for stmt in managed}
                mine = [i for i, _ in entries if id(site.suite.body[i]) in ours]
                if not mine:
                    break
                new = py.remove_statements(
                    site.suite,
                    mine[-1],
                    1,
                    separator=separator,
                    block_emptied=len(entries) == 1,
                    join=bool(separator)
                    and py.joins_imports(site.suite, mine[-1], self._root),
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

    def _misplaced_error(
        self, module: cst.Module, site: py.StatementSite, blocked: int
    ) -> WiringError:
        code_line = py.line_of(module, site.suite.body[blocked])
        return py.MarkerError(
            f"`{IMPORT_MARKER}` follows code (line {code_line}), so the import of "
            f"module `{self.module}` would not be at the top of the file (E402); "
            "move that code below the marker, or the marker up into the imports",
            code=codes.IMPORT_PLACEMENT,
            path=self.path,
            line=py.line_of(module, site.comment),
            hint="Keep the import marker in the import block at the top of the file.",
        )

    # -- checking -------------------------------------------------------------

    def check(self, document: cst.Module) -> list[Finding]:
        """Findings when the router is not wired exactly once in the managed blocks,
        when its name is bound by user code, or when the includes' receiver is
        undefined."""
        module = py.as_module(document)
        try:
            part = self._part(module)
            extra = self._provenance_findings(module)
            if not part.others and len(part.imports) == len(part.includes) == 1:
                return extra  # wired: no position pass needed
            observation = self.observe(module)
        except WiringError as error:
            return [checking.marker_finding(error)]
        first = observation.lines[0] if observation.lines else None
        where = f"module `{self.module}`"
        if observation.presence is Presence.UNMANAGED:
            return [
                codes.UNMANAGED_SHAPE.finding(
                    f"{where}: router wired outside the managed blocks",
                    "Move it into the managed block or wire it entirely by hand.",
                    self.path,
                    first,
                ),
                *extra,
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
                ),
                *extra,
            ]
        findings = []
        index = self._index(module)
        if not part.imports:
            isite, ientries = index.blocks[0], index.blocks[1]
            blocked = _misplaced(isite, len(ientries))
            if blocked is not None:
                extra.append(
                    checking.marker_finding(
                        self._misplaced_error(module, isite, blocked)
                    )
                )
            findings.append(
                codes.ROUTER_IMPORT_MISSING.finding(
                    f"{where}: router import missing",
                    "Run `polepos check --fix` to restore it.",
                    self.path,
                    py.marker_line(module, IMPORT_MARKER),
                    fixable=blocked is None and not extra,
                )
            )
        if not part.includes:
            findings.append(
                codes.ROUTER_INCLUDE_MISSING.finding(
                    f"{where}: router include missing",
                    "Run `polepos check --fix` to restore it.",
                    self.path,
                    py.marker_line(module, INCLUDE_MARKER),
                    fixable=not extra,
                )
            )
        return findings + extra

    def _provenance_findings(self, module: cst.Module) -> list[Finding]:
        index = self._index(module)
        findings = collision_findings(self.path, self.owner, self.collisions(module))
        if not index.receiver.bound:
            findings.append(
                checking.marker_finding(
                    _receiver_error(
                        self.path, module, index.blocks[2], self.owner, index.receiver
                    )
                )
            )
        return findings

    # -- text faces (codemods._core.TextShortcut) -------------------------------
    # The LibCST faces above are the definition; these decide the shape the tool
    # writes on lines and decline (None) everything else. Words of the module
    # (`<m>`, `<m>_router`) on no line but the managed two rule out unmanaged
    # wiring and collisions anywhere in the file, strings and comments included.

    def _text_state(self, text: str) -> _RouterText | None:
        found = outline(text)
        if found is None:
            return None
        blocks = _text_blocks(found, self.modules_package, self.router_name)
        if blocks is None:
            return None
        mine: list[tuple[int, int]] = []
        for keys, code in (
            (blocks.import_keys, self._import_code("", "    ")),
            (blocks.include_keys, self._include_code("", "    ", blocks.receiver)),
        ):
            spans = [
                (found.body[i].start, found.body[i].end)
                for i in keys.get(self.module, ())
            ]
            if len(spans) > 1:
                return None
            if spans:
                first, last = spans[0]
                if found.lines[first - 1 : last] != code.split("\n"):
                    return None  # another layout of the line: LibCST decides
                mine.append(spans[0])
        owned = [n for first, last in mine for n in range(first, last + 1)]
        words = (self.module, f"{self.module}{_SUFFIX}")
        if not all(found.only_on(word, owned) for word in words):
            return None
        return _RouterText(found, blocks, len(mine))

    def _edit_text(
        self,
        text: str,
        done: int,
        edits_of: Callable[[_RouterText], list[LineEdit] | None],
    ) -> str | None:
        """`text` edited by `edits_of(state)`; `text` itself when `done` of the two
        lines are there already; None when only one is or `edits_of` declines."""
        state = self._text_state(text)
        if state is None or state.wired == 1:
            return None
        if state.wired == done:
            return text
        edits = edits_of(state)
        if edits is None:
            return None
        # The edits are whole statements: the result's outline is derived, so
        # the next face and the change set's syntax check parse nothing.
        return splice_outline(state.outline, edits)

    def apply_text(self, text: str) -> str | None:
        """`apply` decided on lines: the file as the tool writes it, else None."""
        return self._edit_text(text, 2, self._apply_edits)

    def _apply_edits(self, state: _RouterText) -> list[LineEdit] | None:
        found, blocks = state.outline, state.blocks
        if not blocks.bound or blocks.misplaced:
            return None
        sort = _text_sort(self.modules_package)
        edits: list[LineEdit] = []
        for entries, marker, separator, code in (
            (blocks.imports, blocks.import_marker, 1, self._import_code("", "    ")),
            (
                blocks.includes,
                blocks.include_marker,
                0,
                self._include_code("", "    ", blocks.receiver),
            ),
        ):
            at, blank = _insert(
                found, entries, marker, self.module, sort, separator, self._root
            )
            if at is None:
                return None
            edits.append((at, at, code.split("\n") + [""] * blank))
        return edits

    def invert_text(self, text: str) -> str | None:
        """`invert` decided on lines: the file as the tool writes it, else None."""
        return self._edit_text(text, 0, self._invert_edits)

    def _invert_edits(self, state: _RouterText) -> list[LineEdit] | None:
        found, blocks = state.outline, state.blocks
        edits = [
            _delete(found, blocks.imports, self.module, 1, self._root),
            _delete(found, blocks.includes, self.module, 0, self._root),
        ]
        spans = [edit for edit in edits if edit is not None]
        if len(spans) != len(edits):
            return None
        return [(first, stop, []) for first, stop in spans]

    def check_text(self, text: str) -> list[Finding] | None:
        """`check` decided on lines: [] for a module wired as the tool writes it."""
        state = self._text_state(text)
        if state is None or state.wired != 2 or not state.blocks.bound:
            return None
        return []

    def claims_text(self, text: str) -> list[Collision] | None:
        """`collisions(fresh=True)` decided on lines: [] when nothing of the
        module's router is in the file, else None."""
        state = self._text_state(text)
        return [] if state is not None and state.wired == 0 else None


def _receiver_name(module: cst.Module, path: str, router_name: str | None) -> str:
    """`router_name`, or the receiver the file's includes use (`find_receiver`)."""
    if router_name is not None:
        return router_name
    try:
        site = py.statement_site(module, INCLUDE_MARKER, path)
    except WiringError:
        return DEFAULT_RECEIVER  # the marker checks report it
    return find_receiver(module, site).name


def _layout(layout: Layout | str) -> Layout:
    # A bare package name means the generated layout (direct codemod runs, tests).
    return Layout.default(layout) if isinstance(layout, str) else layout


def wired_modules(
    document: cst.Module, layout: Layout | str, router_name: str | None = None
) -> list[str]:
    """Module names whose router is imported or included in the managed blocks
    (in the managed shape: a custom include is the user's, never an orphan)."""
    layout = _layout(layout)
    module = py.as_module(document)
    path = layout.router_file
    receiver = _receiver_name(module, path, router_name)
    names: list[str] = []
    canonical = canonical_include_key(receiver)
    for marker, key_of in (
        (IMPORT_MARKER, import_key(layout.modules_package)),
        (INCLUDE_MARKER, include_key(receiver)),
    ):
        site = py.statement_site(module, marker, path)
        names.extend(
            key
            for index, key in py.block_entries(site.suite, site.index, key_of)
            if marker == IMPORT_MARKER or canonical(site.suite.body[index])
        )
    return py.names_in(names)


def _import_sort(modules: str) -> py.SortKey:
    def import_sort(name: str) -> py.NaturalKey:
        return natural_key(f"{modules}.{name}.router")

    return import_sort


def block_findings(
    document: cst.Module,
    layout: Layout | str,
    path: str = "",
    router_name: str | None = None,
) -> list[Finding]:
    """Marker and ordering findings for both managed blocks of the router file."""
    layout = _layout(layout)
    module = py.as_module(document)
    path = path or layout.router_file
    receiver = _receiver_name(module, path, router_name)
    findings: list[Finding] = []
    import_sort = _import_sort(layout.modules_package)
    for marker, key_of in (
        (IMPORT_MARKER, import_key(layout.modules_package)),
        (INCLUDE_MARKER, include_key(receiver)),
    ):
        findings.extend(
            checking.block_order_findings(module, path, marker, key_of, import_sort)
        )
    return findings


def sort_blocks(
    document: cst.Module, layout: Layout | str, router_name: str | None = None
) -> cst.Module:
    """Both managed blocks re-sorted (the `check --fix` repair for PP208)."""
    layout = _layout(layout)
    module = py.as_module(document)
    path = layout.router_file
    receiver = _receiver_name(module, path, router_name)
    import_sort = _import_sort(layout.modules_package)
    module = py.sort_block(
        module, path, IMPORT_MARKER, import_key(layout.modules_package), import_sort
    )
    # Includes follow the imports' (isort) order so both blocks read alike.
    return py.sort_block(
        module, path, INCLUDE_MARKER, include_key(receiver), import_sort
    )


# --- text faces: the shared reading of the router file -----------------------------


@dataclass(frozen=True)
class _TextBlocks:
    """Both managed blocks of a router file as the text faces read them."""

    import_marker: int  # 1-based lines
    include_marker: int
    imports: list[tuple[int, str]]  # (top-level statement index, module)
    includes: list[tuple[int, str]]
    receiver: str
    bound: bool  # a top-level statement binds the receiver
    misplaced: bool  # code above the import block (E402)

    @cached_property
    def import_keys(self) -> dict[str, list[int]]:
        """Statement indices of each module's import entries."""
        return by_key(self.imports)

    @cached_property
    def include_keys(self) -> dict[str, list[int]]:
        """Statement indices of each module's include entries."""
        return by_key(self.includes)


@dataclass(frozen=True)
class _RouterText:
    outline: Outline
    blocks: _TextBlocks
    wired: int  # how many of the two managed lines are there


def _text_import_key(modules: str) -> Callable[[ast.stmt], str | None]:
    prefix = f"{modules}."

    def key_of(node: ast.stmt) -> str | None:
        found = aliased_import(node, "router", _SUFFIX)
        if found is None:
            return None
        name, stem = found
        if not name.startswith(prefix) or not name.endswith(".router"):
            return None
        middle = name[len(prefix) : -len(".router")]
        return middle if middle.isidentifier() and stem == middle else None

    return key_of


def _text_receiver(node: ast.stmt) -> str | None:
    """`X` for a statement `X.include_router(...)`, as `receiver_of` reads it."""
    if not isinstance(node, ast.Expr) or not isinstance(node.value, ast.Call):
        return None
    name = dotted(node.value.func)
    if name is None or not name.endswith(".include_router"):
        return None
    return name[: -len(".include_router")]


def _text_include_key(receiver: str) -> Callable[[ast.stmt], str | None]:
    def key_of(node: ast.stmt) -> str | None:
        if _text_receiver(node) != receiver:
            return None
        assert isinstance(node, ast.Expr)
        assert isinstance(node.value, ast.Call)
        args = node.value.args
        if not args or not isinstance(args[0], ast.Name):
            return None
        name = args[0].id
        if not name.endswith(_SUFFIX) or name == _SUFFIX:
            return None
        return name[: -len(_SUFFIX)]

    return key_of


def _binds(node: ast.stmt, name: str) -> bool:
    """True when a top-level statement plainly binds `name` (a subset of what
    `_bindings` finds: enough to say "bound", never "unbound")."""
    if isinstance(node, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    if isinstance(node, ast.AnnAssign):
        return isinstance(node.target, ast.Name) and node.target.id == name
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return node.name == name
    if isinstance(node, ast.Import | ast.ImportFrom):
        return any(
            (alias.asname or alias.name.partition(".")[0]) == name
            for alias in node.names
        )
    return False


def _before_imports_text(node: ast.stmt) -> bool:
    """`_before_imports` on one statement: may precede an import without E402."""
    if isinstance(node, ast.If | ast.Try | ast.Import | ast.ImportFrom):
        return True
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _text_blocks(
    found: Outline, modules: str, router_name: str | None
) -> _TextBlocks | None:
    """Both blocks, when each marker is once on a line of its own at module level
    below a simple statement and the entries above it sit line after line (read
    once per file: `check` asks for every module)."""
    return found.memo(
        ("router", modules, router_name),
        lambda: _read_blocks(found, modules, router_name),
    )


def _read_blocks(
    found: Outline, modules: str, router_name: str | None
) -> _TextBlocks | None:
    import_marker = found.marker(IMPORT_MARKER)
    include_marker = found.marker(INCLUDE_MARKER)
    if import_marker is None or include_marker is None:
        return None
    above_imports = found.between(import_marker)
    above_includes = found.between(include_marker)
    if above_imports is None or above_includes is None:
        return None
    if min(above_imports, above_includes) < 0:
        return None
    if found.body[above_imports].compound or found.body[above_includes].compound:
        return None
    imports = run_above(found.body, above_imports, _text_import_key(modules))
    receiver = router_name
    if receiver is None:
        used = run_above(found.body, above_includes, _text_receiver)
        if not used:
            return None  # `find_receiver` looks further: LibCST decides
        receiver = used[0][1]
    includes = run_above(found.body, above_includes, _text_include_key(receiver))
    if imports is None or includes is None:
        return None
    head = receiver.partition(".")[0]
    first = imports[0][0] if imports else above_imports + 1
    return _TextBlocks(
        import_marker,
        include_marker,
        imports,
        includes,
        receiver,
        bound=any(_binds(s.node, head) for s in found.body),
        misplaced=not all(_before_imports_text(s.node) for s in found.body[:first]),
    )


def _text_sort(modules: str) -> SortKey:
    def sort_key(name: str) -> NaturalKey:
        return natural_key(f"{modules}.{name}.router")

    return sort_key


def _insert(
    found: Outline,
    entries: list[tuple[int, str]],
    marker: int,
    key: str,
    sort: SortKey,
    separator: int,
    package: str,
) -> tuple[int | None, int]:
    """(line before which the new entry goes, blank lines after it) as
    `python_source.insert_statements` places it; (None, 0) when it cannot tell."""
    body = found.body
    position = insertion_index(entries, key, sort)
    if position is not None:
        index = entries[position][0]
        if position == 0 and (
            index == 0
            or not found.blank(body[index - 1].end + 1, body[index].start - 1)
        ):
            return None, 0  # leading comments, or the module's header
        return body[index].start, 0
    # At the end: the lines between the block and the marker stay in front of
    # the new entry, but for the separator's blank lines.
    if not entries:
        above = found.between(marker)
        assert above is not None
        join = separator and joins_imports(body, above + 1, package)
        if join is None:
            return None, 0
        if join and found.blank(body[above].end + 1, marker - 1):
            return body[above].end + 1, 0  # into the paragraph above, as isort
        return marker, separator
    start = body[entries[-1][0]].end + 1
    if not found.blank(start, marker - 1):
        return None, 0
    if not separator:
        return marker, 0
    return (marker - separator if marker - start >= separator else start), 0


def _delete(
    found: Outline,
    entries: list[tuple[int, str]],
    key: str,
    separator: int,
    package: str,
) -> tuple[int, int] | None:
    """(first line, line after) of entry `key`, with the separator's blank line
    `python_source.remove_statements` drops when the block empties (unless the
    entry had joined the import paragraph above it)."""
    body = found.body
    index = next(i for i, k in entries if k == key)
    first, stop = body[index].start, body[index].end + 1
    if separator and len(entries) == 1:
        join = joins_imports(body, index, package)
        if join is None:
            return None
        if join and body[index - 1].end + 1 == first:
            return first, stop
        end = body[index + 1].start if index + 1 < len(body) else len(found.lines) + 1
        if end - stop > separator and found.blank(stop, stop + separator - 1):
            stop += separator
    return first, stop
