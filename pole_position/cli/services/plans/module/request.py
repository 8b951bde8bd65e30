"""Turn `add module` flags into one template and its options, or refuse clearly."""

from __future__ import annotations

from typing import NamedTuple

from pole_position.cli.errors import InvalidInput
from pole_position.cli.services.catalog.modules import (
    CRUD_OPTIONS,
    IMPORTED_NAMES,
    TEMPLATES,
    TemplateSpec,
)


# A NamedTuple: a fifth of a frozen dataclass's cost to define (add/remove import it).
class ModuleRequest(NamedTuple):
    """A validated request: module name, template and CRUD options (canonical order)."""

    name: str
    spec: TemplateSpec
    options: tuple[str, ...] = ()

    @property
    def manifest_value(self) -> str:
        """How the manifest records the template, e.g. `crud[pagination,timestamps]`."""
        if not self.options:
            return self.spec.name
        return f"{self.spec.name}[{','.join(self.options)}]"


def resolve_request(
    name: str,
    template: str | None,
    *,
    api_only: bool = False,
    service_only: bool = False,
    options: tuple[str, ...] = (),
) -> ModuleRequest:
    """Validate the name, the template choice and the CRUD options together."""
    from pole_position.cli.services.naming.inflection import module_names
    from pole_position.cli.services.naming.validation import (
        did_you_mean,
        parse_module_name,
    )

    module = parse_module_name(name)
    model_class = module_names(module).model_class
    if model_class in IMPORTED_NAMES:
        raise InvalidInput(
            f"module name {module!r} would name its model {model_class}, which "
            "clashes with a name the generated code imports.",
            f"Choose another name, e.g. {module}_records.",
        )
    if api_only and service_only:
        raise InvalidInput(
            "--api-only and --service-only exclude each other.", "Choose one of them."
        )
    shortcut = "api-only" if api_only else "service-only" if service_only else None
    if shortcut and template is not None and template != shortcut:
        raise InvalidInput(
            f"--{shortcut} conflicts with --template {template}.",
            f"Drop one of them (--{shortcut} means --template {shortcut}).",
        )
    chosen = (shortcut or template or "standard").lower()
    spec = TEMPLATES.get(chosen)
    if spec is None:
        raise InvalidInput(
            f"unknown template {chosen!r}.",
            did_you_mean(chosen, TEMPLATES) + f"Choose one of: {', '.join(TEMPLATES)}.",
        )
    if options and spec.name != "crud":
        flags = ", ".join(f"--{option}" for option in options)
        verb = "applies" if len(options) == 1 else "apply"
        raise InvalidInput(
            f"{flags} only {verb} to the crud template.",
            "Add --template crud, or drop the option.",
        )
    canonical = tuple(option for option in CRUD_OPTIONS if option in options)
    return ModuleRequest(name=module, spec=spec, options=canonical)
