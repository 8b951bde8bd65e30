"""`settings.AddSettingsFields` / `settings.RemoveSettingsFields` for libcst.tool."""

from __future__ import annotations

import argparse

from codemods.commands._base import OperationCommand
from codemods.layout import MARKERS
from codemods.settings import Field, SettingsFields


def parse_field(text: str) -> Field:
    """`name:type` or `name:type=default` (the default may contain `:` and `=`)."""
    name, sep, rest = text.partition(":")
    if not sep or not name.strip() or not rest.strip():
        raise argparse.ArgumentTypeError(f"expected name:type[=default], got {text!r}")
    kind, eq, default = rest.partition("=")
    return (name.strip(), kind.strip(), default.strip() if eq else None)


class AddSettingsFields(OperationCommand):
    """Add a block of typed fields on `Settings` above a settings marker."""

    DESCRIPTION = "Add typed `Settings` fields above a settings marker."

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """--marker, repeated --field, optional --header."""
        arg_parser.add_argument(
            "--marker",
            dest="marker",
            required=True,
            help=f"e.g. '{MARKERS.integration_settings}'",
        )
        arg_parser.add_argument(
            "--field",
            dest="fields",
            action="append",
            type=parse_field,
            required=True,
            help="name:type[=default], repeat in order, e.g. redis_enabled:bool=False",
        )
        arg_parser.add_argument(
            "--header", dest="header", default=None, help="one-line header comment"
        )

    def operation(self, path: str) -> SettingsFields:
        """The settings block from the arguments."""
        return SettingsFields(
            path,
            self.arguments["marker"],
            self.arguments["fields"],
            self.arguments.get("header"),
        )


class RemoveSettingsFields(AddSettingsFields):
    """Remove exactly what `AddSettingsFields` inserted."""

    DESCRIPTION = "Remove a block of `Settings` fields (and its header)."
    invert = True
