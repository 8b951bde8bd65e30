"""`router.AddRouter` / `router.RemoveRouter` for `python -m libcst.tool codemod`."""

from __future__ import annotations

import argparse

from codemods.commands._base import OperationCommand, add_identifier
from codemods.router import RouterWiring


class AddRouter(OperationCommand):
    """Import a module's router and include it in the API router."""

    DESCRIPTION = "Import and include a module router (above the router markers)."

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """--package and --module."""
        add_identifier(arg_parser, "--package", "import package, e.g. shop_api")
        add_identifier(arg_parser, "--module", "module name, e.g. users")

    def operation(self, path: str) -> RouterWiring:
        """The router wiring of the given module."""
        return RouterWiring(
            package=self.arguments["package"],
            module=self.arguments["module"],
            path=path,
        )


class RemoveRouter(AddRouter):
    """Remove exactly what `AddRouter` inserted."""

    DESCRIPTION = "Remove a module router's import and include."
    invert = True
