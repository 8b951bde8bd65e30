"""The starter `status` module's wiring, applied by `start` through the codemods."""

from __future__ import annotations

from typing import Any

from pole_position.cli.services.change_set import ChangeSet

STARTER = "status"


def starter_operations(package: str) -> list[Any]:
    """The wiring operations that connect the starter module."""
    from codemods.export import module_export
    from codemods.manifest import ManifestModule
    from codemods.router import RouterWiring

    return [
        module_export(package, STARTER),
        RouterWiring(package=package, module=STARTER),
        ManifestModule(name=STARTER, template="starter"),
    ]


def plan_starter_module(changes: ChangeSet, package: str) -> None:
    """Wire the starter module into a project being created."""
    changes.wire(starter_operations(package))
