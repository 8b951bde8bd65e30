"""Top-level imports a field needs: added in isort's place, taken back exactly.

`ensure_import` adds a name to an existing `from m import ...` (re-rendered in
black's canonical shape, names in isort's `order_by_type` order) or adds a new
statement in its isort section (standard library, third party, first party),
opening the section with a blank line when it is new. `release_import` is its
inverse: it drops a name nothing references any more, handing the leading
lines of a removed statement back to the import that follows it, which is
exactly how `ensure_import` took them. Generated files import nothing unused,
so "unreferenced" identifies what `ensure_import` added.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import libcst as cst

from codemods import python_source as py
from codemods.fields_spec import Import
from codemods.wrapping import LINE_LENGTH

_FUTURE, _STDLIB, _THIRD, _FIRST = range(4)


def _imports_of(stmt: cst.BaseStatement) -> cst.Import | cst.ImportFrom | None:
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        node = stmt.body[0]
        if isinstance(node, cst.Import | cst.ImportFrom):
            return node
    return None


def _module_name(node: cst.Import | cst.ImportFrom) -> str:
    if isinstance(node, cst.ImportFrom):
        return ("." * len(node.relative)) + (py.dotted(node.module) or "")
    return py.dotted(node.names[0].name) or ""


def _section(module: str, package: str) -> int:
    root = module.split(".")[0]
    if root == "__future__":
        return _FUTURE
    if not root or root == package:
        return _FIRST
    if root in sys.stdlib_module_names:
        return _STDLIB
    return _THIRD


def _statement_key(node: cst.Import | cst.ImportFrom) -> tuple[int, str]:
    # isort's default (force_sort_within_sections off): `import x` lines first.
    return (1 if isinstance(node, cst.ImportFrom) else 0, _module_name(node).lower())


def name_key(name: str) -> tuple[int, str]:
    """isort's `order_by_type`: CONSTANTS, then Classes, then functions."""
    if name.isupper() and len(name) > 1:
        group = 0
    elif name[:1].isupper():
        group = 1
    else:
        group = 2
    return group, name.lower()


def _names(node: cst.ImportFrom) -> list[str] | None:
    if isinstance(node.names, cst.ImportStar):
        return None
    names: list[str] = []
    for alias in node.names:
        if alias.asname is not None:
            return None  # an aliased import is the user's shape: leave it alone
        names.append(py.dotted(alias.name) or "")
    return names


def from_import_code(module: str, names: Sequence[str]) -> str:
    """`from module import a, b` as black lays it out at the top level."""
    flat = f"from {module} import {', '.join(names)}"
    if len(flat) <= LINE_LENGTH:
        return flat
    inner = "".join(f"    {name},\n" for name in names)
    return f"from {module} import (\n{inner})"


def _top_imports(module: cst.Module) -> list[tuple[int, cst.Import | cst.ImportFrom]]:
    found = []
    for index, stmt in enumerate(module.body):
        node = _imports_of(stmt)
        if node is not None:
            found.append((index, node))
    return found


def _replace(module: cst.Module, index: int, code: str) -> cst.Module:
    old = module.body[index]
    assert isinstance(old, cst.SimpleStatementLine)
    new = py.parse_stmt(code, module)
    assert isinstance(new, cst.SimpleStatementLine)
    new = new.with_changes(
        leading_lines=old.leading_lines, trailing_whitespace=old.trailing_whitespace
    )
    body = list(module.body)
    body[index] = new
    return module.with_changes(body=body)


def ensure_import(module: cst.Module, wanted: Import, package: str) -> cst.Module:
    """`module` importing `wanted` at the top level; a no-op when it already does."""
    source, name = wanted
    imports = _top_imports(module)
    for index, node in imports:
        if name == "":
            if isinstance(node, cst.Import) and any(
                py.dotted(alias.name) == source and alias.asname is None
                for alias in node.names
            ):
                return module
            continue
        if not isinstance(node, cst.ImportFrom) or node.relative:
            continue
        if py.dotted(node.module) != source:
            continue
        names = _names(node)
        if names is None:
            continue
        if name in names:
            return module
        merged = sorted([*names, name], key=name_key)
        return _replace(module, index, from_import_code(source, merged))
    code = f"import {source}" if name == "" else f"from {source} import {name}"
    statement = py.parse_stmt(code, module)
    return _insert(module, statement, imports, package)


