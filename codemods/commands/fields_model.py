"""`fields_model.AddModelColumn` / `RemoveModelColumn` (`libcst.tool codemod`)."""

from __future__ import annotations

import argparse

from codemods.commands._base import add_identifier
from codemods.commands._fields import FieldCommand, field_arguments
from codemods.fields_model import ModelColumn
from codemods.layout import MARKERS


class AddModelColumn(FieldCommand):
    """Add a field's `Mapped[...] = mapped_column(...)` to a model class."""

    DESCRIPTION = f"Add a field's column above `{MARKERS.fields}` in a model class."

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """--package, --model-class and --field."""
        field_arguments(arg_parser)
        add_identifier(arg_parser, "--model-class", "the model class, e.g. Customer")

    def operation(self, path: str) -> ModelColumn:
        """The column of the given field."""
        return ModelColumn(
            path,
            self.arguments["package"],
            model_class=self.arguments["model_class"],
            field=self.spec(),
        )


class RemoveModelColumn(AddModelColumn):
    """Remove exactly what `AddModelColumn` inserted."""

    DESCRIPTION = "Remove a field's column from a model class."
    invert = True
