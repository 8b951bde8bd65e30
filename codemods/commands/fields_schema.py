"""`fields_schema.AddSchemaField` / `RemoveSchemaField` (`libcst.tool codemod`)."""

from __future__ import annotations

import argparse

from codemods.commands._base import add_identifier
from codemods.commands._fields import FieldCommand, field_arguments
from codemods.fields_schema import SUFFIXES, SchemaField
from codemods.layout import MARKERS


class AddSchemaField(FieldCommand):
    """Add a field to a `<Model>Create`, `<Model>Update` or `<Model>Read` schema."""

    DESCRIPTION = f"Add a field above `{MARKERS.fields}` in a pydantic schema."

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """--package, --model-class, --role and --field."""
        field_arguments(arg_parser)
        add_identifier(arg_parser, "--model-class", "the model class, e.g. Customer")
        arg_parser.add_argument(
            "--role", dest="role", required=True, choices=sorted(SUFFIXES)
        )

    def operation(self, path: str) -> SchemaField:
        """The schema field of the given field and role."""
        return SchemaField(
            path,
            self.arguments["package"],
            model_class=self.arguments["model_class"],
            role=self.arguments["role"],
            field=self.spec(),
        )


class RemoveSchemaField(AddSchemaField):
    """Remove exactly what `AddSchemaField` inserted."""

    DESCRIPTION = "Remove a field from a pydantic schema."
    invert = True
