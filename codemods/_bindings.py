"""A cheap binding scan: which statements of one scope bind a given name.

The wiring kinds need to know whether a name they are about to bind (`users_router`,
`users_model`, a settings field) is already bound by code PolePosition did not
write. Walking the statements of the one scope concerned is enough: imports,
assignments (also unpacked and annotated), `def`, `class`, `for`, `with ... as`,
`except ... as`, through `if`/`try`/`with`/`for`/`while`/`match` blocks but not
into nested functions or classes (they are scopes of their own). It reads no
expression trees, so it costs a fraction of LibCST's `ScopeProvider` (see
docs/managed-blocks.md, "Provenance").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import libcst as cst

Suite = cst.Module | cst.IndentedBlock
ScopeOwner = cst.Module | cst.FunctionDef | cst.ClassDef


def _target_names(node: cst.BaseExpression) -> Iterator[str]:
    """Names an assignment target binds (attributes and subscripts bind none)."""
    if isinstance(node, cst.Name):
        yield node.value
    elif isinstance(node, cst.Tuple | cst.List):
        for element in node.elements:
            yield from _target_names(element.value)
    elif isinstance(node, cst.StarredElement):
        yield from _target_names(node.value)


def _small_names(node: cst.BaseSmallStatement) -> Iterator[str]:
    if isinstance(node, cst.Import):
        for alias in node.names:
            if alias.asname is not None:
                yield from _target_names(alias.asname.name)
            else:
                yield _first(alias.name)
    elif isinstance(node, cst.ImportFrom):
        if not isinstance(node.names, cst.ImportStar):
            for alias in node.names:
                if alias.asname is not None:
                    yield from _target_names(alias.asname.name)
                else:
                    yield _first(alias.name)
    elif isinstance(node, cst.Assign):
        for target in node.targets:
            yield from _target_names(target.target)
    elif isinstance(node, cst.AnnAssign | cst.AugAssign):
        yield from _target_names(node.target)


def _first(name: cst.BaseExpression) -> str:
    while isinstance(name, cst.Attribute):
        name = name.value
    return name.value if isinstance(name, cst.Name) else ""


def _blocks(stmt: cst.BaseCompoundStatement) -> Iterator[cst.BaseSuite]:
    """The suites of a compound statement that share its scope."""
    if isinstance(stmt, cst.If):
        yield stmt.body
        orelse: cst.If | cst.Else | None = stmt.orelse
        while orelse is not None:
            yield orelse.body
            orelse = orelse.orelse if isinstance(orelse, cst.If) else None
    elif isinstance(stmt, cst.Try | cst.TryStar):
        yield stmt.body
        for handler in stmt.handlers:
            yield handler.body
        if stmt.orelse is not None:
            yield stmt.orelse.body
        if stmt.finalbody is not None:
            yield stmt.finalbody.body
    elif isinstance(stmt, cst.For | cst.While):
        yield stmt.body
        if stmt.orelse is not None:
            yield stmt.orelse.body
    elif isinstance(stmt, cst.With):
        yield stmt.body
    elif isinstance(stmt, cst.Match):
        for case in stmt.cases:
            yield case.body


def _compound_names(stmt: cst.BaseCompoundStatement) -> Iterator[str]:
    if isinstance(stmt, cst.FunctionDef | cst.ClassDef):
        yield stmt.name.value
    elif isinstance(stmt, cst.For):
        yield from _target_names(stmt.target)
    elif isinstance(stmt, cst.With):
        for item in stmt.items:
            if item.asname is not None:
                yield from _target_names(item.asname.name)
    elif isinstance(stmt, cst.Try | cst.TryStar):
        for handler in stmt.handlers:
            if handler.name is not None:
                yield from _target_names(handler.name.name)


def _statements(body: Sequence[cst.BaseStatement]) -> Iterator[cst.BaseStatement]:
    """Every statement of one scope, depth first, nested scopes excluded."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, cst.BaseCompoundStatement) and not isinstance(
            stmt, cst.FunctionDef | cst.ClassDef
        ):
            for block in _blocks(stmt):
                if isinstance(block, cst.IndentedBlock):
                    yield from _statements(block.body)


def index(body: Sequence[cst.BaseStatement]) -> dict[str, list[cst.CSTNode]]:
    """Every name a scope binds, with the statements (or small statements) that
    bind it, in file order: one walk serves every lookup."""
    found: dict[str, list[cst.CSTNode]] = {}

    def add(node: cst.CSTNode, names: Iterator[str]) -> None:
        for name in dict.fromkeys(names):
            found.setdefault(name, []).append(node)

    for stmt in _statements(body):
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                add(small, _small_names(small))
        elif isinstance(stmt, cst.BaseCompoundStatement):
            add(stmt, _compound_names(stmt))
            # A one-line body (`if x: y = 1`) is a SimpleStatementSuite.
            if not isinstance(stmt, cst.FunctionDef | cst.ClassDef):
                for block in _blocks(stmt):
                    if isinstance(block, cst.SimpleStatementSuite):
                        for small in block.body:
                            add(small, _small_names(small))
    return found


def binders(body: Sequence[cst.BaseStatement], name: str) -> list[cst.CSTNode]:
    """The statements (or small statements) of a scope that bind `name`."""
    return index(body).get(name, [])


def scope_binders(module: cst.Module, suite: Suite, name: str) -> list[cst.CSTNode]:
    """What binds `name` in the scope `suite` belongs to; the scope's index is
    built once per module object, so checking N modules of a file stays linear."""
    from codemods import python_source as py

    def build() -> dict[str, list[cst.CSTNode]]:
        owner, scope = scope_of(module, suite)
        table = index(scope.body)
        if isinstance(owner, cst.FunctionDef):
            # A factory's parameters (`def register(app: FastAPI)`) bind too.
            params = owner.params
            for param in [
                *params.posonly_params,
                *params.params,
                *params.kwonly_params,
                *[
                    p
                    for p in (params.star_arg, params.star_kwarg)
                    if isinstance(p, cst.Param)
                ],
            ]:
                table.setdefault(param.name.value, []).insert(0, param)
        return table

    table: dict[str, list[cst.CSTNode]] = py.memo(
        module, ("bindings", id(suite)), build
    )
    return table.get(name, [])


def scope_of(module: cst.Module, suite: Suite) -> tuple[ScopeOwner, Suite]:
    """The scope (module, function or class) a suite's statements bind names in,
    with the suite holding that scope's statements."""
    if suite is module:
        return module, module
    found = _find(module, module, module.body, suite)
    if found is None:
        return module, module
    return found


def _find(
    owner: ScopeOwner,
    owner_suite: Suite,
    body: Sequence[cst.BaseStatement],
    target: Suite,
) -> tuple[ScopeOwner, Suite] | None:
    for stmt in body:
        if not isinstance(stmt, cst.BaseCompoundStatement):
            continue
        if isinstance(stmt, cst.FunctionDef | cst.ClassDef):
            block = stmt.body
            if block is target:
                assert isinstance(block, cst.IndentedBlock)
                return stmt, block
            if isinstance(block, cst.IndentedBlock):
                found = _find(stmt, block, block.body, target)
                if found is not None:
                    return found
            continue
        for block in _blocks(stmt):
            if block is target:
                return owner, owner_suite
            if isinstance(block, cst.IndentedBlock):
                found = _find(owner, owner_suite, block.body, target)
                if found is not None:
                    return found
    return None
