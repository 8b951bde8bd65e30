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
        """--package and --module; the layout's modules package (and receiver)."""
        add_identifier(arg_parser, "--package", "import package, e.g. shop_api")
        add_identifier(arg_parser, "--module", "module name, e.g. users")
        arg_parser.add_argument(
            "--modules-package",
            dest="modules_package",
            default="",
            help="dotted package the module lives in (default: <package>.modules)",
        )
        arg_parser.add_argument(
            "--receiver",
            dest="receiver",
            default=None,
            help="the object include_router is called on (default: found in the file)",
        )

    def operation(self, path: str) -> RouterWiring:
        """The router wiring of the given module."""
        return RouterWiring(
            package=self.arguments["package"],
            module=self.arguments["module"],
            path=path,
            router_name=self.arguments["receiver"],
            modules_package=self.arguments["modules_package"],
        )


class RemoveRouter(AddRouter):
    """Remove exactly what `AddRouter` inserted."""

    DESCRIPTION = "Remove a module router's import and include."
    invert = True