def _insert(
    module: cst.Module,
    statement: cst.BaseStatement,
    imports: list[tuple[int, cst.Import | cst.ImportFrom]],
    package: str,
) -> cst.Module:
    node = _imports_of(statement)
    assert node is not None
    section = _section(_module_name(node), package)
    key = _statement_key(node)
    body: list[cst.BaseStatement] = list(module.body)
    same = [(i, n) for i, n in imports if _section(_module_name(n), package) == section]
    if same:
        later = [i for i, n in same if _statement_key(n) > key]
        if later:
            at = later[0]
            if at == same[0][0]:  # the new first of its section takes its lines
                statement = statement.with_changes(
                    leading_lines=py.leading_lines(body[at])
                )
                body[at] = body[at].with_changes(leading_lines=[])
        else:
            at = same[-1][0] + 1
        body.insert(at, statement)
        return module.with_changes(body=body)
    after = [i for i, n in imports if _section(_module_name(n), package) > section]
    if after:
        at = after[0]
        statement = statement.with_changes(leading_lines=py.leading_lines(body[at]))
        body[at] = body[at].with_changes(leading_lines=[py.blank_line()])
    else:
        at = imports[-1][0] + 1 if imports else _after_docstring(module)
        statement = statement.with_changes(leading_lines=[py.blank_line()])
    body.insert(at, statement)
    return module.with_changes(body=body)


def _after_docstring(module: cst.Module) -> int:
    first = module.body[0] if module.body else None
    if (
        isinstance(first, cst.SimpleStatementLine)
        and len(first.body) == 1
        and isinstance(first.body[0], cst.Expr)
        and isinstance(first.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    ):
        return 1
    return 0


class _References(cst.CSTVisitor):
    """Collects the names used outside import statements (attributes excluded)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_Import(self, node: cst.Import) -> bool:
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False

    def visit_Name(self, node: cst.Name) -> bool:
        self.names.add(node.value)
        return False


def referenced_names(module: cst.Module) -> set[str]:
    """Every name `module` uses outside its imports (one traversal)."""
    visitor = _References()
    module.visit(visitor)
    return visitor.names


def bound_name(wanted: Import) -> str:
    """The name an import binds: `uuid` for `import uuid`, `date` for a from-import."""
    source, name = wanted
    return source.split(".")[0] if name == "" else name


def release_import(
    module: cst.Module, wanted: Import, package: str, used: set[str] | None = None
) -> cst.Module:
    """`module` without `wanted` when nothing references it; else unchanged.

    `used` is `referenced_names(module)` when the caller has it already.
    """
    source, name = wanted
    if bound_name(wanted) in (referenced_names(module) if used is None else used):
        return module
    for index, node in _top_imports(module):
        if name == "":
            if (
                isinstance(node, cst.Import)
                and len(node.names) == 1
                and py.dotted(node.names[0].name) == source
                and node.names[0].asname is None
            ):
                return _remove(module, index, package)
            continue
        if not isinstance(node, cst.ImportFrom) or node.relative:
            continue
        if py.dotted(node.module) != source:
            continue
        names = _names(node)
        if names is None or name not in names:
            continue
        rest = [other for other in names if other != name]
        if not rest:
            return _remove(module, index, package)
        return _replace(module, index, from_import_code(source, rest))
    return module


def _remove(module: cst.Module, index: int, package: str) -> cst.Module:
    body: list[cst.BaseStatement] = list(module.body)
    removed = body.pop(index)
    node = _imports_of(removed)
    assert node is not None
    section = _section(_module_name(node), package)
    previous = _imports_of(body[index - 1]) if index > 0 else None
    following = _imports_of(body[index]) if index < len(body) else None
    opened = previous is None or _section(_module_name(previous), package) != section
    if following is not None and opened:
        # It was first in its section and took the lines in front of the import
        # that now follows it (the docstring gap or a section blank): give
        # them back, replacing whatever `ensure_import` left there.
        body[index] = body[index].with_changes(leading_lines=py.leading_lines(removed))
    return module.with_changes(body=body)
