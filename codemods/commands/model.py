"""`model.AddModelImport` / `model.RemoveModelImport` for libcst.tool."""

from __future__ import annotations

import argparse

from codemods.commands._base import OperationCommand, add_identifier
from codemods.layout import MARKERS
from codemods.model import ModelImport


class AddModelImport(OperationCommand):
    """Import a module's model inside `import_models()`."""

    DESCRIPTION = f"Import a module's model above `{MARKERS.model_imports}`."

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

    def operation(self, path: str) -> ModelImport:
        """The model import of the given module."""
        return ModelImport(
            package=self.arguments["package"],
            module=self.arguments["module"],
            path=path,
            modules_package=self.arguments["modules_package"],
        )


class RemoveModelImport(AddModelImport):
    """Remove exactly what `AddModelImport` inserted."""

    DESCRIPTION = "Remove a module's model import."
    invert = True
