"""`export.AddExport` / `export.RemoveExport` for `python -m libcst.tool codemod`."""

from __future__ import annotations

import argparse

from codemods.commands._base import OperationCommand, add_identifier
from codemods.export import INTEGRATION_EXPORTS, MODULE_EXPORTS, ExportEntry


class AddExport(OperationCommand):
    """List a name in the `__all__` above an export marker."""

    DESCRIPTION = "Add a name to `__all__` above an export marker."

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """--name and --marker."""
        add_identifier(arg_parser, "--name", "the name to export, e.g. users")
        arg_parser.add_argument(
            "--marker",
            dest="marker",
            default=MODULE_EXPORTS,
            help="the marker comment (default: %(default)s; integrations use "
            f"'{INTEGRATION_EXPORTS}')",
        )

    def operation(self, path: str) -> ExportEntry:
        """The export entry of the given name."""
        return ExportEntry(path, self.arguments["name"], self.arguments["marker"])


class RemoveExport(AddExport):
    """Remove exactly what `AddExport` inserted."""

    DESCRIPTION = "Remove a name from `__all__` above an export marker."
    invert = True
