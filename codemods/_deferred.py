"""A module bound to a global name and imported only when first used.

The wiring kinds keep their text faces (codemods._core.TextShortcut) free of
LibCST, which costs more to import than a whole text-patching command. Their
LibCST faces still read `cst.Name`, `py.scan(...)`: a `Deferred` under that
global name imports the real module on the first attribute read and rebinds the
name to it, so later reads are plain global lookups (and monkeypatching the real
module keeps working). Type checkers see the real import under TYPE_CHECKING.
"""

from __future__ import annotations

import importlib
from typing import Any


class Deferred:
    """Stands in for `import <module> as <alias>` in `namespace` until first use."""

    __slots__ = ("_alias", "_module", "_namespace")

    def __init__(self, module: str, namespace: dict[str, Any], alias: str) -> None:
        self._module = module
        self._namespace = namespace
        self._alias = alias

    def __getattr__(self, attribute: str) -> Any:
        """Import the module, rebind the global name to it, read the attribute."""
        module = importlib.import_module(self._module)
        self._namespace[self._alias] = module
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<deferred module {self._module!r}>"


# The modules the Python wiring kinds' LibCST faces read, by the alias they use.
_FACE_MODULES = {
    "cst": "libcst",
    "bindings": "codemods._bindings",
    "py": "codemods.python_source",
    "checking": "codemods.checking",
}


def defer(namespace: dict[str, Any], *aliases: str) -> None:
    """Bind each alias (`cst`, `bindings`, `py`, `checking`) in `namespace` to a
    `Deferred` import of its module."""
    for alias in aliases:
        namespace[alias] = Deferred(_FACE_MODULES[alias], namespace, alias)
