"""The LibCST face of `ImportRename` (plain LibCST, no matchers).

`from shop.modules.customers.schemas import CustomerCreate` becomes
`from shop.modules.clients.schemas import ClientCreate`, and the names a
rewritten import binds are renamed where the file uses them. Strings and
comments are left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import libcst as cst

from codemods import python_source as py
from pole_position.cli.services.plans.rename.names import NameSwap


def _dotted_node(name: str) -> cst.Attribute | cst.Name:
    head, *rest = name.split(".")
    node: cst.Attribute | cst.Name = cst.Name(head)
    for part in rest:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


class _Renamer(cst.CSTTransformer):
    def __init__(
        self,
        old_prefix: str,
        new_prefix: str,
        swap: NameSwap,
        depth: int | None,
        package: str | None,
    ) -> None:
        super().__init__()
        # How deep the file sits inside the module's folder (0 at its top),
        # None outside: relative imports that stay inside the module bind
        # the module's names too.
        self.depth = depth
        # Outside the module: the package holding the file, so a relative
        # import (`from ..customers import service`) resolves to a dotted name.
        self.package = package
        self.old_prefix = old_prefix
        self.new_prefix = new_prefix
        self.parent = old_prefix.rsplit(".", 1)[0]
        self.old_name = old_prefix.rsplit(".", 1)[1]
        self.swap = swap
        self.bound: dict[str, str] = {}  # local name -> new local name
        self.modules: set[str] = set()  # local names bound to the module's modules

    def _moved(self, dotted: str | None) -> str | None:
        if dotted == self.old_prefix or (dotted or "").startswith(
            self.old_prefix + "."
        ):
            return self.new_prefix + (dotted or "")[len(self.old_prefix) :]
        return None

    def _base(self, level: int) -> str | None:
        """The dotted package a relative import of `level` dots starts from."""
        if self.depth is not None:
            # Above the module's own folder: the module's parents are known.
            parts = self.old_prefix.split(".")
            up = level - 1 - self.depth
        elif self.package is not None:
            parts = self.package.split(".")
            up = level - 1
        else:
            return None
        if up >= len(parts):
            return None  # beyond the top-level package: Python refuses it too
        return ".".join(parts[: len(parts) - up])

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        if isinstance(updated_node.names, cst.ImportStar):
            return updated_node
        if updated_node.relative:
            return self._relative(original_node, updated_node)
        dotted = py.dotted(original_node.module)
        return self._absolute(dotted, updated_node, lambda moved: moved)

    def _relative(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        level = len(updated_node.relative)
        relative = py.dotted(original_node.module)
        if self.depth is not None and level <= self.depth + 1:
            # Stays inside the module's folder, which moves with the file.
            names = [self._alias(alias, self.swap) for alias in _aliases(updated_node)]
            if relative is None or self.swap(relative) == relative:
                return updated_node.with_changes(names=names)
            module = _dotted_node(self.swap(relative))
            return updated_node.with_changes(module=module, names=names)
        base = self._base(level)
        if base is None:
            return updated_node
        dotted = base if relative is None else f"{base}.{relative}"

        def relative_to_base(moved: str) -> str:
            return moved[len(base) + 1 :]

        return self._absolute(dotted, updated_node, relative_to_base)

    def _absolute(
        self,
        dotted: str | None,
        updated_node: cst.ImportFrom,
        spelled: Callable[[str], str],
    ) -> cst.ImportFrom:
        """Rewrite `from <dotted> import ...`; `spelled` writes the moved source."""
        moved = self._moved(dotted)
        if moved is not None:
            names = [self._alias(alias, self.swap) for alias in _aliases(updated_node)]
            module = _dotted_node(spelled(moved))
            return updated_node.with_changes(module=module, names=names)
        if dotted == self.parent:
            names = [self._alias(alias, None) for alias in _aliases(updated_node)]
            return updated_node.with_changes(names=names)
        return updated_node

    def _alias(self, alias: cst.ImportAlias, swap: NameSwap | None) -> cst.ImportAlias:
        name = py.dotted(alias.name) or ""
        if swap is None:
            if name != self.old_name:
                return alias
            renamed = self.new_prefix.rsplit(".", 1)[1]
        else:
            renamed = swap(name)
        local = alias.asname.name if alias.asname is not None else None
        if isinstance(local, cst.Name):
            self.modules.add(local.value)
        elif renamed != name:
            self.bound[name] = renamed
            self.modules.add(renamed)
        else:
            self.modules.add(name)
        if renamed == name:
            return alias
        return alias.with_changes(name=cst.Name(renamed))

    def leave_Import(
        self, original_node: cst.Import, updated_node: cst.Import
    ) -> cst.Import:
        names = []
        for before, alias in zip(original_node.names, updated_node.names, strict=True):
            moved = self._moved(py.dotted(before.name))
            if moved is not None:
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    self.modules.add(alias.asname.name.value)
                alias = alias.with_changes(name=_dotted_node(moved))
            names.append(alias)
        return updated_node.with_changes(names=names)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        moved = self._moved(py.dotted(original_node))
        if moved is not None:
            tail = moved[len(self.new_prefix) :]
            return _dotted_node(self.new_prefix + self.swap(tail))
        root: cst.BaseExpression = updated_node.value
        while isinstance(root, cst.Attribute):
            root = root.value
        if isinstance(root, cst.Name) and root.value in self.modules:
            renamed = self.swap(updated_node.attr.value)
            if renamed != updated_node.attr.value:
                return updated_node.with_changes(attr=cst.Name(renamed))
        return updated_node

    def leave_Name(
        self, original_node: cst.Name, updated_node: cst.Name
    ) -> cst.BaseExpression:
        renamed = self.bound.get(updated_node.value)
        return updated_node.with_changes(value=renamed) if renamed else updated_node


def _aliases(node: cst.ImportFrom) -> list[cst.ImportAlias]:
    assert not isinstance(node.names, cst.ImportStar)
    return list(node.names)


def rename_imports(
    module: cst.Module,
    old_prefix: str,
    new_prefix: str,
    swap: NameSwap,
    depth: int | None = None,
    package: str | None = None,
) -> cst.Module:
    """The module with every import of `old_prefix` moved to `new_prefix`."""
    renamer = _Renamer(old_prefix, new_prefix, swap, depth, package)
    # Uses may precede the import (a function body above a late import), so
    # the names the imports bind are learnt first, from the import statements
    # alone; one transform then rewrites the imports and every use.
    for statement in _import_statements(module.body):
        if isinstance(statement, cst.ImportFrom):
            renamer.leave_ImportFrom(statement, statement)
        else:
            renamer.leave_Import(statement, statement)
    result = module.visit(_Guard(renamer))
    assert isinstance(result, cst.Module)
    return result


def _import_statements(
    body: Sequence[cst.CSTNode],
) -> Iterator[cst.Import | cst.ImportFrom]:
    """Every import statement, in file order, at any depth of statement nesting.

    Imports are statements, never expressions, so only statement bodies are
    walked: no expression node is visited.
    """
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Import | cst.ImportFrom):
                    yield small
        elif isinstance(statement, cst.BaseCompoundStatement):
            yield from _nested_imports(statement)


def _nested_imports(node: cst.CSTNode) -> Iterator[cst.Import | cst.ImportFrom]:
    """Imports in the suites of a compound statement (else, handlers, cases too)."""
    for part in ("body", "orelse", "handlers", "finalbody", "cases"):
        value = getattr(node, part, None)
        if isinstance(value, cst.IndentedBlock):
            yield from _import_statements(value.body)
        elif isinstance(value, cst.SimpleStatementSuite):
            yield from (
                s for s in value.body if isinstance(s, cst.Import | cst.ImportFrom)
            )
        elif isinstance(value, cst.CSTNode):  # `else:`, `finally:`, an `elif`
            yield from _nested_imports(value)
        elif isinstance(value, tuple | list):  # except handlers, match cases
            for child in value:
                yield from _nested_imports(child)


class _Guard(cst.CSTTransformer):
    """Runs the renamer, but never renames `x.<attr>` or `f(<keyword>=...)` names."""

    def __init__(self, renamer: _Renamer) -> None:
        super().__init__()
        self.renamer = renamer
        self.skip: set[int] = set()

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.skip.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.skip.add(id(node.keyword))

    def leave_Name(
        self, original_node: cst.Name, updated_node: cst.Name
    ) -> cst.BaseExpression:
        if id(original_node) in self.skip:
            return updated_node
        return self.renamer.leave_Name(original_node, updated_node)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        return self.renamer.leave_Attribute(original_node, updated_node)

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        return self.renamer.leave_ImportFrom(original_node, updated_node)

    def leave_Import(
        self, original_node: cst.Import, updated_node: cst.Import
    ) -> cst.Import:
        return self.renamer.leave_Import(original_node, updated_node)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        # Alias names are rewritten by the import handlers, not as references.
        for name in _names_in(node.name):
            self.skip.add(id(name))
        if node.asname is not None:
            for name in _names_in(node.asname.name):
                self.skip.add(id(name))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        for name in _names_in(node.module):
            self.skip.add(id(name))


def _names_in(node: cst.CSTNode | None) -> list[cst.Name]:
    if node is None:
        return []
    if isinstance(node, cst.Name):
        return [node]
    if isinstance(node, cst.Attribute):
        return [*_names_in(node.value), node.attr]
    return []
