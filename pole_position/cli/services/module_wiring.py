"""The wiring operations of one module: the same list serves add, remove and check."""

from __future__ import annotations

from typing import Any

from pole_position.cli.services.module_catalog import TemplateSpec


def module_wiring(package: str, module: str, spec: TemplateSpec, db: str) -> list[Any]:
    """Export, router and model operations the template needs, in apply order."""
    from codemods.export import module_export
    from codemods.model import ModelImport
    from codemods.router import RouterWiring

    operations: list[Any] = [module_export(package, module)]
    if spec.has_router:
        operations.append(RouterWiring(package=package, module=module))
    if spec.has_model and db != "none":
        operations.append(ModelImport(package=package, module=module))
    return operations
