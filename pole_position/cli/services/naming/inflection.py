"""Names that read naturally: `customers` → model `Customer`, table `customers`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


def _pass_through(target: Any = None, **_options: Any) -> Any:
    return target if target is not None else (lambda function: function)


@cache
def _inflector() -> Any:
    import typeguard

    # inflect wraps its API in typeguard's @typechecked, which instruments every
    # function while inflect is imported: about 1.2 s of a 1.3 s import here. Those
    # run-time checks serve inflect's own development, so import it with a
    # pass-through decorator (typeguard's documented entry point) and restore it.
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


@dataclass(frozen=True)
class ModuleNames:
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
