"""Circular imports between modules: each cycle once, named from its smallest member."""

from __future__ import annotations

import ast
import os
from typing import cast

from codemods import codes
from pole_position.cli.services.check.context import CheckContext

# ["import" | "from", level, module or None, imported names, line]: JSON-able,
# so the check cache can keep it.
ImportFact = list[object]


def unpack(fact: ImportFact) -> tuple[str, int, str | None, list[str], int]:
    """An import fact's fields, typed (a fact comes back from JSON as a list).

    No conversions: a warm check of 200 modules unpacks some 8000 facts, and
    each was written by `_scan_imports` in exactly these types.
    """
    kind, level, dotted, imported, line = fact
    return cast(
        "tuple[str, int, str | None, list[str], int]",
        (kind, level, dotted, imported, line),
    )


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


def import_facts(context: CheckContext, path: str) -> list[ImportFact] | None:
    """A file's import statements as plain data, None when it does not parse.

    Parsed once per run and kept in the check cache by content hash: the
    cycle and import-integrity checks both read every module file through it.
    """
    if path not in context.imports:
        context.imports[path] = context.remember(
            "imports", [path], None, lambda: _scan_imports(context, path)
        )
    facts = cast("list[ImportFact] | None", context.imports[path])
    return facts


def _scan_imports(context: CheckContext, path: str) -> list[ImportFact] | None:
    tree = context.files.parse_python_ast(path)
    if tree is None:
        return None
    facts: list[ImportFact] = []
    found: list[ast.Import | ast.ImportFrom] = [
        node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)
    ]
    # Each import statement spells `import` once: when the text holds no more
    # occurrences than there are top-level imports, none is nested, and the
    # walk through every function and class body can be skipped.
    if len(found) != (context.files.text(path) or "").count("import"):
        found = import_statements(tree)
    for node in found:
        names = [alias.name for alias in node.names]
        if isinstance(node, ast.Import):
            facts.append(["import", 0, None, names, node.lineno])
        else:
            facts.append(["from", node.level, node.module, names, node.lineno])
    return facts


def _imports_of(
    facts: list[ImportFact],
    modules: str,
    own: str,
    names: set[str],
    location: list[str],
) -> set[str]:
    """Sibling modules a file imports; `location` is its package's dotted parts
    and `modules` the dotted modules package ("shop_api.modules")."""
    prefix = modules.split(".")
    found: set[str] = set()
    for kind, level, dotted, imported, _line in map(unpack, facts):
        targets: list[list[str]] = []
        if kind == "import":
            targets = [name.split(".") for name in imported]
        else:
            module = dotted.split(".") if dotted else []
            if level == 0:
                targets = [module]
            elif level <= len(location):
                # Resolve `from ..x import y` against the file's own package.
                base = location[: len(location) - (level - 1)] + module
                targets = [base] if module else [[*base, name] for name in imported]
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
    # scandir, not Path.iterdir: its entries know whether they are folders.
    with os.scandir(modules_dir) as children:
        names = {
            child.name
            for child in children
            if child.name.isidentifier() and _is_folder(child)
        }
    graph: dict[str, set[str]] = {name: set() for name in names}
    for name in sorted(names):
        for path in context.files.python_files(context.layout.module_dir(name)):
            facts = import_facts(context, path)
            if facts is not None:
                # src/<pkg>/modules/<name>/.../f.py lives in package <pkg>.modules...
                location = _location(context, path)
                modules = context.layout.modules_package
                graph[name] |= _imports_of(facts, modules, name, names, location)
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


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """`Path.is_dir()` of a folder entry: links followed, errors mean no."""
    try:
        return entry.is_dir()
    except OSError:
        return False
