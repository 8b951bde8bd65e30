"""Names that read naturally: `customers` → model `Customer`, table `customers`."""

from __future__ import annotations

import sys
import types
from functools import cache
from typing import Any, NamedTuple


def _pass_through(target: Any = None, **_options: Any) -> Any:
    return target if target is not None else (lambda function: function)


@cache
def _inflector() -> Any:
    # inflect wraps its API in typeguard's @typechecked, which instruments every
    # function while inflect is imported, and importing typeguard alone pulls in
    # unittest.mock and asyncio (about 120 ms of an `add module`). Those run-time
    # checks serve inflect's own development: when nothing has imported typeguard
    # yet, inflect sees a stand-in whose decorator passes functions through, and
    # the stand-in leaves `sys.modules` again so a real import later is unaffected.
    if "typeguard" not in sys.modules:
        stand_in = types.ModuleType("typeguard")
        stand_in.typechecked = _pass_through  # type: ignore[attr-defined]
        sys.modules["typeguard"] = stand_in
        try:
            import inflect

            return inflect.engine()
        except (ImportError, AttributeError):
            # A newer inflect needs more of typeguard: import the real one below.
            for name in [m for m in sys.modules if m.split(".")[0] == "inflect"]:
                del sys.modules[name]
        finally:
            if sys.modules.get("typeguard") is stand_in:
                del sys.modules["typeguard"]
    import typeguard

    # typeguard is loaded already: patch its decorator (its documented entry
    # point) to a pass-through while inflect is imported, and restore it.
    checked = typeguard.typechecked
    typeguard.typechecked = _pass_through
    try:
        import inflect
    finally:
        typeguard.typechecked = checked
    return inflect.engine()


def singular_of(word: str) -> str:
    """The singular of a snake_case name's last word (`order_items` → `order_item`)."""
    *head, last = word.split("_")
    singular = _inflector().singular_noun(last)
    return "_".join([*head, singular if isinstance(singular, str) else last])


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class ModuleNames(NamedTuple):
    """Every name a module template uses, derived once from the module name."""

    module: str
    singular: str
    model_class: str
    table_name: str
    route_prefix: str
    title: str

    def as_context(self) -> dict[str, str]:
        """The names as Jinja2 context variables."""
        return {
            "module": self.module,
            "singular": self.singular,
            "model_class": self.model_class,
            "table_name": self.table_name,
            "route_prefix": self.route_prefix,
            "title": self.title,
        }


def module_names(module: str) -> ModuleNames:
    """Derive model, table and route names from a validated module name."""
    singular = singular_of(module)
    return ModuleNames(
        module=module,
        singular=singular,
        model_class="".join(part.capitalize() for part in singular.split("_")),
        table_name=module,
        route_prefix=f"/{module}",
        title=module.replace("_", " ").capitalize(),
    )
