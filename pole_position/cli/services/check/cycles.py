"""Circular imports between modules: each cycle once, named from its smallest member."""

from __future__ import annotations

import ast

from codemods import codes
from pole_position.cli.services.check.context import CheckContext


def import_statements(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement, nested ones included, without visiting expressions."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.stmt] = list(reversed(tree.body))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
            continue
        for field in ("body", "orelse", "finalbody"):
            stack.extend(reversed(getattr(node, field, [])))
        for handler in getattr(node, "handlers", []):
            stack.extend(reversed(handler.body))
        for case in getattr(node, "cases", []):
            stack.extend(reversed(case.body))
    return found


def _imports_of(
    tree: ast.Module, modules: str, own: str, names: set[str], location: list[str]
) -> set[str]:
    """Sibling modules a file imports; `location` is its package's dotted parts
    and `modules` the dotted modules package ("shop_api.modules")."""
    prefix = modules.split(".")
    found: set[str] = set()
    for node in import_statements(tree):
        targets: list[list[str]] = []
        if isinstance(node, ast.Import):
            targets = [alias.name.split(".") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module.split(".") if node.module else []
            if node.level == 0:
                targets = [module]
            elif node.level <= len(location):
                # Resolve `from ..x import y` against the file's own package.
                base = location[: len(location) - (node.level - 1)] + module
                targets = [base] if module else [[*base, a.name] for a in node.names]
        for parts in targets:
            if parts[: len(prefix)] == prefix and len(parts) > len(prefix):
                found.add(parts[len(prefix)])
    return (found & names) - {own}


def _cycle_through(
    start: str, graph: dict[str, set[str]], members: set[str]
) -> list[str]:
    """The shortest cycle from `start` back to itself inside one component."""
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for nxt in sorted(graph[node] & members):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parents[path[-1]])
                    return list(reversed(path))
                if nxt not in parents:
                    parents[nxt] = node
                    following.append(nxt)
        frontier = following
    return [start]


def _components(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[set[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                result.append(component)
    return result


def _location(context: CheckContext, path: str) -> list[str]:
    """The dotted parts of the package a root-relative `.py` file lives in."""
    parts = path.split("/")[:-1]
    root = context.layout.source_root
    return parts[len(root.split("/")) :] if root else parts


def check_cycles(context: CheckContext) -> None:
    """Report every import cycle between module packages once."""
    modules_dir = context.root / context.layout.modules_dir
    if not modules_dir.is_dir():
        return
    names = {
        child.name
        for child in modules_dir.iterdir()
        if child.is_dir() and child.name.isidentifier()
    }
    graph: dict[str, set[str]] = {name: set() for name in names}
    for name in sorted(names):
        for file in sorted((modules_dir / name).rglob("*.py")):
            if "__pycache__" in file.parts:
                continue
            relative = file.relative_to(context.root)
            tree = context.files.parse_python_ast(relative.as_posix())
            if tree is not None:
                # src/<pkg>/modules/<name>/.../f.py lives in package <pkg>.modules...
                location = _location(context, relative.as_posix())
                modules = context.layout.modules_package
                graph[name] |= _imports_of(tree, modules, name, names, location)
    for component in _components(graph):
        if len(component) < 2:
            continue
        cycle = _cycle_through(min(component), graph, component)
        shown = " → ".join([*cycle, cycle[0]])
        context.report(
            codes.CIRCULAR_IMPORT.finding(
                f"modules import each other in a cycle: {shown}",
                "Move the shared code into a module both can import, or import "
                "inside the function that needs it.",
                context.layout.module_dir(cycle[0]),
            )
        )
