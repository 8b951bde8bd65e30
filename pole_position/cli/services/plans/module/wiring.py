"""The wiring operations of one module: the same list serves add, remove and check."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from codemods.layout import Layout
from pole_position.cli.errors import Refused
from pole_position.cli.services.catalog.modules import TemplateSpec
from pole_position.cli.services.project import text_faces

if TYPE_CHECKING:
    from pole_position.cli.services.project.change_set import ChangeSet
    from pole_position.cli.services.project.wiring_types import AnyWiring


def module_wiring(layout: Layout, module: str, spec: TemplateSpec) -> list[AnyWiring]:
    """Export, router and model operations the template needs, in apply order."""
    from codemods.export import module_export
    from codemods.model import ModelImport
    from codemods.router import RouterWiring

    operations: list[AnyWiring] = [module_export(layout, module)]
    if spec.has_router and spec.router_in_api:
        operations.append(RouterWiring.of(layout, module))
    if spec.has_model and layout.has_database:
        operations.append(ModelImport.of(layout, module))
    return operations


def refuse_claimed(changes: ChangeSet, operations: Sequence[AnyWiring]) -> None:
    """Refuse with file:line when new wiring would write or bind something already
    there: PolePosition adopts no line it did not write (docs/managed-blocks.md)."""
    from codemods import WiringError
    from codemods.provenance import Claiming, claim_errors

    for operation in operations:
        if not isinstance(operation, Claiming):
            continue
        # Nothing of the wiring in the file yet: decided on text, no parse.
        found = text_faces.claimed(operation, changes)
        if found == []:
            continue
        document = changes.document(operation.path, operation.format)
        try:
            errors = claim_errors(operation, document)
        except WiringError:
            continue  # a broken marker: applying the wiring reports it, once
        if errors:
            error = errors[0]
            where = f"{error.path}:{error.line}" if error.line else str(error.path)
            raise Refused(
                f"{where}: {error.message}; nothing changed.",
                "PolePosition adopts no line it did not write "
                "(docs/managed-blocks.md, 'Provenance').",
            )
