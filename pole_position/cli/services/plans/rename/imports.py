"""Rewrite every import of a renamed module in one Python file.

`from shop.modules.customers.schemas import CustomerCreate` becomes
`from shop.modules.clients.schemas import ClientCreate`, and the names a
rewritten import binds are renamed where the file uses them (the LibCST face
lives in `renamer`, imported only for a file that may need it). Strings and
comments are left alone.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from codemods import python_text
from codemods.python_text import PYTHON, PythonFormat
from pole_position.cli.services.plans.rename.names import NameSwap, name_swap_of

if TYPE_CHECKING:
    import libcst as cst

    from codemods import Finding

__all__ = ["ImportRename", "may_change"]


def may_change(
    text: str, old_prefix: str, new_prefix: str, swap: NameSwap, depth: int | None
) -> bool:
    """False only when renaming `old_prefix` cannot change a file holding `text`.

    Outside the module's folder every import of it, absolute or relative, and
    every dotted use names the module (`modules.customers`, `import customers`,
    `from ..customers import`), and the names it binds come only from such an
    import: no token, nothing to rename. Inside the folder, relative imports
    (`from .schemas import CustomerCreate`) need not name the module, but any
    rename there swaps one of its name forms.
    """
    if depth is not None:
        return swap.found(text)
    old_name = old_prefix.rsplit(".", 1)[1]
    new_name = new_prefix.rsplit(".", 1)[1]
    if not name_swap_of(((old_name, new_name),)).found(text):
        return False
    # The name may sit in a comment or a string (`# clients`): only code that
    # names the module can be rewritten, decided on `ast` (no LibCST import).
    tree = python_text.parse(text)
    return tree is None or _names_module(tree, old_name)


def _names_module(tree: ast.Module, name: str) -> bool:
    """True when an import or a dotted use in `tree` has `name` as one part."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr == name:
                return True
        elif isinstance(node, ast.Import | ast.ImportFrom):
            if isinstance(node, ast.ImportFrom) and name in (node.module or "").split(
                "."
            ):
                return True
            if any(name in alias.name.split(".") for alias in node.names):
                return True
    return False


@dataclass(frozen=True)
class ImportRename:
    """Move imports of module `old` to module `new` in one Python file."""

    format: ClassVar[PythonFormat] = PYTHON
    path: str
    old_prefix: str
    new_prefix: str
    swap: NameSwap
    depth: int | None = None  # inside the module's folder: how deep
    package: str | None = None  # outside it: the file's package (relative imports)

    def _may_change(self, text: str, *, back: bool) -> bool:
        if back:
            return may_change(
                text, self.new_prefix, self.old_prefix, self.swap.reversed(), self.depth
            )
        return may_change(text, self.old_prefix, self.new_prefix, self.swap, self.depth)

    def apply(self, document: cst.Module) -> cst.Module:
        """Rewrite the imports and the names they bind."""
        # Rendering costs a fraction of one transform pass; the wiring files
        # this runs on grow with the project and rarely import the module.
        if not self._may_change(document.code, back=False):
            return document
        from pole_position.cli.services.plans.rename.renamer import rename_imports

        return rename_imports(
            document,
            self.old_prefix,
            self.new_prefix,
            self.swap,
            self.depth,
            self.package,
        )

    def invert(self, document: cst.Module) -> cst.Module:
        """Rewrite them back."""
        if not self._may_change(document.code, back=True):
            return document
        from pole_position.cli.services.plans.rename.renamer import rename_imports

        return rename_imports(
            document,
            self.new_prefix,
            self.old_prefix,
            self.swap.reversed(),
            self.depth,
            self.package,
        )

    # Text faces (codemods.TextShortcut): a file that cannot name the module
    # is decided without parsing it; any other is left to the LibCST face.
    def apply_text(self, text: str) -> str | None:
        """`text` itself when `apply` cannot change it, else None."""
        return None if self._may_change(text, back=False) else text

    def invert_text(self, text: str) -> str | None:
        """`text` itself when `invert` cannot change it, else None."""
        return None if self._may_change(text, back=True) else text

    def check_text(self, text: str) -> list[Finding] | None:
        """No findings: a rename has nothing for `check` to report."""
        return []
